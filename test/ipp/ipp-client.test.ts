// The npm `ipp` client (2.0.1, the most used Node IPP client) against a
// listening printsim: Print-Job and Create-Job/Send-Document with options,
// Get-Jobs, cancel, hold/release; the options must reach the Graph
// configuration the renderer prints with.

import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { makePdf, startEmulator, until } from '../support/harness.js';

interface IppNpmResponse {
  statusCode: string;
  'operation-attributes-tag'?: Record<string, unknown>;
  'job-attributes-tag'?: Record<string, unknown> | Array<Record<string, unknown>>;
}

interface IppNpm {
  Printer(url: string): { execute(op: string, msg: Record<string, unknown>, cb: (err: unknown, res: IppNpmResponse) => void): void };
  parse: { handleUnknownTag: (tag: number, name: string, length: number, read: (n: number) => string) => unknown };
}

const ippNpm = createRequire(import.meta.url)('ipp') as IppNpm;
// The client logs every out-of-band value (no-value time-at-completed, ...); keep them quiet as null.
ippNpm.parse.handleUnknownTag = (_tag, _name, length, read) => (length > 0 ? read(length) : null);

function client(emu: Emulator, printer?: string) {
  const p = ippNpm.Printer(`${emu.baseUrl}/ipp/print${printer === undefined ? '' : `/${printer}`}`);
  return (op: string, msg: Record<string, unknown> = {}): Promise<IppNpmResponse> =>
    new Promise((resolve, reject) => {
      p.execute(op, { 'operation-attributes-tag': { 'requesting-user-name': 'alice', ...((msg['operation-attributes-tag'] as object) ?? {}) }, ...omit(msg, 'operation-attributes-tag') }, (err, res) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res),
      );
    });
}

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _drop, ...rest } = o;
  return rest;
}

function jobGroup(res: IppNpmResponse): Record<string, unknown> {
  const g = res['job-attributes-tag'];
  return (Array.isArray(g) ? g[0] : g) ?? {};
}

function jobGroups(res: IppNpmResponse): Array<Record<string, unknown>> {
  const g = res['job-attributes-tag'];
  return g === undefined ? [] : Array.isArray(g) ? g : [g];
}

