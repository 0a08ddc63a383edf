import { describe, expect, it } from 'vitest';
import { missingTools } from '../support/tools.js';
import { type Landing, landings, pageSizes, renderFixture, textPages } from './support.js';

const A4: [number, number] = [595.28, 841.89];

/** Quadrant of a landing on a portrait sheet: TL, TR, BL, BR. */
function quadrant(l: Landing): string {
  return `${l.y < 0.5 ? 'T' : 'B'}${l.x < 0.5 ? 'L' : 'R'}`;
}

describe.skipIf(missingTools('pdftotext'))('N-up', () => {
  it('1-up (default) prints each A4 page upright and centred on its own A4 sheet', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'default');
    expect(await pageSizes(r.pdf)).toEqual(Array(12).fill(A4));
    textPages(r.pdf).forEach((p, i) => {
      const [l] = landings(p);
      expect(l).toMatchObject({ page: i + 1, rotation: 0 });
      expect(l!.x).toBeCloseTo(0.5, 1);
      expect(l!.y).toBeCloseTo(0.5, 1);
    });
  });

  it('2-up turns portrait pages a quarter turn, first page in the lower half, reading left to right once the sheet is turned', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'nup-2', { borderless: true });
    const pages = textPages(r.pdf);
    expect(pages).toHaveLength(6);
    pages.forEach((p, i) => {
      const [a, b] = landings(p);
      expect([a!.page, b!.page]).toEqual([2 * i + 1, 2 * i + 2]);
      expect(a!.rotation).toBe(90);
      expect(b!.rotation).toBe(90);
      expect(a!.y).toBeGreaterThan(0.5);
      expect(b!.y).toBeLessThan(0.5);
    });
    expect(r.manifest.sheets[0]!.front.sourcePages.map((s) => s.scale)).toEqual([0.7071, 0.7071]);
  });

  const layouts: Array<[string, string[]]> = [
    ['clockwise-from-top-left', ['TL', 'TR', 'BL', 'BR']],
    ['counterclockwise-from-top-left', ['TL', 'BL', 'TR', 'BR']],
    ['counterclockwise-from-top-right', ['TR', 'TL', 'BR', 'BL']],
    ['clockwise-from-top-right', ['TR', 'BR', 'TL', 'BL']],
    ['counterclockwise-from-bottom-left', ['BL', 'BR', 'TL', 'TR']],
    ['clockwise-from-bottom-left', ['BL', 'TL', 'BR', 'TR']],
    ['clockwise-from-bottom-right', ['BR', 'BL', 'TR', 'TL']],
    ['counterclockwise-from-bottom-right', ['BR', 'TR', 'BL', 'TL']],
  ];
  it.each(layouts)('4-up %s puts pages 1-4 in quadrants %j', async (name, expected) => {
    const r = await renderFixture('pages-12-a4.pdf', `nup-4-${name}`);
    const pages = textPages(r.pdf);
    expect(pages).toHaveLength(3);
    pages.forEach((p, sheet) => {
      const ls = landings(p);
      expect(ls.map((l) => l.page)).toEqual([1, 2, 3, 4].map((n) => n + sheet * 4));
      expect(ls.map(quadrant)).toEqual(expected);
      expect(ls.every((l) => l.rotation === 0)).toBe(true);
    });
  });

  it('6-up lays a 3×2 grid on the sheet turned landscape: two columns of three, pages turned', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'nup-6');
    const pages = textPages(r.pdf);
    expect(pages).toHaveLength(2);
    const ls = landings(pages[0]!);
    expect(ls.map((l) => l.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ls.every((l) => l.rotation === 90)).toBe(true);
    // Pages 1-3 up the left column from the bottom, 4-6 up the right column.
    expect(ls.slice(0, 3).every((l) => l.x < 0.5)).toBe(true);
    expect(ls.slice(3).every((l) => l.x > 0.5)).toBe(true);
    expect(ls[0]!.y).toBeGreaterThan(ls[1]!.y);
    expect(ls[1]!.y).toBeGreaterThan(ls[2]!.y);
  });

  it('9-up fills a 3×3 grid row by row; the last sheet holds the remaining 3', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'nup-9');
    const pages = textPages(r.pdf);
    expect(pages.map((p) => landings(p).map((l) => l.page))).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 11, 12]]);
    const ls = landings(pages[0]!);
    expect(ls.map((l) => [Math.floor(l.x * 3), Math.floor(l.y * 3)])).toEqual([
      [0, 0], [1, 0], [2, 0], [0, 1], [1, 1], [2, 1], [0, 2], [1, 2], [2, 2],
    ]);
  });

  it('16-up puts 12 pages on one sheet in a 4×4 grid, each at a quarter of the size', async () => {
    const one = landings(textPages((await renderFixture('pages-12-a4.pdf', 'default')).pdf)[0]!)[0]!;
    const r = await renderFixture('pages-12-a4.pdf', 'nup-16');
    const [page] = textPages(r.pdf);
    const ls = landings(page!);
    expect(ls).toHaveLength(12);
    expect(ls.map((l) => [Math.floor(l.x * 4), Math.floor(l.y * 4)])).toEqual([
      [0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [1, 1], [2, 1], [3, 1], [0, 2], [1, 2], [2, 2], [3, 2],
    ]);
    expect(ls[0]!.size / one.size).toBeCloseTo(0.25, 2);
  });

  it('N-up with mixed page shapes turns each page to its cell without turning any upside down', async () => {
    const r = await renderFixture('rotated.pdf', 'nup-4-clockwise-from-top-left');
    const ls = landings(textPages(r.pdf)[0]!);
    expect(ls.map((l) => l.page)).toEqual([1, 2, 3, 4]);
    // /Rotate 90 and 270 pages show landscape: the frame turns for them, the portrait ones stay upright.
    expect(ls.map((l) => l.rotation)).toEqual([90, 0, 90, 0]);
  });
});
