// Graph change notifications for Universal Print, through the official SDK and
// a real webhook receiver on a local port: endpoint validation, printTask
// triggered (JobStarted) and JobFetchable notifications, renewal, expiry,
// retries on the simulated clock, and the requests Graph refuses.
import type { Client } from '@microsoft/microsoft-graph-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from '../../src/core/clock.js';
import { createEmulator, type Emulator } from '../../src/emulator.js';
import { RETRY_DELAYS_MS, type Notification } from '../../src/graph/change-notifications.js';
import { attr, DelimiterTag } from '../../src/ipp/codec/index.js';
import { adminClient, DEFAULT_PRINTER_ID, graphClient, makePdf, startEmulator } from '../support/harness.js';
import { expectGraphError, metadataUrl, raw, submitJob } from '../support/graph-flow.js';
import { ipp } from '../support/ipp-request.js';

const FINISHER_ID = '6ba21157-8bf2-4084-81eb-3826d47ed946';
const FINISHER = `/print/printers/${FINISHER_ID}`;
const APP_ID = '11111111-2222-4333-8444-555555555555';
const OTHER_APP_ID = '99999999-8888-4777-8666-555555555555';
const ROLES = ['PrintTaskDefinition.ReadWrite.All', 'PrintJob.Manage.All', 'PrintJob.ReadWrite.All', 'Printer.Read.All'];
const HOUR = 3_600_000;

/** What the endpoint receives: the notifications Graph batches into one POST. */
interface Received {
  value: Notification[];
}

