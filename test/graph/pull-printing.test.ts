// Issue 2, flow 4: pull printing and redirect (Graph printJob: redirect, the
// universal-print concept overview): task definition, jobStarted trigger, held
// job with a processing printTask, PATCH/abort/redirect guarded by the task.
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, fixture, graphClient, makePdf, startEmulator } from '../support/harness.js';
import {
  createJob,
  expectGraphError,
  getJob,
  metadataUrl,
  printMs,
  raw,
  submitJob,
  uploadAll,
  waitForJob,
  waitUntilPrinting,
  type CreatedJob,
} from '../support/graph-flow.js';

const FINISHER_ID = '6ba21157-8bf2-4084-81eb-3826d47ed946';
const FINISHER = `/print/printers/${FINISHER_ID}`;
// fixtures/printers/03-production-finisher.json
const FINISHER_IPM = 75;
const FINISHER_WARM_UP_S = 20;
const PULL_APP_ID = '11111111-2222-4333-8444-555555555555';
const OTHER_APP_ID = '99999999-8888-4777-8666-555555555555';
const PULL_ROLES = ['PrintTaskDefinition.ReadWrite.All', 'PrintJob.Manage.All', 'PrintJob.ReadWrite.All', 'Printer.Read.All'];

interface Task {
  id: string;
  parentUrl: string;
  status: { state: string; description: string };
}

