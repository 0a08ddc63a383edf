// The real CUPS client path: a private cupsd (Debian's cups) with a queue made
// by `lpadmin -m everywhere` against printsim's IPP printer, and jobs sent
// with `lp`. What CUPS does (Debian 12, CUPS 2.4.2, cups-filters 1.28.17):
// the queue's PPD comes from printsim's Get-Printer-Attributes; pdftopdf
// applies number-up and page-ranges itself (page-ranges counted on the pages
// after number-up) and the ipp backend sends neither; it sends copies, sides
// and media-col and leaves the copies to the printer (one copy in the
// document). Each job is checked on what printsim printed: its configuration,
// its sheet manifest and the text on the pages.

import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/model/records.js';
import type { Emulator } from '../../src/emulator.js';
import { pausePrinter, unpausePrinter } from '../../src/ipp/printer-pause.js';
import type { SheetManifest } from '../../src/model/manifest.js';
import { addSbinToPath, CUPS_TOOLS, startCupsd, type Cupsd } from '../support/cupsd.js';
import { startEmulator } from '../support/harness.js';
import { missingTools } from '../support/tools.js';

addSbinToPath();
const skip = missingTools(...CUPS_TOOLS, 'pdftotext');

const QUEUE = 'printsim';
const PRINTER = 'office-color';
/** Bound on each wait for CUPS (asynchronous: scheduler, filter, backend) and printsim. */
const WAIT_MS = 20_000;

/** A PDF whose pages show their number big, so the text survives CUPS's 2-up scaling. */
async function numberedPdf(pages: number): Promise<Buffer> {
  const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    const text = `Page ${i}`;
    const size = 96;
    page.drawText(text, { x: (595.28 - font.widthOfTextAtSize(text, size)) / 2, y: 380, size, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function pageSizes(pdf: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  const { PDFDocument } = await import('@cantoo/pdf-lib');
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((p) => {
    const { width, height } = p.getSize();
    return { width: Math.round(width), height: Math.round(height) };
  });
}

/** The text pdftotext finds on one page of a PDF file. */
function pageText(file: string, page: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8', timeout: 10_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`pdftotext ${file}: ${stderr || err.message}`)) : resolve(stdout),
    );
  });
}

/** The `Page N` numbers shown in a text, in order. */
const pageNumbers = (text: string): number[] => [...text.matchAll(/\bPage (\d+)\b/g)].map((m) => Number(m[1]));

function sides(m: SheetManifest) {
  return m.sheets.map((s) => ({
    copy: s.copy,
    front: s.front.sourcePages.map((p) => p.page),
    back: s.back === null ? null : s.back.sourcePages.map((p) => p.page),
  }));
}

