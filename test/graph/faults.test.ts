// Graph faults on demand: a counted number of matching requests answer 429,
// 500, 503 or 504 with the Graph error body (and Retry-After), so a client's
// retry logic can be tested, here the official SDK's RetryHandler.
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, startEmulator } from '../support/harness.js';
import { expectFetchError } from '../support/graph-flow.js';

const PRINTER = `/print/printers/${DEFAULT_PRINTER_ID}`;

describe('Graph faults', () => {
  let emu: Emulator;
  let admin: Client;
  /** Plain fetch as a Printer Administrator: no SDK retry between the test and the answer. */
  let call: (path: string, init?: { method?: string; body?: unknown }) => Promise<Response>;

  beforeEach(async () => {
    emu = await startEmulator();
    admin = adminClient(emu);
    const token = emu.token({ kind: 'user', upn: 'admin@contoso.com', scopes: ['Printer.ReadWrite.All', 'PrintJob.ReadWrite.All', 'PrinterShare.ReadWrite.All'], admin: true });
    call = (path, init = {}) =>
      fetch(`${emu.graphUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
  });
  afterEach(async () => {
    await emu.close();
  });

  it('answers the next matching requests 429 with Retry-After and the Graph error body, then serves again', async () => {
    emu.graphFaults.add({ status: 429, count: 2, method: 'GET', path: '/print/printers/*', retryAfterSeconds: 7 });
    const get = () => call(PRINTER);
    for (let i = 0; i < 2; i++) {
      const res = await get();
      expect(res.headers.get('retry-after')).toBe('7');
      const body = await expectFetchError(res, 429, 'TooManyRequests');
      expect(body.innerError).toMatchObject({ code: 'injectedFault', 'request-id': expect.any(String) });
    }
    expect((await get()).status).toBe(200);
    expect(emu.graphFaults.list()).toEqual([]);
  });

  it('lets the official SDK retry through throttling and an unavailable service', async () => {
    emu.graphFaults.add({ status: 429, count: 1, path: PRINTER, retryAfterSeconds: 0 });
    emu.graphFaults.add({ status: 503, count: 1, path: PRINTER, retryAfterSeconds: 0 });
    const printer = (await admin.api(PRINTER).get()) as { id: string };
    expect(printer.id).toBe(DEFAULT_PRINTER_ID);
    expect(emu.graphFaults.list()).toEqual([]);
    // A 500 is not retried by the SDK: the caller sees it.
    emu.graphFaults.add({ status: 500, path: PRINTER });
    const res = await admin.api(PRINTER).responseType(ResponseType.RAW).get();
    expect((res as Response).status).toBe(500);
  });

  it('matches on method and path only, and nothing fails without a rule', async () => {
    emu.graphFaults.add({ status: 503, method: 'POST', path: '/print/printers/*/jobs' });
    expect((await call(PRINTER)).status).toBe(200);
    expect((await call(`${PRINTER}/jobs`)).status).toBe(200);
    expect((await call(`${PRINTER}/jobs`, { method: 'POST', body: { configuration: {} } })).status).toBe(503);
    expect((await call(`${PRINTER}/jobs`, { method: 'POST', body: { configuration: {} } })).status).toBe(201);
    // The console and the /emulator routes never fail.
    emu.graphFaults.add({ status: 500 });
    expect((await fetch(`${emu.baseUrl}/emulator/health`)).status).toBe(200);
    expect((await fetch(`${emu.baseUrl}/`)).status).toBe(200);
    expect((await fetch(`${emu.graphUrl}/print/shares`)).status).toBe(500);
  });

  it('is driven over /emulator/faults/graph too, and refuses a fault Graph would not give', async () => {
    const post = (body: unknown) => fetch(`${emu.baseUrl}/emulator/faults/graph`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post({ status: 504, count: 3, path: '/print/shares' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ status: 504, remaining: 3, path: '/print/shares', method: null, retryAfterSeconds: null });
    const listed = (await (await fetch(`${emu.baseUrl}/emulator/faults/graph`)).json()) as { value: unknown[] };
    expect(listed.value).toHaveLength(1);
    expect((await call('/print/shares')).status).toBe(504);
    expect((await fetch(`${emu.baseUrl}/emulator/faults/graph`, { method: 'DELETE' })).status).toBe(204);
    expect((await call('/print/shares')).status).toBe(200);

    for (const [body, field] of [
      [{ status: 404 }, 'status'],
      [{ status: 429, count: 0 }, 'count'],
      [{ status: 500, retryAfterSeconds: 5 }, 'Retry-After'],
      [{ status: 503, path: 'print/shares' }, "start with '/'"],
    ] as const) {
      const refused = await expectFetchError(await post(body), 400, 'invalidRequest');
      expect(refused.message).toContain(field);
    }
    expect(emu.graphFaults.list()).toEqual([]);
  });
});
