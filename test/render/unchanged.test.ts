import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveConfiguration } from '../../src/core/validate-configuration.js';
import { createJobRenderer } from '../../src/rip/job-renderer.js';
import { createWorkerRenderer } from '../../src/rip/worker-renderer.js';
import { loadPdf } from '../../src/render/load-pdf.js';
import { render } from '../../src/render/render.js';
import { scanPdf } from '../../src/render/scan-pdf.js';
import { Spool } from '../../src/store/spool.js';
import { missingTools } from '../support/tools.js';
import { documentBytes, jobConfig, pageSizes, printer, textPages } from './support.js';

// The job renderer hands a document back as its own output when every page
// would print 1:1 on a sheet of its size (the spool then links the file);
// that must change nothing but speed.
async function both(doc: string, config: string, options: { proof?: boolean } = {}) {
  const p = printer();
  const bytes = documentBytes(doc);
  const request = { bytes, contentType: 'application/pdf', configuration: resolveConfiguration(jobConfig(config), p), printer: p, documentName: doc };
  const job = await createJobRenderer(options)(request);
  const full = await render({ ...request, ...options });
  return { bytes, request, job, full };
}

describe('unchanged output', () => {
  it('an A4 PDF printed borderless on A4 is its own output, with the manifest of the full render', async () => {
    const { bytes, job, full } = await both('pages-12-a4.pdf', 'borderless');
    expect(job.pdf).toBe(bytes);
    expect(job.manifest).toEqual(full.manifest);
    expect(job.warnings).toEqual(full.warnings);
    expect(job.impressions).toBe(full.manifest.totals.impressions);
    expect(await pageSizes(job.pdf)).toEqual(await pageSizes(full.pdf));
  });

  it('is linked to the spooled document by a render thread, with the manifest of the full render', async () => {
    const { full } = await both('pages-12-a4.pdf', 'borderless');
    const p = printer();
    const spool = new Spool(null);
    const threaded = createWorkerRenderer({ threads: 1 });
    try {
      await spool.writeDocument('d1', documentBytes('pages-12-a4.pdf'));
      const result = await threaded({
        documents: [{ path: spool.documentPath('d1'), contentType: 'application/pdf', documentName: 'pages-12-a4.pdf' }],
        outputPath: spool.outputPath('j1'),
        manifestPath: spool.manifestPath('j1'),
        configuration: resolveConfiguration(jobConfig('borderless'), p),
        printer: p,
      });
      expect(statSync(spool.outputPath('j1')).ino).toBe(statSync(spool.documentPath('d1')).ino);
      expect(await spool.readManifest('j1')).toEqual(full.manifest);
      expect(result).toEqual({ warnings: full.warnings, impressions: full.manifest.totals.impressions, totals: full.manifest.totals });
    } finally {
      await threaded.close();
      spool.close();
    }
  });

  it.skipIf(missingTools('pdftotext'))('shows the same pages, sizes and text as the full render', async () => {
    const { job, full } = await both('pages-12-a4.pdf', 'borderless');
    const words = (pdf: Uint8Array) => textPages(pdf).map((page) => ({ width: page.width, height: page.height, text: page.words.map((w) => w.text) }));
    expect(words(job.pdf)).toEqual(words(full.pdf));
  });

  const changed: Array<[string, string, { proof?: boolean }?]> = [
    ['pages-12-a4.pdf', 'copies-2-collated'],
    ['pages-12-a4.pdf', 'grayscale'],
    ['pages-12-a4.pdf', 'nup-2'],
    ['pages-12-a4.pdf', 'duplex-short'],
    ['pages-12-a4.pdf', 'page-ranges'],
    ['pages-12-a4.pdf', 'margins-6mm'],
    ['pages-12-a4.pdf', 'media-letter'],
    // The printer's normal margins shrink the page into the printable area.
    ['pages-12-a4.pdf', 'default'],
    ['pages-12-a4.pdf', 'borderless', { proof: true }],
    ['pages-4-letter.pdf', 'default'],
    ['rotated.pdf', 'default'],
    ['cropbox.pdf', 'default'],
    ['annotated.pdf', 'default'],
    ['encrypted-empty-password.pdf', 'default'],
  ];
  it.each(changed)('%s with %s is rendered', async (doc, config, options) => {
    const { bytes, job, full } = await both(doc, config, options);
    expect(job.pdf).not.toBe(bytes);
    expect(Buffer.from(job.pdf).equals(Buffer.from(full.pdf))).toBe(true);
    expect(job.manifest).toEqual(full.manifest);
  });

  // Classic xref tables (rotated, cropbox, annotated) and xref streams with object streams (pages-12-a4).
  it.each(['pages-12-a4.pdf', 'pages-4-letter.pdf', 'mixed-sizes.pdf', 'rotated.pdf', 'cropbox.pdf', 'annotated.pdf'])(
    'the page-tree scan of %s reads the pages the whole load reads',
    async (doc) => {
      const bytes = documentBytes(doc);
      const pages = (r: Omit<Awaited<ReturnType<typeof loadPdf>>, 'doc'>) => ({
        plain: r.plain,
        warnings: r.warnings,
        pages: r.pages.map((p) => ({ number: p.number, size: p.size, bbox: p.bbox, toDisplayed: p.toDisplayed })),
      });
      const scanned = scanPdf(bytes);
      expect(scanned).toBeDefined();
      expect(pages(scanned!)).toEqual(pages(await loadPdf(bytes)));
    },
  );

  it.each(['corrupt.pdf', 'encrypted-empty-password.pdf', 'encrypted-user-password.pdf'])('the scan leaves %s to the whole load', async (doc) => {
    expect(scanPdf(documentBytes(doc))).toBeUndefined();
  });
});
