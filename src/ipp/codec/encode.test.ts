import { describe, expect, it } from 'vitest';
import { attr } from './attr.js';
import { decode } from './decode.js';
import { encode } from './encode.js';
import { IppEncodeError } from './errors.js';
import type { IppAttribute, IppMessage, IppValue } from './message.js';
import { DelimiterTag, ValueTag } from './tags.js';

const OP = DelimiterTag.operationAttributes;
const JOB = DelimiterTag.jobAttributes;

function message(...attributes: IppAttribute[]): IppMessage {
  return { version: { major: 2, minor: 0 }, code: 0x0002, requestId: 1, groups: [{ tag: OP, attributes }] };
}

/** The bytes of the attributes alone: header (8), group tag (1) and end tag (1) cut off. */
function attributeBytes(...attributes: IppAttribute[]): number[] {
  const bytes = encode(message(...attributes));
  return [...bytes.subarray(9, bytes.length - 1)];
}

const hex = (bytes: Iterable<number>): string => Buffer.from([...bytes]).toString('hex');

function encodeError(m: IppMessage): IppEncodeError {
  try {
    encode(m);
  } catch (e) {
    if (e instanceof IppEncodeError) return e;
    throw e;
  }
  throw new Error('encoded without error');
}

describe('encode: wire layout (RFC 8010 §3.1)', () => {
  it('header, groups in order, end-of-attributes-tag', () => {
    const bytes = encode({
      version: { major: 1, minor: 1 },
      code: 0x0400,
      requestId: 0x7fffffff,
      groups: [
        { tag: OP, attributes: [] },
        { tag: JOB, attributes: [attr.integer('job-id', 1)] },
        { tag: JOB, attributes: [] },
      ],
    });
    expect(hex(bytes)).toBe('0101' + '0400' + '7fffffff' + '01' + '02' + '210006' + hex(Buffer.from('job-id')) + '000400000001' + '02' + '03');
  });

  it('additional values carry name-length 0 (RFC 8010 §3.1.5)', () => {
    expect(hex(attributeBytes(attr.keyword('k', 'a', 'b')))).toBe('440001' + '6b' + '000161' + '440000' + '000162');
  });

  it('collections: begCollection, memberAttrName, values, endCollection (RFC 8010 §3.1.6-§3.1.8)', () => {
    const bytes = attributeBytes(
      attr.collection('c', [attr.integer('x', 1, 2)], []),
    );
    expect(hex(bytes)).toBe(
      '340001' + '63' + '0000' + // begCollection "c", value-length 0
        '4a0000' + '000178' + // memberAttrName "x"
        '210000' + '000400000001' + '210000' + '000400000002' + // x = 1, 2
        '370000' + '0000' + // endCollection
        '340000' + '0000' + '370000' + '0000', // second, empty collection
    );
  });

  it('out-of-band values: tag, name, value-length 0', () => {
    expect(hex(attributeBytes(attr.oob('a', 'no-value')))).toBe('130001' + '61' + '0000');
    expect(hex(attributeBytes(attr.oob('a', 'admin-define')))).toBe('170001' + '61' + '0000');
  });

  it('dateTime: month 1-12, deci-seconds, ASCII sign (RFC 2579)', () => {
    const v = { year: 2024, month: 11, day: 5, hour: 13, minutes: 30, seconds: 15, deciSeconds: 7, utcDirection: '-' as const, utcHours: 5, utcMinutes: 30 };
    expect(hex(attributeBytes(attr.dateTime('t', v)))).toBe('310001' + '74' + '000b' + '07e8' + '0b' + '05' + '0d' + '1e' + '0f' + '07' + '2d' + '05' + '1e');
    const utc = attributeBytes(attr.dateTime('t', new Date('2024-01-31T23:59:59.987Z')));
    expect(hex(utc.slice(-11))).toBe('07e8' + '01' + '1f' + '17' + '3b' + '3b' + '09' + '2b' + '00' + '00');
  });

  it('resolution, range, withLanguage, octetString', () => {
    expect(hex(attributeBytes(attr.resolution('r', { x: 600, y: 300, units: 4 })))).toBe('320001' + '72' + '0009' + '00000258' + '0000012c' + '04');
    expect(hex(attributeBytes(attr.range('p', [1, 3])))).toBe('330001' + '70' + '0008' + '00000001' + '00000003');
    expect(hex(attributeBytes(attr.textWithLanguage('t', 'de', 'ü')))).toBe('350001' + '74' + '0008' + '0002' + '6465' + '0002' + 'c3bc');
    expect(hex(attributeBytes(attr.octetString('o', new Uint8Array([0, 255]))))).toBe('300001' + '6f' + '0002' + '00ff');
  });

  it('extension and raw values: bytes as given', () => {
    const ext = attr.of('e', ValueTag.extension, { tag: 0x40000001, raw: new Uint8Array([7]) });
    expect(hex(attributeBytes(ext))).toBe('7f' + '40000001' + '0001' + '65' + '0001' + '07');
    expect(hex(attributeBytes(attr.of('u', 0x38, { tag: 0x38, raw: new Uint8Array([1, 2]) })))).toBe('380001' + '75' + '0002' + '0102');
  });

  it('valueTags: per-value tags for a mixed 1setOf', () => {
    const mixed: IppAttribute = { name: 'm', tag: 0x44, values: ['a', 'b'], valueTags: [0x44, 0x42] };
    expect(hex(attributeBytes(mixed))).toBe('440001' + '6d' + '000161' + '420000' + '000162');
  });

  it('32767-byte values fit', () => {
    expect(() => encode(message(attr.text('t', 'a'.repeat(0x7fff))))).not.toThrow();
    expect(() => encode(message(attr.octetString('o', new Uint8Array(0x7fff))))).not.toThrow();
  });
});