describe('the npm ipp client', () => {
  let emu: Emulator;
  let pdf: Buffer;

  beforeEach(async () => {
    emu = await startEmulator();
    pdf = Buffer.from(await makePdf(4));
  });

  afterEach(async () => {
    await emu.close();
  });

  const state = (id: number) => emu.service.jobStatus(emu.service.getJob(String(id))).state;

  it('prints with Print-Job: the options become the Graph configuration and the job completes', async () => {
    const ipp = client(emu);
    const res = await ipp('Print-Job', {
      'operation-attributes-tag': { 'job-name': 'Quarterly report', 'document-format': 'application/pdf' },
      'job-attributes-tag': {
        copies: 2,
        sides: 'two-sided-long-edge',
        media: 'iso_a4_210x297mm',
        'print-color-mode': 'monochrome',
        'number-up': 2,
        'page-ranges': [[1, 3]],
        'orientation-requested': 'landscape',
        'print-quality': 'high',
        'printer-resolution': [[600, 600, 'dpi']],
        'multiple-document-handling': 'separate-documents-collated-copies',
      },
      data: pdf,
    });
    expect(res.statusCode).toBe('successful-ok');
    const id = jobGroup(res)['job-id'] as number;
    expect(jobGroup(res)['job-uri']).toBe(`${emu.baseUrl.replace('http', 'ipp')}/ipp/print/office-color/jobs/${id}`);

    const job = emu.service.getJob(String(id));
    expect(job.door).toBe('ipp');
    expect(job.displayName).toBe('Quarterly report');
    expect(job.createdBy.userPrincipalName).toBe('alice');
    expect(job.configuration).toEqual({
      copies: 2,
      duplexMode: 'flipOnLongEdge',
      mediaSize: 'A4',
      colorMode: 'grayscale',
      pagesPerSheet: 2,
      pageRanges: [{ start: 1, end: 3 }],
      orientation: 'landscape',
      quality: 'high',
      dpi: 600,
      collate: true,
    });

    await until(emu, () => state(id) === 'completed');
    const attrs = jobGroup(await ipp('Get-Job-Attributes', { 'operation-attributes-tag': { 'job-id': id } }));
    expect(attrs).toMatchObject({
      'job-state': 'completed',
      'job-originating-user-name': 'alice',
      copies: 2,
      sides: 'two-sided-long-edge',
      media: 'iso_a4_210x297mm',
      'print-color-mode': 'monochrome',
      'number-up': 2,
      'page-ranges': [1, 3],
      'orientation-requested': 'landscape',
      'print-quality': 'high',
    });
    // 3 of 4 pages, 2 per side, two-sided, 2 copies: the renderer printed what was asked.
    expect(attrs['job-impressions']).toBeGreaterThan(0);
  });

  it('prints with Create-Job and Send-Document, and the job waits for last-document', async () => {
    const ipp = client(emu);
    const created = await ipp('Create-Job', {
      'operation-attributes-tag': { 'job-name': 'two parts' },
      'job-attributes-tag': { copies: 1, sides: 'one-sided', media: 'na_letter_8.5x11in' },
    });
    expect(created.statusCode).toBe('successful-ok');
    const id = jobGroup(created)['job-id'] as number;
    expect(jobGroup(created)['job-state']).toBe('pending-held');

    const first = await ipp('Send-Document', {
      'operation-attributes-tag': { 'job-id': id, 'last-document': false, 'document-format': 'application/pdf', 'document-name': 'part 1' },
      data: pdf,
    });
    expect(first.statusCode).toBe('successful-ok');
    expect(state(id)).toBe('paused');

    const last = await ipp('Send-Document', {
      'operation-attributes-tag': { 'job-id': id, 'last-document': true, 'document-format': 'application/octet-stream', 'document-name': 'part 2' },
      data: pdf,
    });
    expect(last.statusCode).toBe('successful-ok');
    const job = emu.service.getJob(String(id));
    expect(job.configuration).toEqual({ copies: 1, duplexMode: 'oneSided', mediaSize: 'North America Letter' });
    expect(job.documents.map((d) => [d.displayName, d.contentType])).toEqual([
      ['part 1', 'application/pdf'],
      ['part 2', 'application/pdf'],
    ]);
    await until(emu, () => state(id) === 'completed');
    // Both documents are printed, one after the other, into one output.
    const manifest = (await emu.service.spool.readManifest(String(id))) as { documents: Array<{ documentName: string }>; totals: { impressions: number } };
    expect(manifest.documents.map((d) => d.documentName)).toEqual(['part 1', 'part 2']);
    expect(manifest.totals.impressions).toBe(8);
    expect(emu.service.getJob(String(id)).impressions).toBe(8);
  });

  it('lists jobs with Get-Jobs: which-jobs, my-jobs, limit and requested-attributes', async () => {
    const ipp = client(emu);
    const ids: number[] = [];
    for (const user of ['alice', 'bob', 'alice']) {
      const res = await ipp('Print-Job', { 'operation-attributes-tag': { 'requesting-user-name': user, 'document-format': 'application/pdf' }, data: pdf });
      ids.push(jobGroup(res)['job-id'] as number);
    }
    await until(emu, () => ids.every((id) => state(id) === 'completed'));
    const pending = await ipp('Create-Job', { 'job-attributes-tag': { copies: 1 } });
    const waiting = jobGroup(pending)['job-id'] as number;

    const notCompleted = jobGroups(await ipp('Get-Jobs'));
    expect(notCompleted).toEqual([{ 'job-id': waiting, 'job-uri': expect.stringContaining(`/jobs/${waiting}`) }]);

    const completed = jobGroups(await ipp('Get-Jobs', { 'operation-attributes-tag': { 'which-jobs': 'completed', 'requested-attributes': ['job-id', 'job-originating-user-name'] } }));
    expect(completed.map((j) => j['job-id']).sort()).toEqual([...ids].sort());

    const mine = jobGroups(await ipp('Get-Jobs', { 'operation-attributes-tag': { 'which-jobs': 'all', 'my-jobs': true, 'requested-attributes': ['job-originating-user-name'] } }));
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((j) => j['job-originating-user-name']))).toEqual(new Set(['alice']));

    expect(jobGroups(await ipp('Get-Jobs', { 'operation-attributes-tag': { 'which-jobs': 'all', limit: 2 } }))).toHaveLength(2);

    const bad = await ipp('Get-Jobs', { 'operation-attributes-tag': { 'which-jobs': 'saved' } });
    expect(bad.statusCode).toBe('client-error-attributes-or-values-not-supported');
  });

  it('cancels: the owner can, another user cannot, and a finished job cannot be canceled', async () => {
    const ipp = client(emu);
    const created = jobGroup(await ipp('Create-Job', { 'job-attributes-tag': { copies: 1 } }));
    const id = created['job-id'] as number;

    const other = await ipp('Cancel-Job', { 'operation-attributes-tag': { 'job-id': id, 'requesting-user-name': 'mallory' } });
    expect(other.statusCode).toBe('client-error-not-authorized');

    expect((await ipp('Cancel-Job', { 'operation-attributes-tag': { 'job-id': id } })).statusCode).toBe('successful-ok');
    expect(state(id)).toBe('canceled');
    const again = await ipp('Cancel-Job', { 'operation-attributes-tag': { 'job-id': id } });
    expect(again.statusCode).toBe('client-error-not-possible');

    // An operator (root by default) may cancel anyone's job.
    const bobs = jobGroup(await ipp('Create-Job', { 'operation-attributes-tag': { 'requesting-user-name': 'bob' } }))['job-id'] as number;
    expect((await ipp('Cancel-Job', { 'operation-attributes-tag': { 'job-id': bobs, 'requesting-user-name': 'root' } })).statusCode).toBe('successful-ok');
    const reasons = jobGroup(await ipp('Get-Job-Attributes', { 'operation-attributes-tag': { 'job-id': bobs } }))['job-state-reasons'];
    expect(reasons).toBe('job-canceled-by-operator');
  });

  it('holds with job-hold-until until Release-Job, then prints', async () => {
    const ipp = client(emu);
    const res = await ipp('Print-Job', { 'operation-attributes-tag': { 'document-format': 'application/pdf' }, 'job-attributes-tag': { 'job-hold-until': 'indefinite' }, data: pdf });
    const id = jobGroup(res)['job-id'] as number;
    expect(jobGroup(res)['job-state']).toBe('pending-held');
    expect(jobGroup(res)['job-state-reasons']).toBe('job-hold-until-specified');
    emu.advance(120_000);
    expect(state(id)).toBe('paused');

    expect((await ipp('Release-Job', { 'operation-attributes-tag': { 'job-id': id } })).statusCode).toBe('successful-ok');
    await until(emu, () => state(id) === 'completed');
    expect((await ipp('Release-Job', { 'operation-attributes-tag': { 'job-id': id } })).statusCode).toBe('client-error-not-possible');
  });

  it('holds a queued job with Hold-Job, until a period too, and refuses values it does not support', async () => {
    const ipp = client(emu);
    // Paused printer: the job stays queued.
    expect((await ipp('Pause-Printer', { 'operation-attributes-tag': { 'requesting-user-name': 'root' } })).statusCode).toBe('successful-ok');
    const id = jobGroup(await ipp('Print-Job', { 'operation-attributes-tag': { 'document-format': 'application/pdf' }, data: pdf }))['job-id'] as number;
    const held = await ipp('Hold-Job', { 'operation-attributes-tag': { 'job-id': id } });
    expect(held.statusCode).toBe('successful-ok');
    const attrs = jobGroup(await ipp('Get-Job-Attributes', { 'operation-attributes-tag': { 'job-id': id, 'requested-attributes': ['job-state', 'job-hold-until'] } }));
    expect(attrs).toEqual({ 'job-state': 'pending-held', 'job-hold-until': 'indefinite' });
    // The simulated clock starts on a Thursday (in every time zone): the weekend is ahead.
    const weekend = await ipp('Hold-Job', { 'operation-attributes-tag': { 'job-id': id, 'job-hold-until': 'weekend' } });
    expect(weekend.statusCode).toBe('successful-ok');
    const timed = jobGroup(await ipp('Get-Job-Attributes', { 'operation-attributes-tag': { 'job-id': id, 'requested-attributes': ['job-state', 'job-hold-until'] } }));
    expect(timed).toEqual({ 'job-state': 'pending-held', 'job-hold-until': 'weekend' });
    const lunch = await ipp('Hold-Job', { 'operation-attributes-tag': { 'job-id': id, 'job-hold-until': 'lunch-time' } });
    expect(lunch.statusCode).toBe('client-error-attributes-or-values-not-supported');
    expect((await ipp('Resume-Printer', { 'operation-attributes-tag': { 'requesting-user-name': 'root' } })).statusCode).toBe('successful-ok');
    expect((await ipp('Release-Job', { 'operation-attributes-tag': { 'job-id': id } })).statusCode).toBe('successful-ok');
    await until(emu, () => state(id) === 'completed');
  });

  it('aborts a Create-Job that never gets its document after multiple-operation-time-out, and other jobs print meanwhile', async () => {
    const ipp = client(emu);
    const waiting = jobGroup(await ipp('Create-Job', { 'job-attributes-tag': { copies: 1 } }))['job-id'] as number;
    const printed = jobGroup(await ipp('Print-Job', { 'operation-attributes-tag': { 'document-format': 'application/pdf' }, data: pdf }))['job-id'] as number;
    await until(emu, () => state(printed) === 'completed', { stepMs: 100 });
    expect(state(waiting)).toBe('paused');
    emu.advance(60_000);
    expect(state(waiting)).toBe('aborted');
    const attrs = jobGroup(await ipp('Get-Job-Attributes', { 'operation-attributes-tag': { 'job-id': waiting, 'requested-attributes': ['job-state', 'job-state-reasons'] } }));
    expect(attrs).toEqual({ 'job-state': 'aborted', 'job-state-reasons': ['job-data-insufficient', 'aborted-by-system'] });
  });

  it('refuses printer administration from a user who is not an operator', async () => {
    const ipp = client(emu);
    expect((await ipp('Pause-Printer')).statusCode).toBe('client-error-not-authorized');
    expect(emu.printer('office-color').status().state).toBe('idle');
  });
});
