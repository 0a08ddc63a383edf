import { describe, expect, it } from 'vitest';
import { MEDIA_SIZES, findMediaSize, graphMediaName, pwgMediaName } from './media-sizes.js';

const round = (n: number) => Math.round(n * 100) / 100;

describe('media sizes', () => {
  it.each([
    ['A4', 'iso_a4_210x297mm', 595.28, 841.89],
    ['North America Letter', 'na_letter_8.5x11in', 612, 792],
    ['North America Legal', 'na_legal_8.5x14in', 612, 1008],
    ['North America Ledger', 'na_ledger_11x17in', 792, 1224],
    ['JIS B5', 'jis_b5_182x257mm', 515.91, 728.5],
    ['JPN Hagaki', 'jpn_hagaki_100x148mm', 283.46, 419.53],
    ['North America Goverment Letter', 'na_govt-letter_8x10in', 576, 720],
    ['Photo l 3.5x5in', 'oe_photo-l_3.5x5in', 252, 360],
    ['Business Card', 'oe_business-card_2x3.5in', 144, 252],
  ])('%s is %s, %s × %s pt', (graph, pwg, w, h) => {
    const m = findMediaSize(graph)!;
    expect(m.pwgName).toBe(pwg);
    expect([round(m.width), round(m.height)]).toEqual([w, h]);
    expect(graphMediaName(pwg)).toBe(graph);
    expect(pwgMediaName(graph)).toBe(pwg);
  });

  it('knows the documented Graph names and the envelopes by PWG name', () => {
    const documented = [
      'A3', 'A4', 'A5', 'A6', 'JIS B4', 'JIS B5', 'JPN Hagaki', 'North America 5x7in', 'North America Executive',
      'North America Goverment Letter', 'North America Index 3x5in', 'North America Index 4x8in', 'North America Index 5x8in',
      'North America Invoice', 'North America Ledger', 'North America Legal', 'North America Letter', 'Photo l 3.5x5in',
      'Business Card', 'Photo', 'na_number-10_4.125x9.5in', 'iso_dl_110x220mm', 'iso_c5_162x229mm',
    ];
    expect(documented.filter((n) => !findMediaSize(n))).toEqual([]);
    expect(round(findMediaSize('na_number-10_4.125x9.5in')!.width)).toBe(297);
  });

  it('matches Graph names loosely, and reads any self-describing PWG name', () => {
    expect(findMediaSize('  north america   LETTER ')?.pwgName).toBe('na_letter_8.5x11in');
    expect(findMediaSize('North America Government Letter')?.pwgName).toBe('na_govt-letter_8x10in');
    expect(findMediaSize('custom_poster_12x18in')).toEqual({ pwgName: 'custom_poster_12x18in', graphName: null, width: 864, height: 1296 });
    expect(findMediaSize('Imperial Foolscap Folio')).toBeUndefined();
    expect(graphMediaName('iso_dl_110x220mm')).toBe('iso_dl_110x220mm');
  });

  it('stores every size portrait (width ≤ height)', () => {
    expect(MEDIA_SIZES.filter((m) => m.width > m.height)).toEqual([]);
  });
});