describe('encode then decode gives the message back', () => {
  it('for every syntax, nested collections, mixed tags and several groups', () => {
    const m: IppMessage = {
      version: { major: 2, minor: 0 },
      code: 0x000b,
      requestId: 123,
      groups: [
        {
          tag: OP,
          attributes: [
            attr.charset('attributes-charset', 'utf-8'),
            attr.naturalLanguage('attributes-natural-language', 'en'),
            attr.uri('printer-uri', 'ipp://localhost/ipp/print'),
            attr.uriScheme('s', 'ipps'),
            attr.mimeMediaType('document-format', 'application/pdf'),
            attr.nameWithLanguage('job-name', 'fr', 'écrit'),
          ],
        },
        {
          tag: DelimiterTag.printerAttributes,
          attributes: [
            attr.integer('i', -2147483648, 2147483647, 0),
            attr.boolean('b', true, false),
            attr.enum('printer-state', 'idle'),
            attr.text('t', ''),
            attr.name('n', 'ü'),
            attr.textWithLanguage('tl', 'de', 'a', 'b'),
            attr.octetString('o', new Uint8Array([1, 2, 3])),
            attr.dateTime('d', new Date('2030-06-01T00:00:00.5Z')),
            attr.resolution('r', { x: 1, y: 2, units: 3 }),
            attr.range('copies-supported', [1, 999]),
            attr.oob('u', 'unsupported'),
            attr.oob('nv', 'no-value'),
            attr.oob('ns', 'not-settable'),
            attr.oob('da', 'delete-attribute'),
            attr.oob('uk', 'unknown'),
            { name: 'media-supported', tag: 0x44, values: ['a', 'custom', 'b'], valueTags: [0x44, 0x42, 0x44] },
            attr.collection(
              'media-col-database',
              [
                attr.collection('media-size', [attr.integer('x-dimension', 21000), attr.range('y-dimension', [1, 2])]),
                attr.keyword('media-source', 'main', 'auto'),
                attr.oob('media-type', 'no-value'),
              ],
              [attr.collection('a', [attr.collection('b', [attr.collection('c', [attr.boolean('d', true)])])])],
            ),
            attr.of('x', ValueTag.extension, { tag: 0x12345678, raw: new Uint8Array([9]) }),
            attr.of('y', 0x13, { tag: 0x13, raw: new Uint8Array([1]) }),
          ],
        },
        { tag: DelimiterTag.unsupportedAttributes, attributes: [attr.oob('sides', 'unsupported')] },
      ],
    };
    expect(decode(encode(m)).message).toStrictEqual(m);
  });
});

