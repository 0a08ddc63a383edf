import { PDFDocument } from '@cantoo/pdf-lib';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, makePdf, startEmulator, until } from '../support/harness.js';
import { expectFetchError, notAPdf, submitJob, waitForJob, waitUntilPrinting } from '../support/graph-flow.js';

/** Yields to real I/O (the render thread) until `predicate` holds; the test's time-out bounds it, not a clock of its own. */
async function eventually(_what: string, predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 5));
}

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

  it('renders with the printer as it is now: a change of capabilities reaches the render thread', async () => {
    const admin = adminClient(emu);
    const printer = `/print/printers/${DEFAULT_PRINTER_ID}`;
    const pdf = await makePdf(1);
    const output = async (): Promise<Buffer> => {
      const job = await submitJob(admin, printer, pdf);
      await waitForJob(admin, job.path, (j) => j.status.state === 'completed');
      return Buffer.from(await (await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/output`)).arrayBuffer());
    };
    const rt = emu.printer(DEFAULT_PRINTER_ID);
    const colour = rt.effectiveDefinition().capabilities;
    try {
      // A colour printer prints the page in colour: no grey overlay.
      expect((await output()).includes('/Saturation')).toBe(false);
      rt.update({ capabilities: { ...colour, colorModes: ['grayscale'], isColorPrintingSupported: false } });
      const grey = await output();
      expect(grey.equals(Buffer.from(pdf))).toBe(false);
      expect(grey.includes('/Saturation')).toBe(true);
    } finally {
      rt.update({ capabilities: colour });
    }
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

// With render threads the next queued jobs are rendered while the device
// prints (a RIP spooling ahead); that must not show, nor outlive, a change.
describe('rendering ahead of the device', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ renderThreads: 1, clock: 'simulated' });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('keeps a queued job\'s early render out of sight, redoes it after a configuration change, and removes it on cancel', async () => {
    const admin = adminClient(emu);
    const printer = `/print/printers/${DEFAULT_PRINTER_ID}`;
    const spool = emu.service.spool;
    const first = await submitJob(admin, printer, await makePdf(1));
    await waitUntilPrinting(admin, first.path);
    const second = await submitJob(admin, printer, await makePdf(4));
    const third = await submitJob(admin, printer, await makePdf(2));
    // The device is busy on the simulated clock; the render thread is not.
    await eventually('both queued jobs are rendered ahead', () => spool.hasOutput(second.id) && spool.hasOutput(third.id));
    for (const job of [second, third]) {
      expect((await waitForJob(admin, job.path, () => true)).status.state).toBe('pending');
      await expectFetchError(await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/output`), 404, 'itemNotFound');
    }

    // What IPP Set-Job-Attributes and Graph PATCH do to a job that is still pending.
    emu.service.updateJobConfiguration(second.id, undefined, { pagesPerSheet: 2 });
    await admin.api(`${third.path}/cancel`).post({});
    await eventually('the canceled job\'s early render is removed', () => !spool.hasOutput(third.id) && !existsSync(spool.manifestPath(third.id)));

    await until(emu, async () => (await waitForJob(admin, second.path, () => true)).status.state === 'completed');
    const done = await waitForJob(admin, second.path, () => true);
    expect(done.status.description).toMatch(/2 sheets, 2 impressions, 4 source pages/);
    const out = await fetch(`${emu.baseUrl}/emulator/jobs/${second.id}/output`);
    expect((await PDFDocument.load(new Uint8Array(await out.arrayBuffer()))).getPageCount()).toBe(2);
  });
});
