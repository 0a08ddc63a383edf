import { describe, expect, it } from 'vitest';
import { decode, decodeHeader } from './decode.js';
import { IppDecodeError } from './errors.js';
import { DelimiterTag, ValueTag } from './tags.js';

// Hand-built wire bytes (RFC 8010 §3.1).
const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const i32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const HEADER = [0x02, 0x00, ...u16(0x0002), ...i32(0x01020304)];
const OP = DelimiterTag.operationAttributes;
const END = DelimiterTag.endOfAttributes;

/** One value: tag, name-length, name, value-length, value. */
function value(tag: number, name: string, bytes: number[]): number[] {
  return [tag, ...u16(utf8(name).length), ...utf8(name), ...u16(bytes.length), ...bytes];
}
const member = (name: string): number[] => value(ValueTag.memberAttrName, '', utf8(name));
const beg = (name: string): number[] => value(ValueTag.begCollection, name, []);
const endCol = (): number[] => value(ValueTag.endCollection, '', []);
const msg = (...parts: number[][]): Uint8Array => Uint8Array.from([...HEADER, ...parts.flat()]);
/** A message with one operation group holding `parts`, then end-of-attributes. */
const op = (...parts: number[][]): Uint8Array => msg([OP], ...parts, [END]);

function decodeError(bytes: Uint8Array, options?: Parameters<typeof decode>[1]): IppDecodeError {
  try {
    decode(bytes, options);
  } catch (e) {
    if (e instanceof IppDecodeError) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

describe('decodeHeader (RFC 8010 §3.1.1)', () => {
  it('reads version, operation-id and request-id', () => {
    expect(decodeHeader(msg())).toStrictEqual({ version: { major: 2, minor: 0 }, code: 2, requestId: 0x01020304 });
  });

  it('needs 8 bytes: noHeader at offset 0', () => {
    for (const n of [0, 1, 7]) {
      const e = decodeError(msg().subarray(0, n));
      expect([e.kind, e.offset, e.header]).toEqual(['noHeader', 0, undefined]);
    }
  });

  it('honours the byte offset of a Uint8Array view', () => {
    const backing = new Uint8Array([9, 9, 9, ...op(value(ValueTag.integer, 'copies', i32(3)))]);
    const { message } = decode(backing.subarray(3));
    expect(message.requestId).toBe(0x01020304);
    expect(message.groups[0].attributes[0].values).toEqual([3]);
  });
});

describe('decode: values by syntax (RFC 8010 §3.9)', () => {
  const one = (bytes: number[], tag: number) => decode(op(value(tag, 'a', bytes))).message.groups[0].attributes[0];

  it('integer, enum and boolean', () => {
    expect(one(i32(-5), ValueTag.integer).values).toEqual([-5]);
    expect(one(i32(9), ValueTag.enum).values).toEqual([9]);
    expect(one([0], ValueTag.boolean).values).toEqual([false]);
    expect(one([1], ValueTag.boolean).values).toEqual([true]);
  });

  it('dateTime: month 1-12, deci-seconds and a negative offset as written', () => {
    const bytes = [...u16(2024), 11, 5, 13, 30, 15, 7, 0x2d, 5, 30];
    expect(one(bytes, ValueTag.dateTime).values).toStrictEqual([
      {
        year: 2024,
        month: 11,
        day: 5,
        hour: 13,
        minutes: 30,
        seconds: 15,
        deciSeconds: 7,
        utcDirection: '-',
        utcHours: 5,
        utcMinutes: 30,
      },
    ]);
  });

  it('resolution, rangeOfInteger, textWithLanguage, nameWithLanguage', () => {
    expect(one([...i32(300), ...i32(118), 4], ValueTag.resolution).values).toStrictEqual([{ x: 300, y: 118, units: 4 }]);
    expect(one([...i32(1), ...i32(-1)], ValueTag.rangeOfInteger).values).toStrictEqual([{ lower: 1, upper: -1 }]);
    const lang = [...u16(2), ...utf8('de'), ...u16(6), ...utf8('Grüß')];
    expect(one(lang, ValueTag.textWithLanguage).values).toStrictEqual([{ lang: 'de', value: 'Grüß' }]);
    expect(one([0, 0, 0, 0], ValueTag.nameWithLanguage).values).toStrictEqual([{ lang: '', value: '' }]);
  });

  it('every string syntax as UTF-8, empty strings included', () => {
    for (const tag of [0x41, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49]) {
      expect(one(utf8('é/x'), tag).values).toEqual(['é/x']);
      expect(one([], tag).values).toEqual(['']);
    }
  });

  it('octetString as a copy of the bytes', () => {
    const bytes = op(value(ValueTag.octetString, 'a', [0, 0xff, 0x80]));
    const v = decode(bytes).message.groups[0].attributes[0].values[0];
    bytes.fill(0);
    expect(v).toStrictEqual(new Uint8Array([0, 0xff, 0x80]));
  });

  it('out-of-band values, and data on an out-of-band tag kept raw', () => {
    const oob = [0x10, 0x12, 0x13, 0x15, 0x16, 0x17].map((tag) => one([], tag).values[0]);
    expect(oob).toStrictEqual(
      ['unsupported', 'unknown', 'no-value', 'not-settable', 'delete-attribute', 'admin-define'].map((k) => ({ outOfBand: k })),
    );
    // CUPS tolerates vendors that put text here; keep the bytes, lose nothing.
    expect(one(utf8('x'), 0x13).values).toStrictEqual([{ tag: 0x13, raw: new Uint8Array([0x78]) }]);
  });

  it('unknown and reserved tags kept raw', () => {
    for (const tag of [0x11, 0x14, 0x20, 0x24, 0x38, 0x40, 0x4b, 0x60, 0x80, 0xff]) {
      expect(one([1, 2], tag)).toStrictEqual({ name: 'a', tag, values: [{ tag, raw: new Uint8Array([1, 2]) }] });
    }
  });

  it('extension tag 0x7F: the 4-byte tag that follows, value raw', () => {
    const bytes = op([ValueTag.extension, ...i32(0x40000001), ...u16(1), ...utf8('a'), ...u16(2), 7, 8]);
    expect(decode(bytes).message.groups[0].attributes[0]).toStrictEqual({
      name: 'a',
      tag: ValueTag.extension,
      values: [{ tag: 0x40000001, raw: new Uint8Array([7, 8]) }],
    });
  });
});

describe('decode: structure', () => {
  it('1setOf: additional values have name-length 0 (RFC 8010 §3.1.5)', () => {
    const { message } = decode(op(value(0x44, 'k', utf8('a')), value(0x44, '', utf8('b')), value(0x44, 'l', utf8('c'))));
    expect(message.groups[0].attributes).toStrictEqual([
      { name: 'k', tag: 0x44, values: ['a', 'b'] },
      { name: 'l', tag: 0x44, values: ['c'] },
    ]);
  });

  it('a 1setOf mixing keyword and name records valueTags', () => {
    const { message } = decode(op(value(0x44, 'media', utf8('a')), value(0x42, '', utf8('b')), value(0x44, '', utf8('c'))));
    expect(message.groups[0].attributes[0]).toStrictEqual({
      name: 'media',
      tag: 0x44,
      values: ['a', 'b', 'c'],
      valueTags: [0x44, 0x42, 0x44],
    });
  });

  it('empty, repeated and unassigned groups, in order', () => {
    const bytes = msg([OP], [0x02], value(0x21, 'job-id', i32(1)), [0x02], value(0x21, 'job-id', i32(2)), [0x0b], [END]);
    expect(decode(bytes).message.groups).toStrictEqual([
      { tag: 1, attributes: [] },
      { tag: 2, attributes: [{ name: 'job-id', tag: 0x21, values: [1] }] },
      { tag: 2, attributes: [{ name: 'job-id', tag: 0x21, values: [2] }] },
      { tag: 0x0b, attributes: [] },
    ]);
  });

  it('no groups at all', () => {
    expect(decode(msg([END]))).toStrictEqual({ message: { ...decodeHeader(msg()), groups: [] }, dataOffset: 9 });
  });

  it('dataOffset is the first byte after end-of-attributes-tag (RFC 8010 §3.10)', () => {
    const bytes = msg([OP], value(0x21, 'a', i32(1)), [END], utf8('%PDF'), [END]);
    const { dataOffset } = decode(bytes);
    expect(dataOffset).toBe(bytes.length - 5);
  });

  it('collections: nested, with 1setOf members and several values (RFC 8010 §3.1.6-§3.1.8)', () => {
    const bytes = op(
      beg('media-col'),
      member('media-size'),
      value(ValueTag.begCollection, '', []),
      member('x-dimension'),
      value(0x21, '', i32(21000)),
      endCol(),
      member('media-type'),
      value(0x44, '', utf8('a')),
      value(0x42, '', utf8('b')),
      endCol(),
      value(ValueTag.begCollection, '', []),
      endCol(),
    );
    expect(decode(bytes).message.groups[0].attributes).toStrictEqual([
      {
        name: 'media-col',
        tag: ValueTag.begCollection,
        values: [
          [
            { name: 'media-size', tag: ValueTag.begCollection, values: [[{ name: 'x-dimension', tag: 0x21, values: [21000] }]] },
            { name: 'media-type', tag: 0x44, values: ['a', 'b'], valueTags: [0x44, 0x42] },
          ],
          [],
        ],
      },
    ]);
  });

  it('collections nested exactly maxCollectionDepth deep decode', () => {
    const nest = (depth: number): number[][] => {
      const parts = [beg('c')];
      for (let i = 1; i < depth; i++) parts.push(member('c'), value(ValueTag.begCollection, '', []));
      for (let i = 0; i < depth; i++) parts.push(endCol());
      return parts;
    };
    expect(() => decode(op(...nest(16)))).not.toThrow();
    expect(decodeError(op(...nest(17))).kind).toBe('tooDeep');
    expect(() => decode(op(...nest(3)), { maxCollectionDepth: 3 })).not.toThrow();
    expect(decodeError(op(...nest(3)), { maxCollectionDepth: 2 }).kind).toBe('tooDeep');
    expect(decodeError(op(...nest(1)), { maxCollectionDepth: 0 }).kind).toBe('tooDeep');
  });

  it('rejects a nonsense maxCollectionDepth', () => {
    for (const maxCollectionDepth of [-1, 1.5, 1e6, Number.NaN]) {
      expect(() => decode(op(), { maxCollectionDepth })).toThrow(RangeError);
    }
  });
});

describe('decode errors: the first problem, typed, with offset and header', () => {
  const cases: Array<[string, Uint8Array, string, number?]> = [
    ['header only', msg(), 'truncated', 8],
    ['missing end-of-attributes-tag', msg([OP], value(0x21, 'a', i32(1))), 'truncated'],
    ['group tag 0x00', msg([0x00], [END]), 'badTag', 8],
    ['value before any group', msg(value(0x21, 'a', i32(1)), [END]), 'badStructure', 8],
    ['additional value with nothing before it', op(value(0x21, '', i32(1))), 'badStructure', 9],
    ['additional value after a new group', msg([OP], value(0x21, 'a', i32(1)), [0x02], value(0x21, '', i32(1)), [END]), 'badStructure'],
    ['name-length 0xFFFF', msg([OP, 0x21, 0xff, 0xff, 0, 0, 0, 0]), 'badLength', 10],
    ['name-length past the end', msg([OP, 0x21, 0x00, 0x40, 0x61]), 'truncated', 12],
    ['value-length 0x8000', msg([OP, 0x21, 0, 1, 0x61, 0x80, 0x00]), 'badLength', 13],
    ['value-length past the end', op([0x44, 0, 1, 0x61, 0x70, 0x00, 0x61]), 'truncated', 15],
    ['value-length cut in half', msg([OP, 0x44, 0, 1, 0x61, 0x00]), 'truncated', 13],
    ['integer of 8 bytes', op(value(0x21, 'a', [...i32(1), ...i32(2)])), 'badLength', 13],
    ['enum of 2 bytes', op(value(0x23, 'a', [0, 3])), 'badLength'],
    ['boolean of 2 bytes', op(value(0x22, 'a', [0, 1])), 'badLength'],
    ['boolean 0x02', op(value(0x22, 'a', [2])), 'badValue', 15],
    ['dateTime of 8 bytes', op(value(0x31, 'a', [...u16(2024), 1, 1, 0, 0, 0, 0])), 'badLength'],
    ['dateTime month 13', op(value(0x31, 'a', [...u16(2024), 13, 1, 0, 0, 0, 0, 0x2b, 0, 0])), 'badValue', 15],
    ['dateTime deci-seconds 10', op(value(0x31, 'a', [...u16(2024), 1, 1, 0, 0, 0, 10, 0x2b, 0, 0])), 'badValue'],
    ['dateTime direction 0x00', op(value(0x31, 'a', [...u16(2024), 1, 1, 0, 0, 0, 0, 0x00, 0, 0])), 'badValue', 23],
    ['resolution units 5', op(value(0x32, 'a', [...i32(1), ...i32(1), 5])), 'badValue'],
    ['rangeOfInteger of 4 bytes', op(value(0x33, 'a', i32(1))), 'badLength'],
    ['textWithLanguage of 3 bytes', op(value(0x35, 'a', [0, 0, 0])), 'badLength'],
    ['language length past the value', op(value(0x35, 'a', [0, 9, 0, 0])), 'badLength'],
    ['text length short of the value', op(value(0x35, 'a', [0, 0, 0, 1, 0x61, 0x62])), 'badLength'],
    ['invalid UTF-8 text', op(value(0x41, 'a', [0xc3, 0x28])), 'badValue'],
    ['invalid UTF-8 attribute name', op([0x44, 0, 1, 0xff, 0, 0]), 'badValue', 12],
    ['memberAttrName outside a collection', op(member('x')), 'badStructure', 9],
    ['endCollection outside a collection', op(endCol()), 'badStructure', 9],
    ['begCollection with a value', op(value(0x34, 'c', [0])), 'badLength'],
    ['collection without end: input ends', msg([OP], beg('c'), member('x'), value(0x21, '', i32(1))), 'truncated'],
    ['collection without end: end-of-attributes inside', op(beg('c'), member('x'), value(0x21, '', i32(1))), 'badStructure'],
    ['collection value with a name', op(beg('c'), member('x'), value(0x21, 'x', i32(1)), endCol()), 'badStructure'],
    ['collection value before memberAttrName', op(beg('c'), value(0x21, '', i32(1)), endCol()), 'badStructure'],
    ['empty memberAttrName', op(beg('c'), value(0x4a, '', []), value(0x21, '', i32(1)), endCol()), 'badValue'],
    ['member without a value', op(beg('c'), member('x'), member('y'), value(0x21, '', i32(1)), endCol()), 'badStructure'],
    ['last member without a value', op(beg('c'), member('x'), endCol()), 'badStructure'],
    ['endCollection with a value', op(beg('c'), member('x'), value(0x21, '', i32(1)), value(0x37, '', [0])), 'badLength'],
    ['extension tag cut short', msg([OP, 0x7f, 0, 0]), 'truncated', 10],
    ['extension tag with the high bit set', op([0x7f, 0x80, 0, 0, 0x21, 0, 1, 0x61, 0, 0]), 'badTag', 10],
  ];

  it.each(cases)('%s', (_what, bytes, kind, offset) => {
    const e = decodeError(bytes);
    expect(e.kind).toBe(kind);
    if (offset !== undefined) expect(e.offset).toBe(offset);
    expect(e.offset).toBeLessThanOrEqual(bytes.length);
    expect(e.header).toStrictEqual({ version: { major: 2, minor: 0 }, code: 2, requestId: 0x01020304 });
    expect(e.message).toContain(`byte ${e.offset}`);
  });

  it('a depth bomb of 100 000 nested collections stops at the limit, fast', () => {
    const unit = [...member('c'), ...value(ValueTag.begCollection, '', [])];
    const body = new Uint8Array(unit.length * 100_000);
    for (let i = 0; i < 100_000; i++) body.set(unit, i * unit.length);
    const bytes = Uint8Array.from([...HEADER, OP, ...beg('c'), ...body]);
    const t0 = performance.now();
    const e = decodeError(bytes);
    expect(e.kind).toBe('tooDeep');
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
