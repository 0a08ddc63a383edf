// Decoder for application/ipp messages (RFC 8010 §3). Every length is checked
// against what remains before anything is read, every step consumes at least
// one byte, and the first problem throws an IppDecodeError: hostile input can
// neither over-read, loop nor recurse without bound.

import { dateTimeProblem } from './date-time.js';
import { IppDecodeError, type IppDecodeErrorKind } from './errors.js';
import type { IppAttribute, IppDateTime, IppGroup, IppHeader, IppMessage, IppValue } from './message.js';
import { DelimiterTag, STRING_TAGS, ValueTag, outOfBandKeyword, tagName } from './tags.js';

export interface DecodeOptions {
  /** Deepest collection nesting accepted (a top-level collection is depth 1). Default 16. */
  maxCollectionDepth?: number;
}

export interface DecodeResult {
  message: IppMessage;
  /** Offset of the first byte after end-of-attributes-tag: the document data (RFC 8010 §3.10). */
  dataOffset: number;
}

/** media-col-database and finishings-col nest 3 levels; 16 leaves room for extensions. */
export const DEFAULT_MAX_COLLECTION_DEPTH = 16;
const DEPTH_CEILING = 1000;

/** name-length and value-length are SIGNED-SHORT (RFC 8010 §3.6, §3.8). */
const MAX_LENGTH = 0x7fff;
const HEADER_LENGTH = 8;

// fatal: invalid UTF-8 is an error rather than U+FFFD; ignoreBOM keeps a BOM so bytes round-trip.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads only the 8-byte header (RFC 8010 §3.1.1): version-number, operation-id
 * or status-code, request-id. Throws kind 'noHeader' when fewer bytes exist.
 */
export function decodeHeader(buf: Uint8Array): IppHeader {
  if (buf.length < HEADER_LENGTH) {
    throw new IppDecodeError('noHeader', `the 8-byte header needs 8 bytes, got ${buf.length}`, 0);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return {
    version: { major: buf[0], minor: buf[1] },
    code: view.getUint16(2),
    // request-id is SIGNED-INTEGER (RFC 8010 §3.4.4); range checks belong to the operation layer.
    requestId: view.getInt32(4),
  };
}

/**
 * Decodes header and attribute groups up to end-of-attributes-tag. The bytes
 * from `dataOffset` on are the document and are not touched. When `buf` is only
 * a prefix of a streamed body, kind 'truncated' means more bytes are needed.
 */
export function decode(buf: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const maxDepth = options.maxCollectionDepth ?? DEFAULT_MAX_COLLECTION_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > DEPTH_CEILING) {
    throw new RangeError(`maxCollectionDepth must be an integer 0-${DEPTH_CEILING}, got ${maxDepth}`);
  }
  const header = decodeHeader(buf);
  return new Decoder(buf, header, maxDepth).message();
}

class Decoder {
  private pos = HEADER_LENGTH;
  private readonly view: DataView;

