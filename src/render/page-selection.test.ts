import { describe, expect, it } from 'vitest';
import { selectPages } from './page-selection.js';

describe('selectPages', () => {
  it('selects every page without ranges', () => {
    expect(selectPages([], 3)).toEqual({ pages: [1, 2, 3], warnings: [] });
  });

  it('prints in document order, each page once, whatever the order and overlap of the ranges', () => {
    expect(selectPages([{ start: 5, end: 6 }, { start: 1, end: 2 }, { start: 2, end: 5 }], 8).pages).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('clips at the end with a warning, ignores empty and wholly-past ranges with one', () => {
    const s = selectPages([{ start: 3, end: 1 }, { start: 4, end: 9 }, { start: 12, end: 14 }], 5);
    expect(s.pages).toEqual([4, 5]);
    expect(s.warnings).toEqual([
      'pageRanges 3-1 is empty (start after end) and was ignored',
      'pageRanges 4-9 runs past the end of the 5-page document; printed pages 4-5',
      'pageRanges 12-14 is past the end of the 5-page document; nothing printed for it',
    ]);
  });

  it('refuses a selection with no page', () => {
    expect(() => selectPages([{ start: 7, end: 7 }], 5)).toThrow('pageRanges 7 select no page of the 5-page document');
  });
});
