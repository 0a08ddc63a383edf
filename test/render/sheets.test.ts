import { describe, expect, it } from 'vitest';
import { missingTools } from '../support/tools.js';
import { landings, pagesPerImpression, renderFixture, textPages } from './support.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe.skipIf(missingTools('pdftotext'))('duplex, copies and collation', () => {
  it('collated copies print the whole document again: 1..12, 1..12', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'copies-2-collated');
    expect(pagesPerImpression(r.pdf).flat()).toEqual([...range(1, 12), ...range(1, 12)]);
    expect(r.manifest.sheets.map((s) => s.copy)).toEqual([...Array(12).fill(1), ...Array(12).fill(2)]);
  });

  it('uncollated one-sided copies repeat each sheet: 1,1,2,2,...', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'copies-2-uncollated');
    expect(pagesPerImpression(r.pdf).flat()).toEqual(range(1, 12).flatMap((n) => [n, n]));
  });

  it('uncollated duplex copies repeat whole sheets, so fronts and backs stay paired', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'duplex-long-3-copies-uncollated');
    const seq = pagesPerImpression(r.pdf).flat();
    expect(seq).toHaveLength(36);
    expect(seq.slice(0, 12)).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
    expect(r.manifest.totals).toEqual({ sheets: 18, impressions: 36, blankImpressions: 0, sourcePagesPrinted: 36 });
    expect(r.manifest.sheets.slice(0, 4).map((s) => [s.copy, s.front.sourcePages[0]!.page, s.back!.sourcePages[0]!.page])).toEqual([
      [1, 1, 2], [2, 1, 2], [3, 1, 2], [1, 3, 4],
    ]);
  });

  it('flipOnLongEdge shows backs upright, like the fronts', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'duplex-long-2-copies-collated');
    const pages = textPages(r.pdf);
    expect(pages).toHaveLength(24);
    expect(pages.every((p) => landings(p)[0]!.rotation === 0)).toBe(true);
  });

  it('flipOnShortEdge shows each back turned 180°, as seen after turning the sheet over its long edge', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'duplex-short');
    const rotations = textPages(r.pdf).map((p) => landings(p)[0]!.rotation);
    expect(rotations).toEqual(range(1, 12).map((n) => (n % 2 === 0 ? 180 : 0)));
    expect(r.manifest.sheets[0]!.back!.sourcePages[0]!.rotation).toBe(180);
  });

  it('an odd number of sides gets a blank back, and every copy starts on a new sheet', async () => {
    const r = await renderFixture('pages-12-a4.pdf', { duplexMode: 'flipOnLongEdge', copies: 2, collate: true, pageRanges: [{ start: 1, end: 3 }] });
    expect(pagesPerImpression(r.pdf)).toEqual([[1], [2], [3], [], [1], [2], [3], []]);
    expect(r.manifest.totals).toEqual({ sheets: 4, impressions: 8, blankImpressions: 2, sourcePagesPrinted: 6 });
    expect(r.manifest.sheets[1]!.back).toEqual({ outputPage: 4, blank: true, sourcePages: [] });
  });

  it('2-up duplex short edge, 2 collated copies: pairs on each side, backs upside down', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'nup-2-duplex-short-grayscale-2-copies');
    const pages = textPages(r.pdf);
    expect(pages.map((p) => landings(p).map((l) => l.page))).toEqual([
      [1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12],
      [1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12],
    ]);
    // Fronts +90°, backs +90° + 180°.
    expect(pages.map((p) => landings(p)[0]!.rotation)).toEqual(Array(6).fill([90, 270]).flat());
  });
});
