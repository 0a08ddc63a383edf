import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, makePdf, startEmulator } from '../support/harness.js';
import { notAPdf, submitJob, waitForJob } from '../support/graph-flow.js';

// `printsim serve` renders in a worker thread; the output and errors must be the
// same as on the main thread.
describe('rendering in a worker thread (renderThreads: 1)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ renderThreads: 1, speed: 'unlimited' });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('prints a 2-up duplex job with the same sheets as the main-thread renderer', async () => {
    const admin = adminClient(emu);
    const printer = `/print/printers/${DEFAULT_PRINTER_ID}`;
    const job = await submitJob(admin, printer, await makePdf(5), { pagesPerSheet: 2, duplexMode: 'flipOnLongEdge' });
    const done = await waitForJob(admin, job.path, (j) => j.status.state === 'completed');
    expect(done.status.description).toMatch(/2 sheets, 4 impressions, 5 source pages/);
    const out = await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/output`);
    expect(out.status).toBe(200);
    const pdf = await PDFDocument.load(new Uint8Array(await out.arrayBuffer()));
    expect(pdf.getPageCount()).toBe(4);
  });

  it('a corrupt document aborts its job with the renderer message, and the worker keeps serving', async () => {
    const admin = adminClient(emu);
    const printer = `/print/printers/${DEFAULT_PRINTER_ID}`;
    const bad = await submitJob(admin, printer, notAPdf());
    const aborted = await waitForJob(admin, bad.path, (j) => j.status.state === 'aborted');
    expect(aborted.status.description).toMatch(/could not be printed: the PDF/);
    const good = await submitJob(admin, printer, await makePdf(1));
    await waitForJob(admin, good.path, (j) => j.status.state === 'completed');
  });
});
