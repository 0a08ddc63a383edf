import { describe, expect, it } from 'vitest';
import { resolveConfiguration } from '../../src/core/validate-configuration.js';
import { countPages } from '../../src/render/page-count.js';
import { PDFDocument } from '../../src/render/pdf.js';
import { FIXED_DATE, render } from '../../src/render/render.js';
import { missingTools } from '../support/tools.js';
import { documentBytes, pixels, printer, renderFixture, textPages } from './support.js';

describe('manifest', () => {
  it('lists every sheet with copy, media, bins and per side the placed source pages', async () => {
    const r = await renderFixture('pages-12-a4.pdf', { pagesPerSheet: 2, duplexMode: 'flipOnLongEdge', copies: 2, collate: true, pageRanges: [{ start: 1, end: 5 }], inputBin: 'tray-2' }, { borderless: true });
    expect(Object.keys(r.manifest)).toEqual(['sheets', 'totals', 'warnings']);
    expect(r.manifest.totals).toEqual({ sheets: 4, impressions: 8, blankImpressions: 2, sourcePagesPrinted: 10 });
    expect(r.manifest.sheets[0]).toEqual({
      sheet: 1,
      copy: 1,
      media: 'A4',
      inputBin: 'tray-2',
      outputBin: 'output-tray',
      front: {
        outputPage: 1,
        blank: false,
        sourcePages: [
          { page: 1, cell: { x: 0, y: 0, width: 595.28, height: 420.94 }, rotation: 90, scale: 0.7071 },
          { page: 2, cell: { x: 0, y: 420.94, width: 595.28, height: 420.94 }, rotation: 90, scale: 0.7071 },
        ],
      },
      back: {
        outputPage: 2,
        blank: false,
        sourcePages: [
          { page: 3, cell: { x: 0, y: 0, width: 595.28, height: 420.94 }, rotation: 90, scale: 0.7071 },
          { page: 4, cell: { x: 0, y: 420.94, width: 595.28, height: 420.94 }, rotation: 90, scale: 0.7071 },
        ],
      },
    });
    expect(r.manifest.sheets.map((s) => [s.sheet, s.copy, s.front.sourcePages.map((p) => p.page), s.back?.blank])).toEqual([
      [1, 1, [1, 2], false],
      [2, 1, [5], true],
      [3, 2, [1, 2], false],
      [4, 2, [5], true],
    ]);
    expect((await PDFDocument.load(r.pdf)).getPageCount()).toBe(r.manifest.totals.impressions);
  });

  it('is the same bytes every time: fixed dates, no random names', async () => {
    const a = await renderFixture('greek-cyrillic.txt', 'default', { proof: true });
    const b = await renderFixture('greek-cyrillic.txt', 'default', { proof: true });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    const doc = await PDFDocument.load(a.pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('greek-cyrillic.txt');
    expect(doc.getProducer()).toBe('printsim');
    expect(Buffer.from(a.pdf).toString('latin1')).toContain(FIXED_DATE);
  });

  it('reports progress up to done === total', async () => {
    const p = printer();
    const calls: Array<[number, number]> = [];
    await render({
      bytes: documentBytes('pages-12-a4.pdf'),
      contentType: 'application/pdf',
      configuration: resolveConfiguration({ copies: 2 }, p),
      printer: p,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.every(([d], i) => i === 0 || d >= calls[i - 1]![0])).toBe(true);
    const [done, total] = calls.at(-1)!;
    expect(done).toBe(total);
  });

  it('drops what the output cannot use: no outlines, forms or old pages are written', async () => {
    const r = await renderFixture('annotated.pdf', 'default');
    const text = Buffer.from(r.pdf).toString('latin1');
    expect(text).not.toContain('/Annots');
    expect(text.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
  });
});

describe.skipIf(missingTools('pdftotext', 'pdftoppm'))('proof marks', () => {
  const dark = (img: ReturnType<typeof pixels>, x: number, y: number, r = 3) => {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const i = ((y + dy) * img.width + (x + dx)) * 3;
        if (img.data[i]! < 100) return true;
      }
    }
    return false;
  };

  it('are off by default: the paper shows only the document', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'finishings-staple-punch');
    const words = textPages(r.pdf)[0]!.words.map((w) => w.text);
    expect(words).not.toContain('sheet');
    expect(dark(pixels(r.pdf, 1, 72), 14, 14)).toBe(false);
  });

  it('label each side in a band above the content, and draw staple and punch positions', async () => {
    const r = await renderFixture('pages-12-a4.pdf', { finishings: ['stapleTopLeft', 'punchDualLeft'], duplexMode: 'flipOnLongEdge' }, { proof: true });
    const pages = textPages(r.pdf);
    const label = (p: number) => pages[p]!.words.filter((w) => w.yMax <= 10).map((w) => w.text).join(' ');
    expect(label(0)).toBe('sheet 1/6 · front · copy 1/1 · A4 · pages 1 · in auto → out output-tray · stapleTopLeft, punchDualLeft');
    expect(label(1)).toMatch(/^sheet 1\/6 · back · copy 1\/1 · A4 · pages 2 /);
    // The band sits above the content: no word straddles its edge, the page's own top marker is below it.
    expect(pages[0]!.words.filter((w) => w.yMin < 10 && w.yMax > 10)).toEqual([]);
    expect(pages[0]!.words.find((w) => w.text === 'top-1')!.yMin).toBeGreaterThan(10);
    const front = pixels(r.pdf, 1, 72);
    const back = pixels(r.pdf, 2, 72);
    // Staple 14 pt in from the top-left corner; seen from the back it is top-right.
    expect(dark(front, 14, 14)).toBe(true);
    expect(dark(back, back.width - 15, 14)).toBe(true);
    expect(dark(back, 14, 14)).toBe(false);
    // Two punch holes 12 mm in from the left edge, 80 mm apart around the middle.
    const mm = 72 / 25.4;
    for (const y of [841.89 / 2 - 40 * mm, 841.89 / 2 + 40 * mm]) {
      const i = (Math.round(y) * front.width + Math.round(12 * mm)) * 3;
      expect(front.data[i]).toBeGreaterThan(200);
      expect(front.data[i]).toBeLessThan(230);
    }
  });
});

describe('countPages', () => {
  it('counts PDF pages, images as one page, and text pages as paginated', async () => {
    expect(await countPages(documentBytes('pages-12-a4.pdf'), 'application/pdf')).toBe(12);
    expect(await countPages(documentBytes('encrypted-empty-password.pdf'), 'application/pdf')).toBe(3);
    expect(await countPages(documentBytes('colour.png'), 'image/png')).toBe(1);
    expect(await countPages(documentBytes('greek-cyrillic.txt'), 'text/plain')).toBe(4);
    const big = resolveConfiguration({ mediaSize: 'A3' }, printer());
    expect(await countPages(documentBytes('greek-cyrillic.txt'), 'text/plain', big)).toBe(3);
  });

  it('refuses what render refuses', async () => {
    await expect(countPages(documentBytes('corrupt.pdf'), 'application/pdf')).rejects.toMatchObject({ code: 'corruptDocument' });
    await expect(countPages(new Uint8Array([1, 2, 3]), 'image/gif')).rejects.toMatchObject({ code: 'unsupportedFormat' });
  });
});