/** A webhook endpoint: answers validation as Graph asks, records notifications, and can be told to fail. */
class Receiver {
  readonly notifications: Received[] = [];
  readonly validations: string[] = [];
  /** How to answer validation: echo the token (default), or something wrong. */
  validation: 'echo' | 'wrong-token' | 'json' | 'redirect' = 'echo';
  /** Status for the next notification POSTs (then 202). */
  failNext: number[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const token = url.searchParams.get('validationToken');
        if (token !== null) {
          this.validations.push(token);
          if (this.validation === 'redirect') res.writeHead(307, { location: `${this.url}/moved?validationToken=${encodeURIComponent(token)}` }).end();
          else if (this.validation === 'json') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
          else res.writeHead(200, { 'content-type': 'text/plain' }).end(this.validation === 'echo' ? token : 'not-the-token');
          return;
        }
        const status = this.failNext.shift() ?? 202;
        if (status < 300) this.notifications.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/notifications`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  async waitFor(n: number): Promise<void> {
    for (let i = 0; i < 500 && this.notifications.length < n; i++) await new Promise((r) => setTimeout(r, 5));
    expect(this.notifications).toHaveLength(n);
  }
}

describe('change notifications', () => {
  let emu: Emulator;
  let admin: Client;
  let app: Client;
  let receiver: Receiver;
  let definitionId: string;
  let shareId: string;

  beforeEach(async () => {
    emu = await startEmulator();
    admin = adminClient(emu);
    app = graphClient(emu, { kind: 'app', appId: APP_ID, roles: ROLES });
    receiver = new Receiver();
    await receiver.start();
    definitionId = ((await app.api('/print/taskDefinitions').post({ displayName: 'Release at the device', createdBy: { displayName: 'Contoso' } })) as { id: string }).id;
    shareId = ((await admin.api('/print/shares').post({ displayName: 'Pull queue', allowAllUsers: true, 'printer@odata.bind': `https://graph.microsoft.com/v1.0${FINISHER}` })) as { id: string }).id;
  });
  afterEach(async () => {
    await emu.close();
    await receiver.stop();
  });

  const inHours = (h: number) => new Date(emu.clock.now() + h * HOUR).toISOString();
  const taskSubscription = (extra: Record<string, unknown> = {}) => ({
    changeType: 'created',
    resource: `print/taskDefinitions/${definitionId}/tasks`,
    clientState: 'secret',
    notificationUrl: receiver.url,
    expirationDateTime: inHours(24),
    ...extra,
  });
  const alice = () => graphClient(emu, { kind: 'user', upn: 'alice@contoso.com', scopes: ['PrintJob.ReadWrite'] });

  it('validates the endpoint, then notifies when a trigger creates a printTask', async () => {
    const res = await raw(app, '/subscriptions').post(taskSubscription());
    expect(res.status).toBe(201);
    const sub = (await res.json()) as Record<string, unknown>;
    expect(sub).toMatchObject({
      '@odata.context': metadataUrl(emu, 'subscriptions/$entity'),
      id: expect.any(String),
      resource: `print/taskDefinitions/${definitionId}/tasks`,
      applicationId: APP_ID,
      changeType: 'created',
      clientState: 'secret',
      notificationUrl: receiver.url,
      notificationQueryOptions: null,
      latestSupportedTlsVersion: 'v1_2',
    });
    expect(receiver.validations).toHaveLength(1);

    await admin.api(`${FINISHER}/taskTriggers`).post({ event: 'jobStarted', 'definition@odata.bind': `https://graph.microsoft.com/v1.0/print/taskDefinitions/${definitionId}` });
    const job = await submitJob(alice(), `/print/shares/${shareId}`, await makePdf(1));
    await receiver.waitFor(1);
    const [n] = receiver.notifications[0]!.value;
    expect(n).toMatchObject({ subscriptionId: sub.id, changeType: 'created', clientState: 'secret', subscriptionExpirationDateTime: sub.expirationDateTime });
    expect(n!.resourceData['@odata.type']).toBe('#microsoft.graph.printTask');
    // The resource path is one the app can GET, and the task is the held job's.
    const task = (await app.api(`/${n!.resource}`).get()) as { id: string; parentUrl: string; status: { state: string } };
    expect(task.id).toBe(n!.resourceData.id);
    expect(task.parentUrl.endsWith(`${FINISHER}/jobs/${job.id}`)).toBe(true);
    expect(task.status.state).toBe('processing');
  });

  it('notifies when a job on the printer becomes fetchable, once', async () => {
    const printerApp = graphClient(emu, { kind: 'app', appId: OTHER_APP_ID, roles: ['Printer.Read.All'] });
    const sub = (await printerApp.api('/subscriptions').post({
      changeType: 'updated',
      resource: `print/printers/${DEFAULT_PRINTER_ID}/jobs`,
      notificationQueryOptions: '$filter = isFetchable eq true',
      notificationUrl: receiver.url,
      expirationDateTime: inHours(48),
      clientState: 'fetch',
    })) as { id: string };
    const job = await submitJob(admin, `/print/printers/${DEFAULT_PRINTER_ID}`, await makePdf(1));
    await receiver.waitFor(1);
    const [n] = receiver.notifications[0]!.value;
    expect(n).toMatchObject({ subscriptionId: sub.id, changeType: 'updated', resource: `print/printers/${DEFAULT_PRINTER_ID}/jobs/${job.id}`, clientState: 'fetch' });
    expect(n!.resourceData).toEqual({ '@odata.type': '#microsoft.graph.printJob', '@odata.id': `print/printers/${DEFAULT_PRINTER_ID}/jobs/${job.id}`, id: job.id });
    // Printing it to the end sends nothing more.
    for (let i = 0; i < 100; i++) emu.advance(1000);
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.notifications).toHaveLength(1);
    // A job sent over IPP to the same printer is announced the same way.
    const printed = await ipp(emu, 'Print-Job', { operation: [attr.mimeMediaType('document-format', 'application/pdf')], data: await makePdf(1) });
    const ippJobId = String(printed.group(DelimiterTag.jobAttributes)['job-id']![0]);
    await receiver.waitFor(2);
    expect(receiver.notifications[1]!.value[0]!.resourceData.id).toBe(ippJobId);
  });

  it('refuses an endpoint that does not echo the validation token, and creates nothing', async () => {
    receiver.validation = 'wrong-token';
    const err = await expectGraphError(app.api('/subscriptions').post(taskSubscription()), 400, 'invalidRequest');
    expect(err.message).toMatch(/validation request failed/i);
    receiver.validation = 'json';
    await expectGraphError(app.api('/subscriptions').post(taskSubscription()), 400, 'invalidRequest');
    // A redirect is not followed, even to an address that would echo the token.
    receiver.validation = 'redirect';
    const redirected = await expectGraphError(app.api('/subscriptions').post(taskSubscription()), 400, 'invalidRequest');
    expect(redirected.message).toMatch(/answered: 307/);
    expect(receiver.validations).toHaveLength(3);
    // A port nothing listens on any more.
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const closedUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/hook`;
    await new Promise((r) => gone.close(r));
    const unreachable = await expectGraphError(app.api('/subscriptions').post(taskSubscription({ notificationUrl: closedUrl })), 400, 'invalidRequest');
    expect(unreachable.message).toContain(closedUrl);
    expect(unreachable.message).toContain('ECONNREFUSED');
    expect(((await app.api('/subscriptions').get()) as { value: unknown[] }).value).toEqual([]);
  });

  it('refuses what Graph refuses', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [taskSubscription({ resource: 'print/shares' }), /does not support change notifications/],
      [taskSubscription({ changeType: 'updated' }), /changeType must be 'created'/],
      [taskSubscription({ expirationDateTime: inHours(71) }), /4230 minutes/],
      [taskSubscription({ expirationDateTime: inHours(-1) }), /in the past/],
      [taskSubscription({ notificationUrl: 'ftp://example.com/hook' }), /https/],
      [taskSubscription({ includeResourceData: true }), /includeResourceData/],
      [{ ...taskSubscription({ resource: `print/printers/${DEFAULT_PRINTER_ID}/jobs`, changeType: 'updated' }) }, /isFetchable eq true/],
    ];
    for (const [body, message] of cases) {
      const err = await expectGraphError(app.api('/subscriptions').post(body), 400, 'invalidRequest');
      expect(err.message).toMatch(message);
    }
    // Application permissions only; another application's definition is not found.
    const user = graphClient(emu, { kind: 'user', upn: 'admin@contoso.com', scopes: ['Printer.Read.All', 'PrintTaskDefinition.ReadWrite.All'], admin: true });
    await expectGraphError(user.api('/subscriptions').post(taskSubscription()), 403, 'accessDenied');
    await expectGraphError(graphClient(emu, { kind: 'app', appId: OTHER_APP_ID, roles: [] }).api('/subscriptions').post(taskSubscription()), 403, 'accessDenied');
    await expectGraphError(graphClient(emu, { kind: 'app', appId: OTHER_APP_ID, roles: ROLES }).api('/subscriptions').post(taskSubscription()), 404, 'itemNotFound');
    await expectGraphError(app.api('/subscriptions').post(taskSubscription({ resource: 'print/taskDefinitions/%ZZ/tasks' })), 404, 'itemNotFound');
    expect(receiver.validations).toEqual([]);
  });

  it('lists, renews and deletes an application\'s own subscriptions; they lapse at expirationDateTime', async () => {
    const sub = (await app.api('/subscriptions').post(taskSubscription({ expirationDateTime: inHours(1) }))) as { id: string };
    const other = graphClient(emu, { kind: 'app', appId: OTHER_APP_ID, roles: ROLES });
    expect(((await app.api('/subscriptions').get()) as { value: Array<{ id: string }> }).value.map((s) => s.id)).toEqual([sub.id]);
    expect(((await other.api('/subscriptions').get()) as { value: unknown[] }).value).toEqual([]);
    await expectGraphError(other.api(`/subscriptions/${sub.id}`).get(), 404, 'itemNotFound');

    const renewedTo = inHours(70);
    const renewed = (await app.api(`/subscriptions/${sub.id}`).patch({ expirationDateTime: renewedTo })) as { expirationDateTime: string };
    expect(renewed.expirationDateTime).toBe(renewedTo);
    emu.advance(2 * HOUR);
    expect(((await app.api(`/subscriptions/${sub.id}`).get()) as { id: string }).id).toBe(sub.id);

    // Past its time it is gone, and a task created then is not announced.
    emu.advance(69 * HOUR);
    await expectGraphError(app.api(`/subscriptions/${sub.id}`).get(), 404, 'itemNotFound');
    await admin.api(`${FINISHER}/taskTriggers`).post({ event: 'jobStarted', 'definition@odata.bind': `https://graph.microsoft.com/v1.0/print/taskDefinitions/${definitionId}` });
    await submitJob(alice(), `/print/shares/${shareId}`, await makePdf(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.notifications).toEqual([]);

    const again = (await app.api('/subscriptions').post(taskSubscription())) as { id: string };
    const del = await raw(app, `/subscriptions/${again.id}`).delete();
    expect(del.status).toBe(204);
    await expectGraphError(app.api(`/subscriptions/${again.id}`).get(), 404, 'itemNotFound');
  });

  it('tries a notification again, on the clock, until the endpoint takes it', async () => {
    await app.api('/subscriptions').post(taskSubscription());
    receiver.failNext = [500, 503];
    await admin.api(`${FINISHER}/taskTriggers`).post({ event: 'jobStarted', 'definition@odata.bind': `https://graph.microsoft.com/v1.0/print/taskDefinitions/${definitionId}` });
    await submitJob(alice(), `/print/shares/${shareId}`, await makePdf(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.notifications).toHaveLength(0);
    expect(receiver.failNext).toEqual([503]);
    emu.advance(RETRY_DELAYS_MS[0]!);
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.failNext).toEqual([]);
    expect(receiver.notifications).toHaveLength(0);
    emu.advance(RETRY_DELAYS_MS[1]!);
    await receiver.waitFor(1);
  });

  it('keeps subscriptions across a restart on the same data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printsim-subscriptions-'));
    try {
      const at = emu.clock.now();
      let first: Emulator | undefined = await createEmulator({ dataDir: dir, clock: new SimulatedClock(at) });
      await first.listen({ port: 0 });
      const firstApp = graphClient(first, { kind: 'app', appId: APP_ID, roles: ROLES });
      const def = ((await firstApp.api('/print/taskDefinitions').post({ displayName: 'Release', createdBy: { displayName: 'Contoso' } })) as { id: string }).id;
      const sub = (await firstApp.api('/subscriptions').post({ ...taskSubscription(), resource: `print/taskDefinitions/${def}/tasks` })) as { id: string };
      await first.close();
      first = undefined;

      const second = await createEmulator({ dataDir: dir, clock: new SimulatedClock(at + HOUR) });
      try {
        await second.listen({ port: 0 });
        const secondApp = graphClient(second, { kind: 'app', appId: APP_ID, roles: ROLES });
        expect(((await secondApp.api('/subscriptions').get()) as { value: Array<{ id: string }> }).value.map((s) => s.id)).toEqual([sub.id]);
        const secondAdmin = adminClient(second);
        await secondAdmin.api(`${FINISHER}/taskTriggers`).post({ event: 'jobStarted', 'definition@odata.bind': `https://graph.microsoft.com/v1.0/print/taskDefinitions/${def}` });
        await submitJob(secondAdmin, FINISHER, await makePdf(1));
        await receiver.waitFor(1);
        expect(receiver.notifications[0]!.value[0]!.subscriptionId).toBe(sub.id);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
