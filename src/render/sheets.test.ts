import { describe, expect, it } from 'vitest';
import { planSheets } from './sheets.js';

const show = (s: ReturnType<typeof planSheets>) => s.map((x) => `${x.copy}:${x.front}${x.back === undefined ? '' : `/${x.back ?? '-'}`}`).join(' ');

describe('planSheets', () => {
  it('one-sided: one impression per sheet', () => {
    expect(show(planSheets(3, 'oneSided', 1, true))).toBe('1:0 1:1 1:2');
  });

  it('duplex pairs impressions; an odd count leaves a blank back in every copy', () => {
    expect(show(planSheets(3, 'flipOnLongEdge', 2, true))).toBe('1:0/1 1:2/- 2:0/1 2:2/-');
  });

  it('uncollated repeats each sheet, keeping fronts and backs together', () => {
    expect(show(planSheets(4, 'flipOnShortEdge', 2, false))).toBe('1:0/1 2:0/1 1:2/3 2:2/3');
  });
});
