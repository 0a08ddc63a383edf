import { describe, expect, it } from 'vitest';
import { attr } from './attr.js';
import { ValueTag } from './tags.js';

describe('attr builders', () => {
  it('string syntaxes take their tag and one or more values', () => {
    expect(attr.keyword('sides', 'one-sided', 'two-sided-long-edge')).toStrictEqual({
      name: 'sides',
      tag: ValueTag.keyword,
      values: ['one-sided', 'two-sided-long-edge'],
    });
    expect(
      [attr.text, attr.name, attr.uri, attr.uriScheme, attr.charset, attr.naturalLanguage, attr.mimeMediaType].map(
        (build) => build('a', 'x').tag,
      ),
    ).toEqual([0x41, 0x42, 0x45, 0x46, 0x47, 0x48, 0x49]);
  });

  it('enum takes numbers or keywords of the attribute (any -default/-supported form)', () => {
    expect(attr.enum('orientation-requested', 'landscape', 3).values).toEqual([4, 3]);
    expect(attr.enum('finishings-supported', 'none', 'staple-top-left').values).toEqual([3, 20]);
    expect(attr.enum('operations-supported', 'Get-Jobs', 'Close-Job').values).toEqual([0x0a, 0x3b]);
    expect(() => attr.enum('print-quality', 'superb')).toThrow(/superb/);
    expect(() => attr.enum('not-an-enum', 'x')).toThrow();
  });

  it('range takes pairs or objects; withLanguage shares one language', () => {
    expect(attr.range('page-ranges', [1, 5], { lower: 7, upper: 7 }).values).toStrictEqual([
      { lower: 1, upper: 5 },
      { lower: 7, upper: 7 },
    ]);
    expect(attr.textWithLanguage('t', 'de', 'a', 'b').values).toStrictEqual([
      { lang: 'de', value: 'a' },
      { lang: 'de', value: 'b' },
    ]);
    expect(attr.nameWithLanguage('n', 'en', 'x').tag).toBe(ValueTag.nameWithLanguage);
  });

  it('dateTime converts Dates to UTC', () => {
    expect(attr.dateTime('d', new Date('2024-03-04T05:06:07.890Z')).values[0]).toStrictEqual({
      year: 2024,
      month: 3,
      day: 4,
      hour: 5,
      minutes: 6,
      seconds: 7,
      deciSeconds: 8,
      utcDirection: '+',
      utcHours: 0,
      utcMinutes: 0,
    });
  });

  it('collection, oob and the raw escape hatch', () => {
    const size = [attr.integer('x-dimension', 21000), attr.integer('y-dimension', 29700)];
    expect(attr.collection('media-size', size)).toStrictEqual({ name: 'media-size', tag: 0x34, values: [size] });
    expect(attr.oob('printer-geo-location', 'unknown')).toStrictEqual({
      name: 'printer-geo-location',
      tag: 0x12,
      values: [{ outOfBand: 'unknown' }],
    });
    expect(attr.of('x', 0x38, { tag: 0x38, raw: new Uint8Array([1]) }).tag).toBe(0x38);
    expect(attr.boolean('b', true).tag).toBe(0x22);
    expect(attr.resolution('r', { x: 1, y: 1, units: 3 }).tag).toBe(0x32);
    expect(attr.octetString('o', new Uint8Array()).tag).toBe(0x30);
  });
});
