// The streamed writer `printsim render` uses must give the very bytes render()
// returns (pdf-lib's save), across chunk boundaries and for objects bigger
// than a chunk.
import { describe, expect, it } from 'vitest';
import type { PrintJobConfiguration } from '../../src/model/print-types.js';
import { resolveConfiguration } from '../../src/core/validate-configuration.js';
import { PDFDocument } from '../../src/render/pdf.js';
import { type RenderInput, impose } from '../../src/render/render.js';
import { documentBytes, jobConfig, printer, TYPES } from './support.js';

function input(bytes: Uint8Array, contentType: string, job: PrintJobConfiguration, proof = false): RenderInput {
  const p = printer();
  return { bytes, contentType, configuration: resolveConfiguration(job, p), printer: p, documentName: 'doc', ...(proof ? { proof: true } : {}) };
}

/** Both serializations of the same render (each from a fresh render: imposing changes the document). */
async function bothWays(make: () => RenderInput): Promise<{ saved: Uint8Array; streamed: Uint8Array; chunks: number }> {
  const saved = await (await impose(make())).bytes();
  const parts: Uint8Array[] = [];
  await (await impose(make())).write((chunk) => parts.push(chunk.slice()));
  return { saved, streamed: Buffer.concat(parts), chunks: parts.length };
}

/** A PDF whose single page draws `ops`, stored without compression. */
async function pdfWithContent(ops: string, pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595, 842]);
    page.node.set(doc.context.obj('Contents'), doc.context.register(doc.context.stream(ops)));
  }
  return doc.save();
}

describe('streamed output (printsim render)', () => {
  it.each([
    ['pages-12-a4.pdf', 'nup-4-clockwise-from-top-left', false],
    ['pages-4-letter.pdf', 'duplex-long-3-copies-uncollated', false],
    ['mixed-sizes.pdf', 'grayscale', false],
    ['annotated.pdf', 'default', false],
    ['encrypted-empty-password.pdf', 'default', false],
    ['pages-12-a4.pdf', 'finishings-staple-punch', true],
    ['photo.jpg', 'default', false],
    ['greek-cyrillic.txt', 'nup-2', false],
  ])('%s with %s (proof %s) gives the bytes render() returns', async (doc, config, proof) => {
    const bytes = documentBytes(doc);
    const { saved, streamed } = await bothWays(() => input(bytes, TYPES[doc.split('.').pop()!]!, jobConfig(config), proof));
    expect(Buffer.compare(streamed, saved)).toBe(0);
  });

  it('splits a big output into chunks and writes an object bigger than a chunk whole', async () => {
    // One 1.5 MB content stream, then many small pages: past several 1 MiB chunks.
    const big = await pdfWithContent(`q 0 0 1 rg ${'0 0 1 1 re f\n'.repeat(120_000)}Q`);
    const many = await pdfWithContent('0 0 10 10 re f', 3000);
    for (const bytes of [big, many]) {
      const { saved, streamed, chunks } = await bothWays(() => input(bytes, 'application/pdf', { pagesPerSheet: 2 }));
      expect(saved.length).toBeGreaterThan(1 << 20);
      expect(chunks).toBeGreaterThan(1);
      expect(Buffer.compare(streamed, saved)).toBe(0);
    }
  });
});