  constructor(
    private readonly buf: Uint8Array,
    private readonly header: IppHeader,
    private readonly maxDepth: number,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  // RFC 8010 §3.1.1-§3.1.5: groups of attributes, each a first value with a
  // name and additional values with name-length 0.
  message(): DecodeResult {
    const groups: IppGroup[] = [];
    let group: IppGroup | undefined;
    let current: IppAttribute | undefined;
    for (;;) {
      const tagOffset = this.pos;
      if (this.pos >= this.buf.length) {
        this.fail('truncated', 'the input ends before end-of-attributes-tag (RFC 8010 §3.1.1)');
      }
      const tag = this.u8();
      if (tag === DelimiterTag.endOfAttributes) {
        return { message: { ...this.header, groups }, dataOffset: this.pos };
      }
      if (tag <= 0x0f) {
        // RFC 8010 §3.5.1: 0x00 is reserved; unassigned delimiters still open a group.
        if (tag === 0x00) this.fail('badTag', 'delimiter tag 0x00 is reserved (RFC 8010 §3.5.1)', tagOffset);
        group = { tag, attributes: [] };
        groups.push(group);
        current = undefined;
        continue;
      }
      if (!group) {
        this.fail('badStructure', `value tag ${tagName(tag)} before any attribute group tag (RFC 8010 §3.1.1)`, tagOffset);
      }
      if (tag === ValueTag.memberAttrName || tag === ValueTag.endCollection) {
        this.fail('badStructure', `${tagName(tag)} outside a collection (RFC 8010 §3.1.6)`, tagOffset);
      }
      const extensionTag = tag === ValueTag.extension ? this.extensionTag() : undefined;
      const nameLength = this.length('name-length');
      if (nameLength === 0) {
        // RFC 8010 §3.1.5: an additional value of the attribute before it.
        if (!current) {
          this.fail('badStructure', 'a value with name-length 0 has no attribute before it in its group (RFC 8010 §3.1.5)', tagOffset);
        }
        addValue(current, tag, this.value(tag, extensionTag, 0, tagOffset));
      } else {
        const name = this.string(nameLength, 'attribute name');
        current = { name, tag, values: [] };
        group.attributes.push(current);
        addValue(current, tag, this.value(tag, extensionTag, 0, tagOffset));
      }
    }
  }

  // RFC 8010 §3.9: one value, its syntax given by the tag.
  private value(tag: number, extensionTag: number | undefined, depth: number, tagOffset: number): IppValue {
    const lengthOffset = this.pos;
    const length = this.length('value-length');
    if (extensionTag !== undefined) return { tag: extensionTag, raw: this.bytes(length) };
    switch (tag) {
      case ValueTag.integer:
      case ValueTag.enum:
        this.fixed(length, 4, tag, lengthOffset);
        return this.i32();
      case ValueTag.boolean: {
        this.fixed(length, 1, tag, lengthOffset);
        const b = this.u8();
        if (b > 1) this.fail('badValue', `boolean must be 0x00 or 0x01, got 0x${b.toString(16)}`, this.pos - 1);
        return b === 1;
      }
      case ValueTag.dateTime:
        this.fixed(length, 11, tag, lengthOffset);
        return this.dateTime();
      case ValueTag.resolution: {
        this.fixed(length, 9, tag, lengthOffset);
        const x = this.i32();
        const y = this.i32();
        const units = this.u8();
        if (units !== 3 && units !== 4) {
          this.fail('badValue', `resolution units must be 3 (dpi) or 4 (dpcm), got ${units}`, this.pos - 1);
        }
        return { x, y, units };
      }
      case ValueTag.rangeOfInteger:
        this.fixed(length, 8, tag, lengthOffset);
        return { lower: this.i32(), upper: this.i32() };
      case ValueTag.textWithLanguage:
      case ValueTag.nameWithLanguage:
        return this.withLanguage(length, lengthOffset);
      case ValueTag.octetString:
        return this.bytes(length);
      case ValueTag.begCollection:
        // RFC 8010 §3.1.6: begCollection carries no value (CUPS rejects one too).
        if (length !== 0) this.fail('badLength', `begCollection value-length must be 0, got ${length}`, lengthOffset);
        return this.collection(depth + 1, tagOffset);
    }
    if (STRING_TAGS.has(tag)) return this.string(length, `${tagName(tag)} value`);
    const outOfBand = outOfBandKeyword(tag);
    if (outOfBand && length === 0) return { outOfBand };
    // Unknown tags, and out-of-band tags that carry data anyway (CUPS tolerates
    // this from some vendors), are kept as bytes so they re-encode unchanged.
    return { tag, raw: this.bytes(length) };
  }

  // RFC 8010 §3.1.6-§3.1.8: memberAttrName (name-length 0, value = member name)
  // then the member's values (name-length 0), until endCollection.
  private collection(depth: number, tagOffset: number): IppAttribute[] {
    if (depth > this.maxDepth) {
      this.fail('tooDeep', `collections nested deeper than ${this.maxDepth}`, tagOffset);
    }
    const members: IppAttribute[] = [];
    let member: IppAttribute | undefined;
    for (;;) {
      const memberOffset = this.pos;
      if (this.pos >= this.buf.length) {
        this.fail('truncated', 'the input ends inside a collection, before endCollection (RFC 8010 §3.1.6)');
      }
      const tag = this.u8();
      if (tag <= 0x0f) {
        this.fail('badStructure', `${tagName(tag)} inside a collection: endCollection is missing (RFC 8010 §3.1.6)`, memberOffset);
      }
      const extensionTag = tag === ValueTag.extension ? this.extensionTag() : undefined;
      const nameOffset = this.pos;
      if (this.length('name-length') !== 0) {
        this.fail('badStructure', 'collection members are named by memberAttrName, so name-length must be 0 (RFC 8010 §3.1.6)', nameOffset);
      }
      if (tag === ValueTag.endCollection || tag === ValueTag.memberAttrName) {
        if (member && member.values.length === 0) {
          this.fail('badStructure', `collection member "${member.name}" has no value (RFC 8010 §3.1.8)`, memberOffset);
        }
      }
      if (tag === ValueTag.endCollection) {
        const lengthOffset = this.pos;
        const length = this.length('value-length');
        if (length !== 0) this.fail('badLength', `endCollection value-length must be 0, got ${length}`, lengthOffset);
        return members;
      }
      if (tag === ValueTag.memberAttrName) {
        const lengthOffset = this.pos;
        const length = this.length('value-length');
        if (length === 0) this.fail('badValue', 'memberAttrName with an empty member name (RFC 8010 §3.1.8)', lengthOffset);
        member = { name: this.string(length, 'member name'), tag, values: [] };
        members.push(member);
        continue;
      }
      if (!member) {
        this.fail('badStructure', `collection value ${tagName(tag)} before any memberAttrName (RFC 8010 §3.1.8)`, memberOffset);
      }
      addValue(member, tag, this.value(tag, extensionTag, depth, memberOffset));
    }
  }

  private withLanguage(length: number, lengthOffset: number): IppValue {
    // RFC 8010 §3.9: SIGNED-SHORT language length, language, SIGNED-SHORT text length, text.
    if (length < 4) this.fail('badLength', `textWithLanguage/nameWithLanguage needs at least 4 bytes, got ${length}`, lengthOffset);
    this.need(length, 'the value');
    const langLength = this.view.getUint16(this.pos);
    if (4 + langLength > length) {
      this.fail('badLength', `language length ${langLength} overflows the ${length}-byte value`, this.pos);
    }
    this.pos += 2;
    const lang = this.string(langLength, 'natural language');
    const textLength = this.view.getUint16(this.pos);
    if (4 + langLength + textLength !== length) {
      this.fail('badLength', `text length ${textLength} does not fill the ${length}-byte value`, this.pos);
    }
    this.pos += 2;
    return { lang, value: this.string(textLength, 'text') };
  }

  private dateTime(): IppDateTime {
    const start = this.pos;
    const direction = this.buf[start + 8];
    const v: IppDateTime = {
      year: this.view.getUint16(start),
      month: this.buf[start + 2],
      day: this.buf[start + 3],
      hour: this.buf[start + 4],
      minutes: this.buf[start + 5],
      seconds: this.buf[start + 6],
      deciSeconds: this.buf[start + 7],
      utcDirection: direction === 0x2d ? '-' : '+',
      utcHours: this.buf[start + 9],
      utcMinutes: this.buf[start + 10],
    };
    // RFC 2579: direction is ASCII '+' or '-'.
    if (direction !== 0x2b && direction !== 0x2d) {
      this.fail('badValue', `dateTime direction must be '+' or '-', got 0x${direction.toString(16)}`, start + 8);
    }
    const problem = dateTimeProblem(v);
    if (problem) this.fail('badValue', problem, start);
    this.pos += 11;
    return v;
  }

  private fixed(length: number, expected: number, tag: number, lengthOffset: number): void {
    if (length !== expected) {
      this.fail('badLength', `${tagName(tag)} value-length must be ${expected}, got ${length} (RFC 8010 §3.9)`, lengthOffset);
    }
    this.need(expected, `the ${tagName(tag)} value`);
  }

  private extensionTag(): number {
    // RFC 8010 §3.5.2 extension: four more octets hold the tag; like CUPS, a
    // tag with the high bit set is refused.
    this.need(4, 'the extension tag');
    const tag = this.view.getUint32(this.pos);
    if (tag > 0x7fffffff) this.fail('badTag', `extension tag 0x${tag.toString(16)} is larger than 0x7fffffff`);
    this.pos += 4;
    return tag;
  }

  private length(what: string): number {
    this.need(2, what);
    const n = this.view.getUint16(this.pos);
    if (n > MAX_LENGTH) this.fail('badLength', `${what} 0x${n.toString(16)} is negative as a SIGNED-SHORT (RFC 8010 §3.6, §3.8)`);
    this.pos += 2;
    return n;
  }

  private string(n: number, what: string): string {
    this.need(n, what);
    let s: string;
    try {
      s = utf8.decode(this.buf.subarray(this.pos, this.pos + n));
    } catch {
      this.fail('badValue', `${what} is not valid UTF-8`);
    }
    this.pos += n;
    return s;
  }

  private bytes(n: number): Uint8Array {
    this.need(n, 'the value');
    // A copy, so the message does not pin or alias the request buffer.
    const out = new Uint8Array(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  private u8(): number {
    this.need(1, 'a tag');
    return this.buf[this.pos++];
  }

  private i32(): number {
    const n = this.view.getInt32(this.pos);
    this.pos += 4;
    return n;
  }

  private need(n: number, what: string): void {
    const remaining = this.buf.length - this.pos;
    if (n > remaining) this.fail('truncated', `${what} needs ${n} bytes but only ${remaining} remain`);
  }

  private fail(kind: IppDecodeErrorKind, message: string, offset = this.pos): never {
    throw new IppDecodeError(kind, message, offset, this.header);
  }
}

/** Appends a value, recording per-value tags only once they start to differ. */
function addValue(attr: IppAttribute, tag: number, value: IppValue): void {
  if (attr.values.length === 0) {
    attr.tag = tag;
  } else if (attr.valueTags) {
    attr.valueTags.push(tag);
  } else if (tag !== attr.tag) {
    attr.valueTags = attr.values.map(() => attr.tag);
    attr.valueTags.push(tag);
  }
  attr.values.push(value);
}
