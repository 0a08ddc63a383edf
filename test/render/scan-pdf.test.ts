import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveConfiguration } from '../../src/core/validate-configuration.js';
import { createJobRenderer } from '../../src/rip/job-renderer.js';
import { loadPdf } from '../../src/render/load-pdf.js';
import { render } from '../../src/render/render.js';
import { scanPdf } from '../../src/render/scan-pdf.js';
import type { DescribedPages } from '../../src/render/page-tree.js';
import { prng } from '../support/prng.js';
import { PdfBuilder } from './pdf-builder.js';
import { SHAPES } from './pdf-shapes.js';
import { documentBytes, jobConfig, printer } from './support.js';

// The page-tree scan stands in for pdf-lib's whole load on the unchanged-output
// path: whenever it answers, it must answer what the load would.
function view(r: DescribedPages) {
  return {
    plain: r.plain,
    warnings: r.warnings,
    pages: r.pages.map((p) => ({ number: p.number, size: p.size, bbox: p.bbox, toDisplayed: [...p.toDisplayed] })),
  };
}

/** What loadPdf makes of the bytes, or the message it throws. */
async function loaded(bytes: Uint8Array) {
  try {
    return view(await loadPdf(bytes));
  } catch (e) {
    return `throws: ${e instanceof Error ? e.message : String(e)}`;
  }
}

describe('the page-tree scan', () => {
  afterEach(() => void vi.restoreAllMocks());

  it.each(Object.entries(SHAPES))('reads %s as the whole load does', async (_name, shape) => {
    const { bytes, answered } = shape();
    const scanned = scanPdf(bytes);
    expect(scanned !== undefined).toBe(answered);
    if (scanned) expect(view(scanned)).toEqual(await loaded(bytes));
  });

  it.each(Object.entries(SHAPES).filter(([, shape]) => shape().unchanged))('prints %s as its own bytes, with the manifest of a full render', async (_name, shape) => {
    const { bytes } = shape();
    const p = printer();
    const request = { bytes, contentType: 'application/pdf', configuration: resolveConfiguration(jobConfig('borderless'), p), printer: p, documentName: 'shape.pdf' };
    const job = await createJobRenderer()(request);
    const full = await render(request);
    expect(job.pdf).toBe(bytes);
    expect(job.manifest).toEqual(full.manifest);
    expect(job.warnings).toEqual(full.warnings);
  });

  it('reports progress as a full render does', async () => {
    const bytes = documentBytes('pages-12-a4.pdf');
    const p = printer();
    const request = { bytes, contentType: 'application/pdf', configuration: resolveConfiguration(jobConfig('borderless'), p), printer: p };
    const calls = (keepUnchanged: boolean) => {
      const seen: Array<[number, number]> = [];
      return render({ ...request, keepUnchanged, onProgress: (done, total) => seen.push([done, total]) }).then((r) => ({ r, seen }));
    };
    const kept = await calls(true);
    const full = await calls(false);
    expect(kept.r.pdf).toBe(bytes);
    expect(kept.seen).toEqual(full.seen);
  });

  // Damaged files: the scan must never throw, and whenever it answers, agree
  // with the load (which reads around damage, or throws). Seeded, so a failure
  // replays; the damage is of the kinds that move what pdf-lib reads: bytes
  // changed, digits changed (offsets, lengths, object numbers), bytes added or
  // dropped, a run copied elsewhere.
  const SOURCES: Array<[string, () => Uint8Array]> = [
    ...['pages-12-a4.pdf', 'pages-4-letter.pdf', 'mixed-sizes.pdf', 'rotated.pdf', 'cropbox.pdf', 'annotated.pdf'].map(
      (name): [string, () => Uint8Array] => [name, () => documentBytes(name)],
    ),
    ...Object.entries(SHAPES)
      .filter(([, shape]) => shape().answered)
      .map(([name, shape]): [string, () => Uint8Array] => [name, () => shape().bytes]),
  ];
  const SYNTAX = [...'0123456789 \n\r()<>[]{}/%#Robjendstreamxref.-+'].map((c) => c.charCodeAt(0));

  function damage(bytes: Uint8Array, random: () => number): Uint8Array {
    const pick = (n: number) => Math.floor(random() * n);
    let out = bytes.slice();
    for (let times = 1 + pick(3); times > 0; times--) {
      const at = pick(out.length);
      switch (pick(6)) {
        case 0:
          out[at] = pick(256);
          break;
        case 1:
          out[at] = SYNTAX[pick(SYNTAX.length)]!;
          break;
        case 2: {
          const digits = [...out.keys()].filter((i) => out[i]! >= 0x30 && out[i]! <= 0x39);
          if (digits.length > 0) out[digits[pick(digits.length)]!] = 0x30 + pick(10);
          break;
        }
        case 3:
          out = Uint8Array.from([...out.subarray(0, at), SYNTAX[pick(SYNTAX.length)]!, ...out.subarray(at)]);
          break;
        case 4:
          out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + 1)]);
          break;
        default: {
          const from = pick(out.length);
          out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(from, from + 1 + pick(40)), ...out.subarray(at)]);
        }
      }
    }
    return out;
  }

  it.each(SOURCES)('never throws on damaged %s, and agrees with the load when it answers', async (_name, source) => {
    // pdf-lib says when it drops a damaged file's object 0.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const random = prng(0x5eed);
    const original = source();
    let answered = 0;
    for (let i = 0; i < 120; i++) {
      const bytes = damage(original, random);
      let scanned: DescribedPages | undefined;
      expect(() => (scanned = scanPdf(bytes))).not.toThrow();
      if (scanned === undefined) continue;
      answered++;
      expect({ case: i, result: view(scanned) }).toEqual({ case: i, result: await loaded(bytes) });
    }
    // Most damage lands in content the scan reads past: it still answers.
    expect(answered).toBeGreaterThan(0);
  });

  it('gives up, and soon, on a decompression bomb, an object listed over and over, deep nesting', () => {
    const tree = (b: PdfBuilder) =>
      b.obj(1, '<< /Type /Catalog /Pages 2 0 R >>').obj(2, '<< /Type /Pages /Kids [3 0 R] /MediaBox [0 0 595.28 841.89] >>').obj(3, '<< /Type /Page /Parent 2 0 R >>');
    const bomb = tree(new PdfBuilder()).stream(4, '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', deflateSync(Buffer.alloc(80 << 20, 0x20)));
    const big = `[${'1 '.repeat(50_000)}]`;
    const listed = `${'9 0 '.repeat(20_000)}`;
    const repeated = tree(new PdfBuilder()).stream(4, `/Type /ObjStm /N 20000 /First ${listed.length}`, listed + big);
    const deep = tree(new PdfBuilder()).obj(4, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    for (const b of [bomb, repeated, deep]) {
      const started = performance.now();
      expect(scanPdf(b.xrefTable({ root: 1 }).bytes())).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(5000);
    }
  });

  it('gives up on bytes that only look like a PDF', () => {
    for (const text of ['', '%PDF-', '%PDF-1.7\n', '%PDF-1.7\n1 0 obj\n<<', '%PDF-1.7\n1 0 obj\n(((\nendobj', '%PDF-1.7\ntrailer << /Root 1 0 R >>\n%%EOF']) {
      expect(scanPdf(Buffer.from(text, 'latin1'))).toBeUndefined();
    }
  });
});