describe('pull printing', () => {
  let emu: Emulator;
  let admin: Client;
  let app: Client;
  let otherApp: Client;
  let alice: Client;
  let shareId: string;
  let definitionId: string;
  let pdf: Uint8Array;

  beforeAll(async () => {
    emu = await startEmulator();
    admin = adminClient(emu);
    app = graphClient(emu, { kind: 'app', appId: PULL_APP_ID, roles: PULL_ROLES, name: 'Contoso Pull Print' });
    otherApp = graphClient(emu, { kind: 'app', appId: OTHER_APP_ID, roles: PULL_ROLES });
    alice = graphClient(emu, { kind: 'user', upn: 'alice@contoso.com', scopes: ['PrintJob.ReadWrite'] });
    pdf = await makePdf(1);

    const share = (await admin.api('/print/shares').post({
      displayName: 'Pull queue',
      allowAllUsers: true,
      'printer@odata.bind': `https://graph.microsoft.com/v1.0${FINISHER}`,
    })) as { id: string };
    shareId = share.id;

    const res = await raw(app, '/print/taskDefinitions').post({ displayName: 'Release at the device', createdBy: { displayName: 'Contoso Pull Print' } });
    expect(res.status).toBe(201);
    const definition = (await res.json()) as { id: string; displayName: string; createdBy: { appId: string; displayName: string } };
    expect(definition.createdBy).toMatchObject({ appId: PULL_APP_ID, displayName: 'Contoso Pull Print' });
    definitionId = definition.id;

    const trigger = await raw(admin, `${FINISHER}/taskTriggers`).post({
      event: 'jobStarted',
      'definition@odata.bind': `https://graph.microsoft.com/v1.0/print/taskDefinitions/${definitionId}`,
    });
    expect(trigger.status).toBe(201);
    expect(await trigger.json()).toMatchObject({ id: expect.any(String), event: 'jobStarted' });
  });
  afterAll(async () => {
    await emu.close();
  });

  /** Alice prints to the pull queue; returns the job as the printer path names it. */
  async function heldJob(): Promise<CreatedJob> {
    const job = await submitJob(alice, `/print/shares/${shareId}`, pdf);
    return { ...job, path: `${FINISHER}/jobs/${job.id}` };
  }

  async function taskOf(job: CreatedJob): Promise<Task> {
    const tasks = (await app.api(`/print/taskDefinitions/${definitionId}/tasks`).get()) as { value: Task[] };
    const mine = tasks.value.filter((t) => t.parentUrl.endsWith(`/print/printers/${FINISHER_ID}/jobs/${job.id}`));
    expect(mine).toHaveLength(1);
    return mine[0]!;
  }

  it('holds a job started on the printer with a trigger, with a processing task the app can see', async () => {
    const job = await createJob(alice, `/print/shares/${shareId}`);
    await uploadAll(alice, job, pdf);
    // The start response already shows the hold.
    const started = await raw(alice, `${job.path}/start`).post({});
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({ state: 'paused', details: ['releaseWait'] });

    // Time passes; the job stays held.
    emu.advance(10 * 60_000);
    const printerPath = `${FINISHER}/jobs/${job.id}`;
    const held = await getJob(app, printerPath);
    expect(held.status).toMatchObject({ state: 'paused', details: ['releaseWait'] });
    expect(((await admin.api(FINISHER).get()) as { status: { state: string } }).status.state).toBe('idle');

    const task = await taskOf({ ...job, path: printerPath });
    expect(task.status.state).toBe('processing');
    expect(task.parentUrl).toBe(`${emu.baseUrl}/v1.0${printerPath}`);

    const tasks = (await app.api(`/print/taskDefinitions/${definitionId}/tasks`).get()) as { '@odata.context': string };
    expect(tasks['@odata.context']).toBe(metadataUrl(emu, 'Collection(microsoft.graph.printTask)'));

    const expanded = (await app.api(printerPath).expand('tasks').get()) as { tasks: Task[]; '@odata.context': string };
    expect(expanded.tasks.map((t) => t.id)).toEqual([task.id]);
    expect(expanded.tasks[0]!.status.state).toBe('processing');

    // The app finds Alice's jobs on the printer the way the docs suggest.
    const list = (await app
      .api(`${FINISHER}/jobs`)
      .filter("createdBy/userPrincipalName eq 'alice@contoso.com'")
      .get()) as { value: Array<{ id: string }> };
    expect(list.value.map((j) => j.id)).toContain(job.id);
  });

  it('lets the app PATCH the configuration, and completing the task releases the job, which prints', async () => {
    const job = await heldJob();
    const res = await raw(app, job.path).patch({ configuration: { copies: 2, outputBin: 'mailbox-1' } });
    expect(res.status).toBe(200);
    const patched = (await res.json()) as { configuration: Record<string, unknown>; '@odata.context': string };
    expect(patched.configuration).toMatchObject({ copies: 2, outputBin: 'mailbox-1' });
    expect(patched['@odata.context']).toBe(metadataUrl(emu, `print/printers('${FINISHER_ID}')/jobs/$entity`));

    // A value the printer lacks is still refused.
    const bad = await expectGraphError(app.api(job.path).patch({ configuration: { outputBin: 'output-tray' } }), 400, 'invalidRequest');
    expect(bad.message).toContain('configuration.outputBin');
    expect(bad.message).toContain('stacker-1');

    const task = await taskOf(job);
    const released = (await app
      .api(`/print/taskDefinitions/${definitionId}/tasks/${task.id}`)
      .patch({ status: { state: 'completed', description: 'Released at the device' } })) as Task;
    expect(released.status).toEqual({ state: 'completed', description: 'Released at the device' });

    const t0 = emu.clock.now();
    await waitUntilPrinting(app, job.path);
    // copies 2 of one page on a printer that defaults to duplex: each copy is a sheet with a blank back.
    const total = printMs(4, FINISHER_IPM, FINISHER_WARM_UP_S);
    emu.advance(total - 1);
    expect((await getJob(app, job.path)).status.state).toBe('processing');
    emu.advance(1);
    expect((await getJob(app, job.path)).status.state).toBe('completed');
    expect(emu.clock.now() - t0).toBe(total);

    // Once the task is completed, the app no longer controls the job.
    const err = await expectGraphError(app.api(job.path).patch({ configuration: { copies: 1 } }), 403, 'accessDenied');
    expect(err.message).toMatch(/no processing task/);
  });

  it("redirects a held job with the docs' example body: 200, linked jobs, task completed, source canceled", async () => {
    const job = await heldJob();
    const task = await taskOf(job);
    const body = JSON.parse(fixture('fixtures/configs/redirect-example.json').toString('utf8')) as {
      destinationPrinterId: string;
      configuration: Record<string, unknown>;
    };
    expect(body.destinationPrinterId).toBe(DEFAULT_PRINTER_ID);

    const res = await raw(app, `${job.path}/redirect`).post(body);
    expect(res.status).toBe(200);
    const target = (await res.json()) as {
      id: string;
      '@odata.context': string;
      redirectedFrom: string;
      redirectedTo: string | null;
      status: { state: string; details: string[] };
      configuration: Record<string, unknown>;
      createdBy: { userPrincipalName: string };
    };
    const targetPath = `/print/printers/${DEFAULT_PRINTER_ID}/jobs/${target.id}`;
    expect(target['@odata.context']).toBe(metadataUrl(emu, `print/printers('${DEFAULT_PRINTER_ID}')/jobs/$entity`));
    expect(target.id).not.toBe(job.id);
    expect(target.redirectedFrom).toBe(`${emu.baseUrl}/v1.0${job.path}`);
    expect(target.redirectedTo).toBeNull();
    expect(target.status).toMatchObject({ state: 'processing', details: ['interpreting'] });
    expect(target.createdBy.userPrincipalName).toBe('alice@contoso.com');
    const { finishings: _f, ...config } = body.configuration;
    expect(target.configuration).toMatchObject(config);

    const source = await getJob(app, job.path);
    expect(source.status.state).toBe('canceled');
    expect(source.status.description).toContain(`job ${target.id}`);
    expect(source.redirectedTo).toBe(`${emu.baseUrl}/v1.0${targetPath}`);

    const after = (await app.api(`/print/taskDefinitions/${definitionId}/tasks/${task.id}`).get()) as Task;
    expect(after.status.state).toBe('completed');

    // The destination job prints the same document.
    const targetDoc = (await admin.api(`${targetPath}/documents`).get()) as { value: Array<{ id: string; size: number }> };
    expect(targetDoc.value[0]!.size).toBe(pdf.length);
    await waitForJob(admin, targetPath, (j) => j.status.details.includes('transforming'));
    emu.advance(10 * 60_000);
    expect((await getJob(admin, targetPath)).status.state).toBe('completed');

    // A redirected job cannot be redirected again.
    await expectGraphError(app.api(`${job.path}/redirect`).post(body), 403, 'accessDenied');
  });

  it('refuses a redirect to a printer that does not exist', async () => {
    const job = await heldJob();
    const err = await expectGraphError(app.api(`${job.path}/redirect`).post({ destinationPrinterId: 'no-such-printer' }), 400, 'invalidRequest');
    expect(err.message).toContain('destinationPrinterId');
    expect((await getJob(app, job.path)).status.state).toBe('paused');
  });

  it('aborts a held job with a reason', async () => {
    const job = await heldJob();
    const res = await raw(app, `${job.path}/abort`).post({ reason: 'Not released within the retention time' });
    expect(res.status).toBe(204);
    const aborted = await getJob(app, job.path);
    expect(aborted.status.state).toBe('aborted');
    expect(aborted.status.description).toBe('Not released within the retention time');
    expect((await taskOf(job)).status.state).not.toBe('processing');
  });

  it("refuses PATCH, abort and redirect from an application whose task definition is not the job's", async () => {
    const job = await heldJob();
    const calls = [
      otherApp.api(job.path).patch({ configuration: { copies: 3 } }),
      otherApp.api(`${job.path}/abort`).post({ reason: 'not mine' }),
      otherApp.api(`${job.path}/redirect`).post({ destinationPrinterId: DEFAULT_PRINTER_ID }),
    ];
    for (const call of calls) {
      const err = await expectGraphError(call, 403, 'accessDenied');
      expect(err.message).toMatch(/no processing task/);
      expect(err.message).toContain(OTHER_APP_ID);
    }
    const still = await getJob(app, job.path);
    expect(still.status).toMatchObject({ state: 'paused', details: ['releaseWait'] });
    expect(still.configuration).toMatchObject({ copies: null });
  });

  it('refuses PATCH, abort and redirect on a job that no trigger holds', async () => {
    const job = await submitJob(admin, `/print/printers/${DEFAULT_PRINTER_ID}`, pdf);
    const calls = [
      app.api(job.path).patch({ configuration: { copies: 3 } }),
      app.api(`${job.path}/abort`).post({}),
      app.api(`${job.path}/redirect`).post({ destinationPrinterId: FINISHER_ID }),
    ];
    for (const call of calls) {
      const err = await expectGraphError(call, 403, 'accessDenied');
      expect(err.message).toContain(`print job '${job.id}'`);
      expect(err.message).toMatch(/no processing task/);
    }
    expect((await getJob(app, job.path)).status.state).not.toMatch(/aborted|canceled/);
  });
});
