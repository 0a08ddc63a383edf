// Issue 2, flow 3: the whole print flow through the official Graph SDK against a
// listening printsim, on the simulated clock.
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRINTER_APP_ID, type Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, fixture, graphClient, makePdf, startEmulator } from '../support/harness.js';
import {
  createJob,
  createUploadSession,
  expectFetchError,
  expectGraphError,
  getJob,
  metadataUrl,
  notAPdf,
  printMs,
  putRange,
  raw,
  submitJob,
  uploadAll,
  valueRequest,
  waitForJob,
  waitUntilPrinting,
} from '../support/graph-flow.js';

const PRINTER = `/print/printers/${DEFAULT_PRINTER_ID}`;
const MONO_ID = '5c4b0d88-d8b3-430a-9605-4c205fb48f72';
// fixtures/printers/01-office-color.json
const OFFICE_IPM = 30;
const OFFICE_WARM_UP_S = 8;

describe('print flow', () => {
  let emu: Emulator;
  let admin: Client;
  let pdf: Uint8Array;

  beforeAll(async () => {
    emu = await startEmulator();
    admin = adminClient(emu);
    pdf = await makePdf(3);
  });
  afterAll(async () => {
    await emu.close();
  });

  it('lists the bundled printers without defaults or capabilities', async () => {
    const res = (await admin.api('/print/printers').get()) as { '@odata.context': string; value: Array<Record<string, unknown>> };
    expect(res['@odata.context']).toBe(metadataUrl(emu, 'print/printers'));
    expect(res.value.map((p) => p.id)).toEqual(emu.printers.map((p) => p.id));
    expect(res.value[0]!.id).toBe(DEFAULT_PRINTER_ID);
    expect(res.value[0]).toMatchObject({ displayName: 'Office Color', isAcceptingJobs: true, status: { state: 'idle' } });
    for (const p of res.value) {
      expect(p).not.toHaveProperty('capabilities');
      expect(p).not.toHaveProperty('defaults');
    }
  });

  it('creates a job with only a configuration: 201 with the job and one empty document', async () => {
    const res = await raw(admin, `${PRINTER}/jobs`).post({ configuration: { copies: 2, mediaSize: 'A5' } });
    expect(res.status).toBe(201);
    const job = (await res.json()) as Record<string, unknown>;
    expect(job['@odata.context']).toBe(metadataUrl(emu, `print/printers('${DEFAULT_PRINTER_ID}')/jobs/$entity`));
    expect(job.id).toMatch(/^\d+$/);
    expect(job.status).toEqual({
      state: 'paused',
      details: ['uploadPending'],
      description: 'The job is not a candidate for processing yet.',
      isAcquiredByPrinter: false,
    });
    expect(job.configuration).toMatchObject({ copies: 2, mediaSize: 'A5', duplexMode: null });
    expect(job.createdBy).toMatchObject({ userPrincipalName: 'admin@contoso.com' });
    expect(job.isFetchable).toBe(false);
    expect(job.documents).toEqual([expect.objectContaining({ id: expect.any(String), displayName: '', contentType: '', size: 0 })]);
  });

  it("accepts the Graph docs' create-job example verbatim, @odata.type annotations included", async () => {
    const example = JSON.parse(fixture('fixtures/configs/create-job-example.json').toString('utf8')) as {
      configuration: Record<string, unknown>;
    };
    const res = await raw(admin, `${PRINTER}/jobs`).post(example);
    expect(res.status).toBe(201);
    const job = (await res.json()) as { configuration: Record<string, unknown>; documents: unknown[]; '@odata.context': string };
    expect(job['@odata.context']).toBe(metadataUrl(emu, `print/printers('${DEFAULT_PRINTER_ID}')/jobs/$entity`));
    const { '@odata.type': _type, finishings: _finishings, pageRanges: _ranges, ...plain } = example.configuration;
    expect(job.configuration).toMatchObject(plain);
    expect(job.configuration.pageRanges).toEqual([{ start: 1, end: 1 }]);
    expect(JSON.stringify(job.configuration)).not.toContain('@odata.type');
    expect(job.documents).toEqual([expect.objectContaining({ displayName: '', contentType: '', size: 0 })]);
  });

  it('createUploadSession answers 200 with an uploadUrl and the whole document expected', async () => {
    const job = await createJob(admin, PRINTER);
    const res = await raw(admin, `${job.path}/documents/${job.documentId}/createUploadSession`).post({
      properties: { documentName: 'report.pdf', contentType: 'application/pdf', size: pdf.length },
    });
    expect(res.status).toBe(200);
    const session = (await res.json()) as Record<string, unknown>;
    expect(session['@odata.context']).toBe(metadataUrl(emu, 'microsoft.graph.uploadSession'));
    expect(session.uploadUrl).toEqual(expect.stringMatching(new RegExp(`^${emu.baseUrl}/uploadSessions/[^?]+\\?tempauthtoken=.+`)));
    expect(session.nextExpectedRanges).toEqual([`0-${pdf.length - 1}`]);
    expect(Date.parse(String(session.expirationDateTime))).toBeGreaterThan(emu.clock.now());
  });

  it('takes ranges in any order (202 with the gaps, then 201), refuses an overlap with 416, needs no token and takes any Content-Type', async () => {
    const job = await createJob(admin, PRINTER);
    const n = pdf.length;
    const a = Math.floor(n / 3);
    const b = Math.floor((2 * n) / 3);
    const session = await createUploadSession(admin, job, n, { documentName: 'out-of-order.pdf' });

    // Middle first, "bytes a-b/n" form, a JSON content type that must not be parsed.
    let res = await putRange(session.uploadUrl, pdf, a, b - 1, n, { contentType: 'application/json' });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { nextExpectedRanges: string[] }).nextExpectedRanges).toEqual([`0-${a - 1}`, `${b}-${n - 1}`]);

    // Last part, "bytes=a-b/n" form.
    res = await putRange(session.uploadUrl, pdf, b, n - 1, n, { form: 'equals', contentType: 'text/plain; charset=utf-8' });
    expect(res.status).toBe(202);
    const partial = (await res.json()) as { nextExpectedRanges: string[]; expirationDateTime: string };
    expect(partial.nextExpectedRanges).toEqual([`0-${a - 1}`]);
    expect(partial.expirationDateTime).toBe(session.expirationDateTime);

    // Overlap with what arrived.
    res = await putRange(session.uploadUrl, pdf, a - 10, a + 10, n);
    const overlap = await expectFetchError(res, 416, 'invalidRange');
    expect(overlap.innerError).toMatchObject({ code: 'fragmentOverlap' });
    expect(overlap.message).toContain(`0-${a - 1}`);

    // GET on the upload URL reports the same gap.
    const status = await fetch(session.uploadUrl);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { nextExpectedRanges: string[] }).nextExpectedRanges).toEqual([`0-${a - 1}`]);

    res = await putRange(session.uploadUrl, pdf, 0, a - 1, n, { form: 'equals', contentType: 'image/png' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: job.documentId, documentName: 'out-of-order.pdf', contentType: 'application/pdf', size: n });

    // The session is gone once complete; the document carries the upload's properties.
    expect((await fetch(session.uploadUrl)).status).toBe(404);
    const doc = (await admin.api(`${job.path}/documents/${job.documentId}`).get()) as Record<string, unknown>;
    expect(doc).toMatchObject({ displayName: 'out-of-order.pdf', contentType: 'application/pdf', size: n });
  });

  it('refuses a PUT whose total differs from the declared size (400)', async () => {
    const job = await createJob(admin, PRINTER);
    const session = await createUploadSession(admin, job, pdf.length);
    const res = await putRange(session.uploadUrl, pdf, 0, 99, pdf.length + 1);
    const err = await expectFetchError(res, 400, 'invalidRequest');
    expect(err.message).toContain(String(pdf.length + 1));
    expect(err.message).toContain(String(pdf.length));
  });

  it('refuses a PUT whose body is longer than its Content-Range', async () => {
    const job = await createJob(admin, PRINTER);
    const session = await createUploadSession(admin, job, pdf.length);
    const res = await putRange(session.uploadUrl, pdf, 0, 99, pdf.length, { body: pdf.slice(0, 150) });
    const err = await expectFetchError(res, 400, 'invalidRequest');
    expect(err.innerError).toMatchObject({ code: 'fragmentLengthMismatch' });
    const status = (await (await fetch(session.uploadUrl)).json()) as { nextExpectedRanges: string[] };
    expect(status.nextExpectedRanges).toEqual([`0-${pdf.length - 1}`]);
  });

  it('takes parallel PUTs of different ranges, refuses overlapping ones, and assembles the exact bytes', async () => {
    const job = await createJob(admin, PRINTER);
    const n = pdf.length;
    const q = Math.floor(n / 4);
    const session = await createUploadSession(admin, job, n);
    const overlapping = await Promise.all([putRange(session.uploadUrl, pdf, 0, 2 * q - 1, n), putRange(session.uploadUrl, pdf, q, 2 * q - 1, n)]);
    expect(overlapping.map((r) => r.status).sort()).toEqual([202, 416]);
    await Promise.all(overlapping.map((r) => r.arrayBuffer()));
    const statuses = (
      await Promise.all([
        putRange(session.uploadUrl, pdf, 2 * q, 3 * q - 1, n),
        putRange(session.uploadUrl, pdf, 3 * q, n - 1, n),
      ])
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 202]);
    const link = (await valueRequest(admin, `${job.path}/documents/${job.documentId}/$value`).get()) as Response;
    expect(new Uint8Array(await (await fetch(link.headers.get('location')!)).arrayBuffer())).toEqual(pdf);
  });

  it('refuses an upload session for a content type the printer does not take', async () => {
    const job = await createJob(admin, PRINTER);
    const err = await expectGraphError(
      admin.api(`${job.path}/documents/${job.documentId}/createUploadSession`).post({
        properties: { documentName: 'a.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 },
      }),
      400,
      'invalidRequest',
    );
    expect(err.message).toContain('properties.contentType');
    expect(err.message).toContain('application/pdf');
  });

  it('refuses to start a job twice and to upload into a started job', async () => {
    const job = await createJob(admin, PRINTER);
    await uploadAll(admin, job, pdf);
    await admin.api(`${job.path}/start`).post({});
    const again = await expectGraphError(admin.api(`${job.path}/start`).post({}), 409, 'notAllowed');
    expect(again.message).toMatch(/already been started/);
    const upload = await expectGraphError(createUploadSession(admin, job, pdf.length), 409, 'notAllowed');
    expect(upload.message).toMatch(/started/);
  });

  it('cancel ends a job (204) and a finished job cannot be canceled again', async () => {
    const job = await createJob(admin, PRINTER);
    await uploadAll(admin, job, pdf);
    const res = await raw(admin, `${job.path}/cancel`).post({});
    expect(res.status).toBe(204);
    const canceled = await getJob(admin, job.path);
    expect(canceled.status).toMatchObject({ state: 'canceled', details: [] });
    expect(canceled.isFetchable).toBe(false);
    const err = await expectGraphError(admin.api(`${job.path}/cancel`).post({}), 409, 'notAllowed');
    expect(err.message).toContain('canceled');
    await expectGraphError(admin.api(`${job.path}/start`).post({}), 409, 'notAllowed');
  });

  it('answers 404 with a Graph error for a job or printer that does not exist', async () => {
    await expectGraphError(admin.api(`${PRINTER}/jobs/999999`).get(), 404, 'itemNotFound');
    await expectGraphError(admin.api('/print/printers/no-such-printer/jobs').post({ configuration: {} }), 404, 'itemNotFound');
  });

  it('refuses an upload URL with a wrong tempauthtoken', async () => {
    const job = await createJob(admin, PRINTER);
    const session = await createUploadSession(admin, job, pdf.length);
    const forged = session.uploadUrl.replace(/tempauthtoken=.*/, 'tempauthtoken=forged');
    await expectFetchError(await putRange(forged, pdf, 0, pdf.length - 1, pdf.length), 401, 'unauthenticated');
  });

  it('GET reports an upload session and DELETE cancels it', async () => {
    const job = await createJob(admin, PRINTER);
    const session = await createUploadSession(admin, job, pdf.length);
    expect((await putRange(session.uploadUrl, pdf, 0, 99, pdf.length)).status).toBe(202);
    const got = await fetch(session.uploadUrl);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({ expirationDateTime: session.expirationDateTime, nextExpectedRanges: [`100-${pdf.length - 1}`] });
    const del = await fetch(session.uploadUrl, { method: 'DELETE' });
    expect(del.status).toBe(204);
    await expectFetchError(await fetch(session.uploadUrl), 404, 'itemNotFound');
    await expectFetchError(await putRange(session.uploadUrl, pdf, 100, pdf.length - 1, pdf.length), 404, 'itemNotFound');
  });

  it('refuses to start a job whose document is incomplete, saying what is missing', async () => {
    const job = await createJob(admin, PRINTER);
    let err = await expectGraphError(admin.api(`${job.path}/start`).post({}), 400, 'invalidRequest');
    expect(err.message).toMatch(/incomplete/);
    expect(err.message).toMatch(/no bytes were uploaded/);

    const session = await createUploadSession(admin, job, pdf.length);
    expect((await putRange(session.uploadUrl, pdf, 0, 99, pdf.length)).status).toBe(202);
    err = await expectGraphError(admin.api(`${job.path}/start`).post({}), 400, 'invalidRequest');
    expect(err.message).toContain(`100-${pdf.length - 1}`);
    expect((await getJob(admin, job.path)).status.state).toBe('paused');
  });

  it('$value answers 302 to a URL that serves the exact bytes without a token', async () => {
    const job = await createJob(admin, PRINTER);
    await uploadAll(admin, job, pdf);
    const res = (await valueRequest(admin, `${job.path}/documents/${job.documentId}/$value`).get()) as Response;
    expect(res.status).toBe(302);
    const location = res.headers.get('location');
    expect(location).toMatch(new RegExp(`^${emu.baseUrl}/`));
    const download = await fetch(location!, { redirect: 'manual' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);

    // The SDK's default chain follows the redirect to the same bytes.
    const followed = (await admin
      .api(`${job.path}/documents/${job.documentId}/$value`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(new Uint8Array(followed)).toEqual(pdf);

    // Without the tempauthtoken the download URL is refused.
    await expectFetchError(await fetch(location!.replace(/\?.*$/, '')), 401, 'unauthenticated');
  });

  it('$value of a document not yet uploaded is a Graph error', async () => {
    const job = await createJob(admin, PRINTER);
    await expectGraphError(admin.api(`${job.path}/documents/${job.documentId}/$value`).get(), 404, 'itemNotFound');
  });

  it('refuses a JSON body over 1 MB with 413 and a Graph error', async () => {
    const big = { configuration: {}, displayName: 'x'.repeat(1024 * 1024 + 10) };
    const err = await expectGraphError(admin.api(`${PRINTER}/jobs`).post(big), 413, 'invalidRequest');
    expect(err.message).toMatch(/1 MB/);
  });

  it('refuses invalid JSON with 400', async () => {
    const err = await expectGraphError(admin.api(`${PRINTER}/jobs`).post('{"configuration": {"copies": 1'), 400, 'invalidRequest');
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('refuses an unknown enum member, naming the field and the members', async () => {
    const err = await expectGraphError(admin.api(`${PRINTER}/jobs`).post({ configuration: { duplexMode: 'sideways' } }), 400, 'invalidRequest');
    expect(err.message).toContain('configuration.duplexMode');
    expect(err.message).toContain('sideways');
    expect(err.message).toContain('flipOnLongEdge');
  });

  it('refuses a configuration the printer lacks, naming the field and the allowed values', async () => {
    const mono = `/print/printers/${MONO_ID}`;
    let err = await expectGraphError(admin.api(`${mono}/jobs`).post({ configuration: { duplexMode: 'flipOnShortEdge' } }), 400, 'invalidRequest');
    expect(err.message).toContain('configuration.duplexMode');
    expect(err.message).toContain('supported: oneSided, flipOnLongEdge');
    err = await expectGraphError(admin.api(`${mono}/jobs`).post({ configuration: { colorMode: 'color' } }), 400, 'invalidRequest');
    expect(err.message).toContain('configuration.colorMode');
    expect(err.message).toContain('blackAndWhite, grayscale');
    err = await expectGraphError(admin.api(`${mono}/jobs`).post({ configuration: { mediaSize: 'A4', copies: 100 } }), 400, 'invalidRequest');
    expect(err.message).toContain('configuration.mediaSize');
    expect(err.message).toContain('configuration.copies');
    expect(err.message).toContain('1-99');
  });

  it('a printer that is not accepting jobs refuses new ones with a clear error', async () => {
    const printerApp = graphClient(emu, { kind: 'app', appId: PRINTER_APP_ID, roles: ['Printer.ReadWrite.All'] });
    const mono = `/print/printers/${MONO_ID}`;
    await printerApp.api(mono).patch({ isAcceptingJobs: false });
    try {
      const err = await expectGraphError(admin.api(`${mono}/jobs`).post({ configuration: {} }), 409, 'notAllowed');
      expect(err.message).toMatch(/not accepting jobs/);
      expect(err.message).toContain('Letter Mono');
    } finally {
      await printerApp.api(mono).patch({ isAcceptingJobs: true });
    }
    expect((await createJob(admin, mono)).id).toMatch(/^\d+$/);
  });
});

describe('processing on the simulated clock', () => {
  let emu: Emulator;
  let admin: Client;

  beforeAll(async () => {
    emu = await startEmulator();
    admin = adminClient(emu);
  });
  afterAll(async () => {
    await emu.close();
  });
  afterEach(async () => {
    // Each test starts with an idle (cold) printer.
    emu.advance(10 * 60_000);
  });

  it('start answers 200 with the printJobStatus, and the job completes at the time the printer speed says', async () => {
    const pdf = await makePdf(3);
    const job = await createJob(admin, PRINTER);
    await uploadAll(admin, job, pdf);
    const t0 = emu.clock.now();
    const res = await raw(admin, `${job.path}/start`).post({});
    expect(res.status).toBe(200);
    const status = (await res.json()) as Record<string, unknown>;
    // The documented start response.
    expect(status).toEqual({
      '@odata.context': metadataUrl(emu, 'microsoft.graph.printJobStatus'),
      state: 'processing',
      details: ['interpreting'],
      description: 'The print job is currently being processed.',
      isAcquiredByPrinter: false,
    });

    const printing = await waitUntilPrinting(admin, job.path);
    expect(printing.status.isAcquiredByPrinter).toBe(true);
    expect(printing.acknowledgedDateTime).toBe(new Date(t0).toISOString());
    expect(emu.clock.now()).toBe(t0);
    const total = printMs(3, OFFICE_IPM, OFFICE_WARM_UP_S);
    expect(total).toBe(14_000);

    emu.advance(total - 1);
    const before = await getJob(admin, job.path);
    expect(before.status).toMatchObject({ state: 'processing', details: ['transforming'] });
    const printer = (await admin.api(PRINTER).get()) as { status: { state: string } };
    expect(printer.status.state).toBe('processing');

    emu.advance(1);
    const after = await getJob(admin, job.path);
    expect(after.status).toEqual({
      state: 'completed',
      details: [],
      // The documented sentence, followed by what the sheet manifest says came out.
      description: expect.stringMatching(/^The print job has completed successfully and no further processing will take place: \d+ sheets?, \d+ impressions?, \d+ source pages?\.$/),
      isAcquiredByPrinter: true,
    });
    expect(after.isFetchable).toBe(false);
    const beta = (await graphClient(emu, { kind: 'user', upn: 'admin@contoso.com', scopes: ['PrintJob.ReadWrite.All'], admin: true }, 'beta')
      .api(job.path)
      .get()) as { completedDateTime: string };
    expect(beta.completedDateTime).toBe(new Date(t0 + total).toISOString());
    expect(((await admin.api(PRINTER).get()) as { status: { state: string } }).status.state).toBe('idle');
  });

  it('pays the warm-up once when several jobs run back to back', async () => {
    const one = await makePdf(1);
    const t0 = emu.clock.now();
    const first = await submitJob(admin, PRINTER, one);
    const second = await submitJob(admin, PRINTER, one);
    expect((await getJob(admin, second.path)).status.state).toBe('pending');
    await waitUntilPrinting(admin, first.path);
    const firstDone = printMs(1, OFFICE_IPM, OFFICE_WARM_UP_S);
    emu.advance(firstDone);
    expect((await getJob(admin, first.path)).status.state).toBe('completed');
    await waitUntilPrinting(admin, second.path);
    const secondMs = printMs(1, OFFICE_IPM);
    emu.advance(secondMs - 1);
    expect((await getJob(admin, second.path)).status.state).toBe('processing');
    emu.advance(1);
    expect((await getJob(admin, second.path)).status.state).toBe('completed');
    expect(emu.clock.now() - t0).toBe(firstDone + secondMs);
  });

  it('a corrupt PDF ends the job aborted with an errorCode and a reason, and printsim keeps printing', async () => {
    const bad = await submitJob(admin, PRINTER, notAPdf());
    const aborted = await waitForJob(admin, bad.path, (j) => j.status.state === 'aborted');
    expect(aborted.errorCode).toEqual(expect.any(Number));
    expect(aborted.errorCode).not.toBe(0);
    expect(aborted.status.description).toMatch(/could not be printed/);
    expect(aborted.status.description).toMatch(/damaged|cannot be read|not a PDF|data is text/);
    await expectFetchError(await fetch(`${emu.baseUrl}/emulator/jobs/${bad.id}/output`), 404, 'itemNotFound');

    const good = await submitJob(admin, PRINTER, await makePdf(2));
    await waitUntilPrinting(admin, good.path);
    emu.advance(printMs(2, OFFICE_IPM, OFFICE_WARM_UP_S));
    expect((await getJob(admin, good.path)).status.state).toBe('completed');
  });

  it('/emulator/jobs/{id}/output and /manifest describe the printed job', async () => {
    const job = await createJob(admin, PRINTER, { copies: 2 });
    await uploadAll(admin, job, await makePdf(3));
    const early = await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/output`);
    await expectFetchError(early, 404, 'itemNotFound');
    await admin.api(`${job.path}/start`).post({});
    await waitUntilPrinting(admin, job.path);
    emu.advance(printMs(6, OFFICE_IPM, OFFICE_WARM_UP_S));
    expect((await getJob(admin, job.path)).status.state).toBe('completed');

    const out = await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/output`);
    expect(out.status).toBe(200);
    expect(out.headers.get('content-type')).toBe('application/pdf');
    const doc = await PDFDocument.load(new Uint8Array(await out.arrayBuffer()));
    expect(doc.getPageCount()).toBeGreaterThan(0);

    const manifest = await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/manifest`);
    expect(manifest.status).toBe(200);
    expect(((await manifest.json()) as { totals: { impressions: number } }).totals.impressions).toBe(6);
  });
});