describe('encode errors: values that do not fit their tag', () => {
  const bad = (value: IppValue, tag: number): IppMessage => message({ name: 'a', tag, values: [value] });
  const cases: Array<[string, IppMessage, string]> = [
    ['a 32768-byte string', message(attr.text('t', 'a'.repeat(0x8000))), 'tooLong'],
    ['a string of 16384 two-byte characters', message(attr.text('t', 'é'.repeat(0x4000))), 'tooLong'],
    ['a 32768-byte octetString', message(attr.octetString('o', new Uint8Array(0x8000))), 'tooLong'],
    ['textWithLanguage over 32767 bytes', message(attr.textWithLanguage('t', 'en', 'a'.repeat(0x7ffc))), 'tooLong'],
    ['a 32768-byte name', message(attr.integer('n'.repeat(0x8000), 1)), 'tooLong'],
    ['an empty name', message(attr.integer('', 1)), 'badValue'],
    ['no values', message({ name: 'a', tag: 0x21, values: [] }), 'badValue'],
    ['valueTags of the wrong length', message({ name: 'a', tag: 0x44, values: ['x'], valueTags: [0x44, 0x44] }), 'badValue'],
    ['a string as integer', bad('1', ValueTag.integer), 'badValue'],
    ['a fraction as integer', bad(1.5, ValueTag.integer), 'badValue'],
    ['2^31 as integer', bad(2 ** 31, ValueTag.enum), 'badValue'],
    ['a number as boolean', bad(1, ValueTag.boolean), 'badValue'],
    ['a number as keyword', bad(1, ValueTag.keyword), 'badValue'],
    ['a string as octetString', bad('x', ValueTag.octetString), 'badValue'],
    ['resolution units 5', bad({ x: 1, y: 1, units: 5 as 3 }, ValueTag.resolution), 'badValue'],
    ['a range without numbers', bad({ lower: 1, upper: '2' as unknown as number }, ValueTag.rangeOfInteger), 'badValue'],
    ['a string as textWithLanguage', bad('x', ValueTag.textWithLanguage), 'badValue'],
    ['dateTime month 0', message(attr.dateTime('d', { ...dateTimeOf(), month: 0 })), 'badValue'],
    ['dateTime with a bad sign', message(attr.dateTime('d', { ...dateTimeOf(), utcDirection: 'Z' as '+' })), 'badValue'],
    ['a Date that is not a date', message(attr.dateTime('d', new Date(Number.NaN))), 'badValue'],
    ['no-value tag with an unknown value', bad({ outOfBand: 'unknown' }, 0x13), 'badValue'],
    ['a raw value under another tag', bad({ tag: 0x38, raw: new Uint8Array() }, 0x39), 'badValue'],
    ['an unknown tag without raw bytes', bad('x', 0x38), 'badValue'],
    ['an extension without raw bytes', bad('x', ValueTag.extension), 'badValue'],
    ['an extension tag over 0x7fffffff', bad({ tag: 0x80000000, raw: new Uint8Array() }, ValueTag.extension), 'badValue'],
    ['a collection that is not a list', bad('x', ValueTag.begCollection), 'badValue'],
    ['a member that is not an attribute', bad([null as unknown as IppAttribute], ValueTag.begCollection), 'badValue'],
    ['memberAttrName as a value tag', bad('x', ValueTag.memberAttrName), 'badTag'],
    ['endCollection as a value tag', bad('x', ValueTag.endCollection), 'badTag'],
    ['a delimiter as a value tag', bad('x', 0x04), 'badTag'],
    ['a tag over 0xff', bad('x', 0x100), 'badTag'],
    ['group tag 0x03', { ...message(), groups: [{ tag: 0x03, attributes: [] }] }, 'badTag'],
    ['group tag 0x10', { ...message(), groups: [{ tag: 0x10, attributes: [] }] }, 'badTag'],
    ['version 256', { ...message(), version: { major: 256, minor: 0 } }, 'badValue'],
    ['a code over 0xffff', { ...message(), code: 0x10000 }, 'badValue'],
    ['request-id 2^31', { ...message(), requestId: 2 ** 31 }, 'badValue'],
  ];

  it.each(cases)('%s', (_what, m, kind) => {
    expect(encodeError(m).kind).toBe(kind);
  });

  it('names the attribute path of a bad member', () => {
    const e = encodeError(
      message(attr.collection('media-col', [attr.collection('media-size', [attr.of('x-dimension', ValueTag.integer, 'wide')])])),
    );
    expect(e.path).toBe('media-col.media-size.x-dimension');
    expect(e.message).toContain('media-col.media-size.x-dimension');
  });

  it('a cyclic collection is tooDeep, not a stack overflow', () => {
    const members: IppAttribute[] = [];
    members.push(attr.collection('self', members));
    expect(encodeError(message(attr.collection('c', members))).kind).toBe('tooDeep');
  });
});

function dateTimeOf() {
  return { year: 2024, month: 1, day: 1, hour: 0, minutes: 0, seconds: 0, deciSeconds: 0, utcDirection: '+' as const, utcHours: 0, utcMinutes: 0 };
}
