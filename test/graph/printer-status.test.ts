// Issue 2, flow 6: PATCH /print/printers/{id} by a delegated admin and by the
// printer application, printer faults stopping and resuming the job on the device.
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRINTER_APP_ID, type Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, graphClient, makePdf, startEmulator } from '../support/harness.js';
import { createJob, expectFetchError, expectGraphError, getJob, metadataUrl, printMs, raw, submitJob, waitUntilPrinting } from '../support/graph-flow.js';

const PRINTER = `/print/printers/${DEFAULT_PRINTER_ID}`;
const OFFICE_IPM = 30;
const OFFICE_WARM_UP_S = 8;

interface PrinterJson {
  displayName: string;
  isAcceptingJobs: boolean;
  status: { state: string; details: string[]; description: string | null };
  location: Record<string, unknown> | null;
  defaults: Record<string, unknown>;
  [key: string]: unknown;
}

describe('printer updates and status', () => {
  let emu: Emulator;
  let admin: Client;
  let printerApp: Client;

  beforeEach(async () => {
    emu = await startEmulator();
    admin = adminClient(emu);
    printerApp = graphClient(emu, { kind: 'app', appId: PRINTER_APP_ID, roles: ['Printer.ReadWrite.All'] });
  });
  afterEach(async () => {
    await emu.close();
  });

  it('lets a delegated admin change displayName, location and defaults, and new jobs use the defaults', async () => {
    const res = await raw(admin, PRINTER).patch({
      displayName: 'Copy Room Colour',
      location: { building: 'Building 7', floor: '3', roomName: 'Copy Room 3.01', countryOrRegion: 'US' },
      defaults: { copiesPerJob: 2, mediaSize: 'A5', duplexMode: 'flipOnLongEdge' },
    });
    expect(res.status).toBe(200);
    const patched = (await res.json()) as PrinterJson;
    expect(patched['@odata.context']).toBe(metadataUrl(emu, 'print/printers/$entity'));
    expect(patched.displayName).toBe('Copy Room Colour');

    const got = (await admin.api(PRINTER).get()) as PrinterJson;
    expect(got.displayName).toBe('Copy Room Colour');
    expect(got.location).toMatchObject({ building: 'Building 7', floor: '3', roomName: 'Copy Room 3.01' });
    expect(got.defaults).toMatchObject({ copiesPerJob: 2, mediaSize: 'A5', duplexMode: 'flipOnLongEdge', colorMode: 'color' });

    // A 1-page job with no copies asked for prints the default 2 copies.
    const job = await submitJob(admin, PRINTER, await makePdf(1));
    await waitUntilPrinting(admin, job.path);
    // Two copies of one page, duplex: each copy starts a new sheet, so 2 sheets, 4 impressions (blank backs pass through too).
    const total = printMs(4, OFFICE_IPM, OFFICE_WARM_UP_S);
    emu.advance(total - 1);
    expect((await getJob(admin, job.path)).status.state).toBe('processing');
    emu.advance(1);
    expect((await getJob(admin, job.path)).status.state).toBe('completed');
  });

  it('refuses defaults outside the capabilities and properties a delegated admin may not set', async () => {
    let err = await expectGraphError(admin.api(PRINTER).patch({ defaults: { mediaSize: 'Tabloid Extra' } }), 400, 'invalidRequest');
    expect(err.message).toContain('mediaSize');
    err = await expectGraphError(admin.api(PRINTER).patch({ status: { state: 'stopped', details: ['mediaJam'] } }), 400, 'invalidRequest');
    expect(err.message).toContain("'status'");
    err = await expectGraphError(admin.api(PRINTER).patch({ isAcceptingJobs: false }), 400, 'invalidRequest');
    expect(err.message).toContain("'isAcceptingJobs'");
    expect(((await admin.api(PRINTER).get()) as PrinterJson).status.state).toBe('idle');
  });

  it('refuses a delegated user without the admin role (403)', async () => {
    const user = graphClient(emu, { kind: 'user', upn: 'carol@contoso.com', scopes: ['Printer.ReadWrite.All'] });
    await expectGraphError(user.api(PRINTER).patch({ displayName: 'Mine now' }), 403, 'accessDenied');
    await expectGraphError(user.api(PRINTER).patch({ status: { state: 'stopped', details: ['mediaJam'] } }), 403, 'accessDenied');
  });

  it('the printer application stops the processing job with mediaJam, and idle resumes it with the time it had left', async () => {
    const job = await submitJob(admin, PRINTER, await makePdf(3));
    await waitUntilPrinting(admin, job.path);
    const t0 = emu.clock.now();
    const total = printMs(3, OFFICE_IPM, OFFICE_WARM_UP_S);
    const beforeJam = 5_000;
    emu.advance(beforeJam);

    const res = await raw(printerApp, PRINTER).patch({ status: { state: 'stopped', details: ['mediaJam'], description: 'Paper jam in tray 2' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PrinterJson).status).toEqual({ state: 'stopped', details: ['mediaJam'], description: 'Paper jam in tray 2' });
    const stopped = await getJob(admin, job.path);
    expect(stopped.status).toMatchObject({ state: 'stopped' });
    expect(((await admin.api(PRINTER).get()) as PrinterJson).status).toMatchObject({ state: 'stopped', details: ['mediaJam'] });

    // Downtime while jammed does not count.
    const jammedFor = 30 * 60_000;
    emu.advance(jammedFor);
    expect((await getJob(admin, job.path)).status.state).toBe('stopped');

    const cleared = (await printerApp.api(PRINTER).patch({ status: { state: 'idle', details: [] } })) as PrinterJson;
    expect(cleared.status.state).toBe('processing');
    expect((await getJob(admin, job.path)).status).toMatchObject({ state: 'processing', details: ['transforming'] });

    const left = total - beforeJam;
    emu.advance(left - 1);
    expect((await getJob(admin, job.path)).status.state).toBe('processing');
    emu.advance(1);
    expect((await getJob(admin, job.path)).status.state).toBe('completed');
    expect(emu.clock.now() - t0).toBe(total + jammedFor);
    expect(((await admin.api(PRINTER).get()) as PrinterJson).status.state).toBe('idle');
  });

  it('a stopped printer keeps new jobs pending until it is idle again', async () => {
    await printerApp.api(PRINTER).patch({ status: { state: 'stopped', details: ['mediaEmpty'] } });
    const job = await submitJob(admin, PRINTER, await makePdf(1));
    expect((await getJob(admin, job.path)).status.state).toBe('pending');
    emu.advance(60_000);
    expect((await getJob(admin, job.path)).status.state).toBe('pending');
    await printerApp.api(PRINTER).patch({ status: { state: 'idle', details: [] } });
    await waitUntilPrinting(admin, job.path);
    emu.advance(printMs(1, OFFICE_IPM, OFFICE_WARM_UP_S));
    expect((await getJob(admin, job.path)).status.state).toBe('completed');
  });

  it('refuses a status from another application (403) and an unknown detail (400)', async () => {
    const other = graphClient(emu, { kind: 'app', appId: '0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e', roles: ['Printer.ReadWrite.All'] });
    const err = await expectGraphError(other.api(PRINTER).patch({ status: { state: 'stopped', details: ['mediaJam'] } }), 403, 'accessDenied');
    expect(err.message).toContain(PRINTER_APP_ID);
    const bad = await expectGraphError(printerApp.api(PRINTER).patch({ status: { state: 'stopped', details: ['disconnected'] } }), 400, 'invalidRequest');
    expect(bad.message).toContain('status.details');
    expect(((await admin.api(PRINTER).get()) as PrinterJson).status.state).toBe('idle');
  });

  it('the printer application sets isAcceptingJobs false, and job creation is refused until it is true again', async () => {
    const patched = (await printerApp.api(PRINTER).patch({ isAcceptingJobs: false })) as PrinterJson;
    expect(patched.isAcceptingJobs).toBe(false);
    expect(((await admin.api(PRINTER).get()) as PrinterJson).isAcceptingJobs).toBe(false);
    const err = await expectGraphError(admin.api(`${PRINTER}/jobs`).post({ configuration: {} }), 409, 'notAllowed');
    expect(err.message).toMatch(/not accepting jobs/);
    await printerApp.api(PRINTER).patch({ isAcceptingJobs: true });
    expect((await createJob(admin, PRINTER)).id).toMatch(/^\d+$/);
  });

  it('the /emulator/printers/{id}/status control route stops and resumes the printer the same way', async () => {
    const job = await submitJob(admin, PRINTER, await makePdf(2));
    await waitUntilPrinting(admin, job.path);
    const total = printMs(2, OFFICE_IPM, OFFICE_WARM_UP_S);
    emu.advance(3_000);

    const put = await fetch(`${emu.baseUrl}/emulator/printers/${DEFAULT_PRINTER_ID}/status`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'stopped', details: ['coverOpen'] }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ state: 'stopped', details: ['coverOpen'] });
    expect((await getJob(admin, job.path)).status.state).toBe('stopped');
    expect(((await admin.api(PRINTER).get()) as PrinterJson).status).toMatchObject({ state: 'stopped', details: ['coverOpen'] });
    emu.advance(10 * 60_000);

    const del = await fetch(`${emu.baseUrl}/emulator/printers/${DEFAULT_PRINTER_ID}/status`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(((await del.json()) as { state: string }).state).toBe('processing');
    emu.advance(total - 3_000 - 1);
    expect((await getJob(admin, job.path)).status.state).toBe('processing');
    emu.advance(1);
    expect((await getJob(admin, job.path)).status.state).toBe('completed');

    const bad = await fetch(`${emu.baseUrl}/emulator/printers/${DEFAULT_PRINTER_ID}/status`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'jammed' }),
    });
    await expectFetchError(bad, 400, 'invalidRequest');
  });

  it('restoreFactoryDefaults undoes an admin\'s defaults and keeps the rest', async () => {
    const factory = ((await admin.api(PRINTER).get()) as PrinterJson).defaults;
    await admin.api(PRINTER).patch({ displayName: 'Renamed', defaults: { copiesPerJob: 3, mediaSize: 'A5' } });
    expect(((await admin.api(PRINTER).get()) as PrinterJson).defaults).toMatchObject({ copiesPerJob: 3, mediaSize: 'A5' });

    const res = await raw(admin, `${PRINTER}/restoreFactoryDefaults`).post({});
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const after = (await admin.api(PRINTER).get()) as PrinterJson;
    expect(after.defaults).toEqual(factory);
    expect(after.displayName).toBe('Renamed');
    await expectGraphError(admin.api('/print/printers/no-such-printer/restoreFactoryDefaults').post({}), 404, 'itemNotFound');
  });

  it('beta getCapabilities answers the printer\'s capabilities, as the printer application reported them', async () => {
    const beta = graphClient(emu, { kind: 'user', upn: 'alice@contoso.com', scopes: ['Printer.Read.All'], admin: false }, 'beta');
    const caps = (await beta.api(`${PRINTER}/getCapabilities`).get()) as Record<string, unknown>;
    expect(caps['@odata.context']).toBe(metadataUrl(emu, 'microsoft.graph.printerCapabilities', 'beta'));
    const selected = (await admin.api(PRINTER).select('capabilities').get()) as { capabilities: Record<string, unknown> };
    const { '@odata.context': _context, ...rest } = caps;
    expect(rest).toEqual(selected.capabilities);

    await printerApp.api(PRINTER).patch({ capabilities: { copiesPerJob: { start: 1, end: 5 } } });
    expect(((await beta.api(`${PRINTER}/getCapabilities`).get()) as { copiesPerJob: unknown }).copiesPerJob).toEqual({ start: 1, end: 5 });
    // v1.0 has no such function; applications have no permission row for it.
    expect((await raw(admin, `${PRINTER}/getCapabilities`).get()).status).toBe(404);
    const betaApp = graphClient(emu, { kind: 'app', appId: PRINTER_APP_ID, roles: ['Printer.Read.All'] }, 'beta');
    await expectGraphError(betaApp.api(`${PRINTER}/getCapabilities`).get(), 403, 'accessDenied');
  });
});
