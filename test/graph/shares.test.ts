// Issue 2, flow 5: printer shares (list, create, get, patch, delete) and users
// printing through them.
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, graphClient, makePdf, startEmulator } from '../support/harness.js';
import { createJob, expectGraphError, getJob, metadataUrl, raw, uploadAll } from '../support/graph-flow.js';

const MONO_ID = '5c4b0d88-d8b3-430a-9605-4c205fb48f72';
const bind = (printerId: string) => `https://graph.microsoft.com/v1.0/print/printers/${printerId}`;

interface ShareJson {
  id: string;
  displayName: string;
  allowAllUsers: boolean;
  createdDateTime: string;
  isAcceptingJobs: boolean;
  status: { state: string };
  [key: string]: unknown;
}

describe('printer shares', () => {
  let emu: Emulator;
  let admin: Client;
  let bob: Client;
  let pdf: Uint8Array;

  beforeAll(async () => {
    emu = await startEmulator();
    admin = adminClient(emu);
    // An ordinary user: no Printer Administrator role, the scopes a print client asks for.
    bob = graphClient(emu, { kind: 'user', upn: 'bob@contoso.com', scopes: ['PrintJob.ReadWrite', 'PrinterShare.Read.All'] });
    pdf = await makePdf(1);
  });
  afterAll(async () => {
    await emu.close();
  });

  it('creates, lists, gets, patches and deletes a share', async () => {
    const empty = (await admin.api('/print/shares').get()) as { '@odata.context': string; value: unknown[] };
    expect(empty).toEqual({ '@odata.context': metadataUrl(emu, 'print/shares'), value: [] });

    const res = await raw(admin, '/print/shares').post({ displayName: 'Front desk', allowAllUsers: false, 'printer@odata.bind': bind(DEFAULT_PRINTER_ID) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as ShareJson;
    expect(created['@odata.context']).toBe(metadataUrl(emu, 'print/shares/$entity'));
    expect(created).toMatchObject({ displayName: 'Front desk', allowAllUsers: false, isAcceptingJobs: true, model: 'Office Color A4 Duplex 30' });
    expect(Date.parse(created.createdDateTime)).toBe(emu.clock.now());

    const list = (await admin.api('/print/shares').get()) as { value: ShareJson[] };
    expect(list.value.map((s) => s.id)).toEqual([created.id]);
    expect(list.value[0]).not.toHaveProperty('capabilities');
    expect(list.value[0]).not.toHaveProperty('defaults');

    const got = (await admin.api(`/print/shares/${created.id}`).get()) as ShareJson;
    expect(got).toMatchObject({ id: created.id, displayName: 'Front desk' });
    const viaPrinter = (await admin.api(`/print/printers/${DEFAULT_PRINTER_ID}/shares/${created.id}`).get()) as ShareJson;
    expect(viaPrinter.id).toBe(created.id);
    const printerShares = (await admin.api(`/print/printers/${DEFAULT_PRINTER_ID}/shares`).get()) as { value: ShareJson[] };
    expect(printerShares.value.map((s) => s.id)).toEqual([created.id]);
    const printer = (await admin.api(`/print/shares/${created.id}/printer`).get()) as { id: string };
    expect(printer.id).toBe(DEFAULT_PRINTER_ID);
    const expanded = (await admin.api(`/print/shares/${created.id}`).expand('printer').get()) as { printer: { id: string } };
    expect(expanded.printer.id).toBe(DEFAULT_PRINTER_ID);
    expect(((await admin.api(`/print/printers/${DEFAULT_PRINTER_ID}`).get()) as { isShared: boolean }).isShared).toBe(true);

    const patched = (await admin.api(`/print/shares/${created.id}`).patch({
      displayName: 'Front desk (mono)',
      allowAllUsers: true,
      'printer@odata.bind': bind(MONO_ID),
    })) as ShareJson;
    expect(patched).toMatchObject({ id: created.id, displayName: 'Front desk (mono)', allowAllUsers: true, model: 'Mono Laser Letter 40' });
    expect(((await admin.api(`/print/shares/${created.id}/printer`).get()) as { id: string }).id).toBe(MONO_ID);
    expect(((await admin.api(`/print/printers/${DEFAULT_PRINTER_ID}`).get()) as { isShared: boolean }).isShared).toBe(false);

    const del = await raw(admin, `/print/shares/${created.id}`).delete();
    expect(del.status).toBe(204);
    await expectGraphError(admin.api(`/print/shares/${created.id}`).get(), 404, 'itemNotFound');
    expect(((await admin.api('/print/shares').get()) as { value: unknown[] }).value).toEqual([]);
  });

  it('refuses bad share bodies with a 400 naming the property', async () => {
    let err = await expectGraphError(admin.api('/print/shares').post({ displayName: 'x'.repeat(51), 'printer@odata.bind': bind(DEFAULT_PRINTER_ID) }), 400, 'invalidRequest');
    expect(err.message).toContain("'displayName'");
    err = await expectGraphError(admin.api('/print/shares').post({ displayName: 'No printer' }), 400, 'invalidRequest');
    expect(err.message).toContain('printer@odata.bind');
    await expectGraphError(admin.api('/print/shares').post({ displayName: 'Ghost', 'printer@odata.bind': bind('no-such-printer') }), 404, 'itemNotFound');
  });

  it('lets a user create a job on a share that allows all users and start it on the share path', async () => {
    const share = (await admin.api('/print/shares').post({ displayName: 'Everyone', allowAllUsers: true, 'printer@odata.bind': bind(DEFAULT_PRINTER_ID) })) as ShareJson;
    const sharePath = `/print/shares/${share.id}`;
    expect(((await bob.api('/print/shares').get()) as { value: ShareJson[] }).value.map((s) => s.id)).toContain(share.id);

    const res = await raw(bob, `${sharePath}/jobs`).post({ configuration: { copies: 1 } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; '@odata.context': string; createdBy: { userPrincipalName: string } };
    expect(created['@odata.context']).toBe(metadataUrl(emu, `print/shares('${share.id}')/jobs/$entity`));
    expect(created.createdBy.userPrincipalName).toBe('bob@contoso.com');

    const job = await createJob(bob, sharePath);
    await uploadAll(bob, job, pdf);
    const started = await raw(bob, `${job.path}/start`).post({});
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({ state: 'processing', details: ['interpreting'] });

    // The job is the printer's job: visible on both paths.
    const viaPrinter = await getJob(bob, `/print/printers/${DEFAULT_PRINTER_ID}/jobs/${job.id}`);
    expect(viaPrinter.id).toBe(job.id);
    const list = (await bob.api(`${sharePath}/jobs`).get()) as { '@odata.context': string; value: Array<{ id: string }> };
    expect(list['@odata.context']).toBe(metadataUrl(emu, `print/shares('${share.id}')/jobs`));
    expect(list.value.map((j) => j.id)).toEqual(expect.arrayContaining([created.id, job.id]));

    // The same user may start a job of his on the printer path too.
    const second = await createJob(bob, sharePath);
    await uploadAll(bob, second, pdf);
    const onPrinter = await raw(bob, `/print/printers/${DEFAULT_PRINTER_ID}/jobs/${second.id}/start`).post({});
    expect(onPrinter.status).toBe(200);
    // Queued behind the first job, which the printer is still printing.
    expect(await onPrinter.json()).toMatchObject({ state: 'pending', details: [] });
    expect((await getJob(bob, second.path)).status.state).toBe('pending');
  });

  it('refuses the user the printer list and job creation on the printer path (403)', async () => {
    let err = await expectGraphError(bob.api('/print/printers').get(), 403, 'accessDenied');
    expect(err.message).toMatch(/Printer\.Read\.All/);
    const withPrinterRead = graphClient(emu, { kind: 'user', upn: 'bob@contoso.com', scopes: ['PrintJob.ReadWrite', 'Printer.Read.All'] });
    err = await expectGraphError(withPrinterRead.api('/print/printers').get(), 403, 'accessDenied');
    expect(err.message).toMatch(/Printer Administrator/);
    err = await expectGraphError(bob.api(`/print/printers/${DEFAULT_PRINTER_ID}/jobs`).post({ configuration: {} }), 403, 'accessDenied');
    expect(err.message).toMatch(/Printer Administrator/);
  });

  it('refuses share management to a non-admin and job creation on a share that does not allow all users', async () => {
    await expectGraphError(
      graphClient(emu, { kind: 'user', upn: 'bob@contoso.com', scopes: ['PrinterShare.ReadWrite.All'] })
        .api('/print/shares')
        .post({ displayName: 'Mine', 'printer@odata.bind': bind(DEFAULT_PRINTER_ID) }),
      403,
      'accessDenied',
    );
    const closed = (await admin.api('/print/shares').post({ displayName: 'Finance only', allowAllUsers: false, 'printer@odata.bind': bind(MONO_ID) })) as ShareJson;
    const err = await expectGraphError(bob.api(`/print/shares/${closed.id}/jobs`).post({ configuration: {} }), 403, 'accessDenied');
    expect(err.message).toContain('Finance only');
  });
});
