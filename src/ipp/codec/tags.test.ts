import { describe, expect, it } from 'vitest';
import { OUT_OF_BAND, isDelimiterTag, outOfBandKeyword, tagName } from './tags.js';

describe('tags (RFC 8010 §3.5)', () => {
  it('names known tags and shows unknown ones in hex', () => {
    expect(tagName(0x01)).toBe('operationAttributes');
    expect(tagName(0x34)).toBe('begCollection');
    expect(tagName(0x4a)).toBe('memberAttrName');
    expect(tagName(0x0b)).toBe('0x0b');
    expect(tagName(0x38)).toBe('0x38');
  });

  it('delimiters are 0x00-0x0f; out-of-band keywords map both ways', () => {
    expect([0x00, 0x0f, 0x10].map(isDelimiterTag)).toEqual([true, true, false]);
    for (const [keyword, tag] of Object.entries(OUT_OF_BAND)) expect(outOfBandKeyword(tag)).toBe(keyword);
    expect(outOfBandKeyword(0x11)).toBeUndefined();
  });
});
