import { describe, expect, it } from 'vitest';
import { cellOrder, placeInCell, planLayout, resolveScaling } from './layout.js';

const A4 = { width: 595.28, height: 841.89 };
const none = { top: 0, bottom: 0, left: 0, right: 0 };

describe('planLayout', () => {
  it('keeps portrait pages on a portrait frame for 1-, 4-, 9- and 16-up', () => {
    for (const n of [1, 4, 9, 16]) {
      const l = planLayout({ sheet: A4, margins: none, orientation: 'portrait', pagesPerSheet: n, multipageLayout: 'clockwiseFromTopLeft', firstPage: A4 });
      expect(l.frameTurns).toBe(0);
      expect(l.cols * l.rows).toBe(n);
    }
  });

  it('turns the frame +90° for 2-up and 6-up portrait pages, as pdftopdf does', () => {
    const two = planLayout({ sheet: A4, margins: none, orientation: 'portrait', pagesPerSheet: 2, multipageLayout: 'clockwiseFromTopLeft', firstPage: A4 });
    expect([two.frameTurns, two.cols, two.rows]).toEqual([1, 2, 1]);
    const six = planLayout({ sheet: A4, margins: none, orientation: 'portrait', pagesPerSheet: 6, multipageLayout: 'clockwiseFromTopLeft', firstPage: A4 });
    expect([six.frameTurns, six.cols, six.rows]).toEqual([1, 3, 2]);
  });

  it('keeps reverse orientations reversed: reverseLandscape for landscape pages, reversePortrait for portrait ones', () => {
    const landscape = { width: 842, height: 595 };
    expect(planLayout({ sheet: A4, margins: none, orientation: 'reversePortrait', pagesPerSheet: 1, multipageLayout: 'clockwiseFromTopLeft', firstPage: landscape }).frameTurns).toBe(3);
    expect(planLayout({ sheet: A4, margins: none, orientation: 'reverseLandscape', pagesPerSheet: 1, multipageLayout: 'clockwiseFromTopLeft', firstPage: A4 }).frameTurns).toBe(2);
    expect(planLayout({ sheet: A4, margins: none, orientation: 'landscape', pagesPerSheet: 1, multipageLayout: 'clockwiseFromTopLeft', firstPage: A4, fixedOrientation: true }).frameTurns).toBe(1);
  });

  it('takes margins from the side as printed, whatever the frame turn', () => {
    const margins = { top: 10, bottom: 20, left: 30, right: 40 };
    const l = planLayout({ sheet: A4, margins, orientation: 'landscape', pagesPerSheet: 1, multipageLayout: 'clockwiseFromTopLeft', firstPage: { width: 842, height: 595 } });
    expect(l.frameTurns).toBe(1);
    const [cell] = l.cells;
    expect(cell!.width).toBeCloseTo(841.89 - 30);
    expect(cell!.height).toBeCloseTo(595.28 - 70);
  });
});

describe('cellOrder', () => {
  it('visits a 3×2 grid as the eight layouts name it', () => {
    const order = (layout: Parameters<typeof cellOrder>[0]) => cellOrder(layout, 3, 2).map(({ col, row }) => `${col}${row}`).join(' ');
    expect(order('clockwiseFromTopLeft')).toBe('00 10 20 01 11 21');
    expect(order('counterclockwiseFromTopLeft')).toBe('00 01 10 11 20 21');
    expect(order('counterclockwiseFromTopRight')).toBe('20 10 00 21 11 01');
    expect(order('clockwiseFromTopRight')).toBe('20 21 10 11 00 01');
    expect(order('counterclockwiseFromBottomLeft')).toBe('01 11 21 00 10 20');
    expect(order('clockwiseFromBottomLeft')).toBe('01 00 11 10 21 20');
    expect(order('clockwiseFromBottomRight')).toBe('21 11 01 20 10 00');
    expect(order('counterclockwiseFromBottomRight')).toBe('21 20 11 10 01 00');
  });
});

describe('scaling', () => {
  const cell = { width: 500, height: 700 };
  it.each([
    ['auto', { width: 400, height: 600 }, false, 'none'],
    ['auto', { width: 600, height: 800 }, false, 'fit'],
    ['auto', { width: 600, height: 800 }, true, 'fill'],
    ['shrinkToFit', { width: 400, height: 600 }, true, 'none'],
    ['shrinkToFit', { width: 600, height: 800 }, true, 'fit'],
    ['fill', { width: 400, height: 600 }, false, 'fill'],
  ] as const)('%s on a %j page (borderless %s) acts as %s', (mode, page, borderless, expected) => {
    expect(resolveScaling(mode, page, cell, borderless)).toBe(expected);
  });

  it('centres the page in its cell and turns it when its shape differs', () => {
    const p = placeInCell({ width: 200, height: 100 }, { x: 10, y: 20, width: 100, height: 400 }, 'fit', false, 1);
    expect(p.turns).toBe(1);
    expect(p.scale).toBe(1);
    // A 100×200 (turned) page centred in the 100×400 cell: from (10, 120).
    expect(p.matrix.map((n) => Math.round(n * 1000) / 1000)).toEqual([0, 1, -1, 0, 110, 120]);
  });
});