describe.skipIf(skip)('CUPS (cupsd, lpadmin -m everywhere, lp) printing to printsim', () => {
  let emu: Emulator;
  let cups: Cupsd;
  const docs: Record<string, string> = {};

  beforeAll(async () => {
    emu = await startEmulator({ clock: 'system', speed: 'unlimited' });
    cups = await startCupsd();
    await cups.addEverywhereQueue(QUEUE, `${emu.baseUrl.replace(/^http:/, 'ipp:')}/ipp/print`);
    for (const pages of [4, 8]) {
      docs[pages] = join(cups.dir, `numbered-${pages}.pdf`);
      await writeFile(docs[pages]!, await numberedPdf(pages));
    }
  }, 60_000);

  afterAll(async () => {
    // cupsd first: its backend may still be talking to printsim.
    await cups?.stop();
    await emu?.close();
  });

  /** Polls until `probe` returns a value; fails after WAIT_MS with what was awaited and cupsd's log. */
  async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${WAIT_MS} ms\n--- cupsd error_log ---\n${cups.logTail()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const printsimJob = (title: string): JobRecord | undefined => emu.service.listJobs().find((j) => j.displayName === title);
  const stateOf = (job: JobRecord) => emu.service.jobStatus(emu.service.getJob(job.id)).state;

  /** `lp -d QUEUE -t TITLE ...`, then the printsim job it became, once printsim has printed it. */
  async function printThroughCups(title: string, lpArgs: string[]): Promise<{ job: JobRecord; manifest: SheetManifest }> {
    await cups.lp(['-d', QUEUE, '-t', title, ...lpArgs]);
    const job = await eventually(`printsim job "${title}" completed`, () => {
      const j = printsimJob(title);
      return j !== undefined && ['completed', 'aborted', 'canceled'].includes(stateOf(j)) ? emu.service.getJob(j.id) : undefined;
    });
    expect(stateOf(job), `printsim job "${title}"`).toBe('completed');
    const res = await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/manifest`);
    expect(res.status).toBe(200);
    return { job, manifest: (await res.json()) as SheetManifest };
  }

  /** Writes the job's printed output to a file, for pdftotext. */
  async function outputFile(job: JobRecord): Promise<{ file: string; bytes: Uint8Array }> {
    const res = await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/output`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const file = join(cups.dir, `output-${job.id}.pdf`);
    await writeFile(file, bytes);
    return { file, bytes };
  }

  it('lpadmin -m everywhere builds the queue from printsim\'s attributes: the options a print dialog offers', async () => {
    const { stdout } = await cups.run('lpoptions', ['-p', QUEUE, '-l']);
    const option = (name: string): string[] => {
      const line = stdout.split('\n').find((l) => l.startsWith(`${name}/`));
      expect(line, `lpoptions -l has ${name}:\n${stdout}`).toBeDefined();
      return line!.slice(line!.indexOf(':') + 1).trim().split(/\s+/).map((v) => v.replace(/^\*/, ''));
    };
    // sides-supported → two-sided long and short edge.
    expect(option('Duplex')).toEqual(expect.arrayContaining(['None', 'DuplexNoTumble', 'DuplexTumble']));
    // print-color-mode-supported color and monochrome.
    expect(option('ColorModel')).toEqual(expect.arrayContaining(['Gray', 'RGB']));
    // media-col-database: A4 and Letter among the sizes (CUPS names zero-margin entries X.Borderless).
    const sizes = option('PageSize').map((s) => s.replace(/\.Borderless$/, ''));
    expect(sizes).toEqual(expect.arrayContaining(['A4', 'Letter', 'A3', 'Legal']));
    // The queue points at printsim and takes jobs.
    const { stdout: device } = await cups.run('lpstat', ['-v', QUEUE]);
    expect(device).toContain(`${emu.baseUrl.replace(/^http:/, 'ipp:')}/ipp/print`);
  });

  it('lp -o sides=two-sided-long-edge -n 2 -o media=A4: two duplex A4 copies come out, owned by the lp user', async () => {
    const { job, manifest } = await printThroughCups('cups duplex copies', ['-o', 'sides=two-sided-long-edge', '-n', '2', '-o', 'media=A4', docs[4]!]);

    expect(job.door).toBe('ipp');
    // CUPS sends copies=2 and sides, and one copy of the document: printsim makes the copies.
    expect(job.configuration).toMatchObject({ duplexMode: 'flipOnLongEdge', copies: 2, mediaSize: 'A4' });
    expect(job.documents).toHaveLength(1);
    // Without -U, lp sends the name of the user running it.
    expect(job.createdBy.userPrincipalName).toBe(userInfo().username);

    // On paper: 2 copies of 4 pages, two-sided, 2 sheets each.
    expect(sides(manifest)).toEqual([
      { copy: 1, front: [1], back: [2] },
      { copy: 1, front: [3], back: [4] },
      { copy: 2, front: [1], back: [2] },
      { copy: 2, front: [3], back: [4] },
    ]);
    expect(manifest.totals).toEqual({ sheets: 4, impressions: 8, blankImpressions: 0, sourcePagesPrinted: 8 });
    expect(manifest.sheets.every((s) => s.media === 'A4')).toBe(true);
    const { file } = await outputFile(job);
    expect(pageNumbers(await pageText(file, 1))).toEqual([1]);
    expect(pageNumbers(await pageText(file, 6))).toEqual([2]);
  });

  it('lp -o number-up=2 -o page-ranges=1-2: CUPS does the 2-up and picks output pages 1-2, i.e. source pages 1-4', async () => {
    const { job, manifest } = await printThroughCups('cups 2-up range', ['-o', 'number-up=2', '-o', 'page-ranges=1-2', '-o', 'media=A4', docs[8]!]);

    // CUPS sent neither number-up nor page-ranges: printsim prints the document as received.
    expect(job.configuration.pagesPerSheet ?? 1).toBe(1);
    expect(job.configuration.pageRanges ?? []).toEqual([]);

    // The document printsim received: 2 landscape A4 pages, each carrying two source pages.
    const received = emu.service.spool.documentPath(job.documents[0]!.id);
    expect(await pageSizes(await readFile(received))).toEqual([
      { width: 842, height: 595 },
      { width: 842, height: 595 },
    ]);
    expect(pageNumbers(await pageText(received, 1))).toEqual([1, 2]);
    expect(pageNumbers(await pageText(received, 2))).toEqual([3, 4]);

    // On paper: 2 one-sided sheets; the first shows source pages 1 and 2, nothing past page 4 printed.
    expect(sides(manifest)).toEqual([
      { copy: 1, front: [1], back: null },
      { copy: 1, front: [2], back: null },
    ]);
    expect(manifest.totals).toMatchObject({ sheets: 2, impressions: 2 });
    const { file } = await outputFile(job);
    expect(pageNumbers(await pageText(file, 1))).toEqual([1, 2]);
    expect(pageNumbers(await pageText(file, 2))).toEqual([3, 4]);
  });

  it('lp -o media=na_letter_8.5x11in: the job is on North America Letter and prints on Letter paper', async () => {
    const { job, manifest } = await printThroughCups('cups letter', ['-o', 'media=na_letter_8.5x11in', docs[4]!]);

    expect(job.configuration.mediaSize).toBe('North America Letter');
    expect(manifest.totals).toMatchObject({ sheets: 4, impressions: 4 });
    expect(manifest.sheets.map((s) => s.media)).toEqual(Array(4).fill('North America Letter'));
    const { bytes } = await outputFile(job);
    expect(await pageSizes(bytes)).toEqual(Array(4).fill({ width: 612, height: 792 }));
  });

  it('lp with no media option: an A4 document on the A4-default queue arrives and prints as A4, not Letter', async () => {
    const { job, manifest } = await printThroughCups('cups default media', [docs[4]!]);
    expect(manifest.sheets.map((s) => s.media)).toEqual(Array(4).fill('A4'));
    // What CUPS sent: its pdftopdf sizes pages to the queue's default page size.
    const received = new Uint8Array(await readFile(emu.service.spool.documentPath(job.documents[0]!.id)));
    for (const size of await pageSizes(received)) {
      expect(Math.round(size.width)).toBe(595);
      expect(Math.round(size.height)).toBe(842);
    }
  });

  it('lp -U alice: printsim records alice as the job\'s owner', async () => {
    const { job } = await printThroughCups('cups owner', ['-U', 'alice', '-o', 'media=A4', docs[4]!]);
    expect(job.createdBy.userPrincipalName).toBe('alice');
    expect(job.createdBy.displayName).toBe('alice');
  });

  it('lp -o job-hold-until=indefinite, then cancel: CUPS keeps the held job to itself, printsim never prints it', async () => {
    const held = await cups.lp(['-d', QUEUE, '-t', 'cups held', '-o', 'job-hold-until=indefinite', '-o', 'media=A4', docs[4]!]);
    expect(await cups.jobIds(QUEUE, 'not-completed')).toContain(held);

    // A job sent after it goes through: had CUPS forwarded the held one, printsim would have it by now.
    await printThroughCups('cups after held', ['-o', 'media=A4', docs[4]!]);
    expect(printsimJob('cups held')).toBeUndefined();

    await cups.run('cancel', [`${QUEUE}-${held}`]);
    await eventually(`CUPS job ${held} done after cancel`, async () => ((await cups.jobIds(QUEUE, 'completed')).includes(held) ? true : undefined));
    expect(await cups.jobIds(QUEUE, 'not-completed')).not.toContain(held);
    expect(printsimJob('cups held')).toBeUndefined();
  });

  it('cancel of a job waiting at printsim (printer paused) reaches printsim as Cancel-Job: canceled, nothing printed', async () => {
    const rt = emu.printer(PRINTER);
    pausePrinter(emu.service, rt, 'paused by the CUPS test');
    try {
      const id = await cups.lp(['-d', QUEUE, '-t', 'cups cancel', '-o', 'media=A4', docs[4]!]);
      // The backend has sent Create-Job and the whole document; the job waits for the paused printer.
      const job = await eventually('printsim job "cups cancel" with its document', () => {
        const j = printsimJob('cups cancel');
        return j !== undefined && j.documents.length === 1 && j.documents[0]!.complete ? j : undefined;
      });
      expect(stateOf(job)).toBe('pending');

      await cups.run('cancel', [`${QUEUE}-${id}`]);
      await eventually('printsim job canceled', () => (stateOf(job) === 'canceled' ? true : undefined));
      expect(emu.service.getJob(job.id).timeline.at(-1)?.reason).toMatch(/Cancel-Job/);
      await eventually(`CUPS job ${id} done after cancel`, async () => ((await cups.jobIds(QUEUE, 'completed')).includes(id) ? true : undefined));
    } finally {
      unpausePrinter(emu.service, rt, ['paused']);
    }
    // Resumed, the printer prints the next job but never the canceled one.
    await printThroughCups('cups after cancel', ['-o', 'media=A4', docs[4]!]);
    const job = printsimJob('cups cancel')!;
    expect(stateOf(job)).toBe('canceled');
    expect((await fetch(`${emu.baseUrl}/emulator/jobs/${job.id}/manifest`)).status).toBe(404);
  });
});
