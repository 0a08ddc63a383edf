// Encoder for application/ipp messages (RFC 8010 §3). Writes groups and values
// in the order given and checks every value against its tag first, so a wrong
// value is an IppEncodeError rather than silently wrong bytes.

import { dateTimeProblem } from './date-time.js';
import { IppEncodeError } from './errors.js';
import type {
  IppAttribute,
  IppDateTime,
  IppMessage,
  IppOutOfBand,
  IppRawValue,
  IppStringWithLanguage,
  IppValue,
} from './message.js';
import { DelimiterTag, OUT_OF_BAND, STRING_TAGS, ValueTag, outOfBandKeyword, tagName } from './tags.js';

/** name-length and value-length are SIGNED-SHORT (RFC 8010 §3.6, §3.8). */
const MAX_LENGTH = 0x7fff;
/** Deeper than any real attribute; stops cyclic member lists. */
const MAX_ENCODE_DEPTH = 64;

const utf8 = new TextEncoder();

/** Encodes a message to bytes, ending with end-of-attributes-tag (RFC 8010 §3.1.1). */
export function encode(message: IppMessage): Uint8Array<ArrayBuffer> {
  const w = new Writer();
  const { version, code, requestId } = message;
  checkInt(version.major, 0, 0xff, 'version major', '');
  checkInt(version.minor, 0, 0xff, 'version minor', '');
  checkInt(code, 0, 0xffff, 'operation-id/status-code', '');
  checkInt(requestId, -0x80000000, 0x7fffffff, 'request-id', '');
  // RFC 8010 §3.1.1, §3.4: version-number, operation-id or status-code, request-id.
  w.u8(version.major);
  w.u8(version.minor);
  w.u16(code);
  w.i32(requestId);
  for (const group of message.groups) {
    if (!Number.isInteger(group.tag) || group.tag < 0x01 || group.tag > 0x0f || group.tag === DelimiterTag.endOfAttributes) {
      throw new IppEncodeError('badTag', `group tag must be a delimiter tag 0x01-0x0f other than 0x03, got ${String(group.tag)}`, '');
    }
    w.u8(group.tag);
    for (const attr of group.attributes) writeAttribute(w, attr, attr.name, 0, false);
  }
  w.u8(DelimiterTag.endOfAttributes);
  return w.result();
}

// RFC 8010 §3.1.3-§3.1.5 (attribute) and §3.1.8 (collection member).
function writeAttribute(w: Writer, attr: IppAttribute, path: string, depth: number, member: boolean): void {
  if (typeof attr !== 'object' || attr === null) {
    throw new IppEncodeError('badValue', `expected an attribute {name, tag, values}, got ${describe(attr)}`, path);
  }
  if (typeof attr.name !== 'string' || attr.name.length === 0) {
    throw new IppEncodeError('badValue', 'attribute name must be a non-empty string', path);
  }
  if (!Array.isArray(attr.values) || attr.values.length === 0) {
    throw new IppEncodeError('badValue', 'an attribute needs at least one value', path);
  }
  if (attr.valueTags && attr.valueTags.length !== attr.values.length) {
    throw new IppEncodeError('badValue', `valueTags has ${attr.valueTags.length} entries for ${attr.values.length} values`, path);
  }
  const name = utf8.encode(attr.name);
  if (name.length > MAX_LENGTH) throw new IppEncodeError('tooLong', `name is ${name.length} bytes, more than ${MAX_LENGTH}`, path);
  if (member) {
    // RFC 8010 §3.1.8: memberAttrName with name-length 0; the value is the member name.
    w.u8(ValueTag.memberAttrName);
    w.u16(0);
    w.u16(name.length);
    w.bytes(name);
  }
  attr.values.forEach((value, i) => {
    const tag = attr.valueTags ? attr.valueTags[i] : attr.tag;
    const at = attr.values.length > 1 ? `${path}[${i}]` : path;
    writeTag(w, tag, value, at);
    // The first value of a top-level attribute carries the name; additional
    // values and collection members use name-length 0 (RFC 8010 §3.1.5, §3.1.8).
    if (i === 0 && !member) {
      w.u16(name.length);
      w.bytes(name);
    } else {
      w.u16(0);
    }
    writeValue(w, tag, value, at, depth);
  });
}

function writeTag(w: Writer, tag: number, value: IppValue, path: string): void {
  if (tag === ValueTag.extension) {
    // RFC 8010 §3.5.2 extension: 0x7F, then the real tag in four octets.
    if (!isRaw(value) || !Number.isInteger(value.tag) || value.tag < 0 || value.tag > 0x7fffffff) {
      throw new IppEncodeError('badValue', 'an extension (0x7f) value must be {tag: 0-0x7fffffff, raw}', path);
    }
    w.u8(ValueTag.extension);
    w.u32(value.tag);
    return;
  }
  if (!Number.isInteger(tag) || tag < 0x10 || tag > 0xff) {
    throw new IppEncodeError('badTag', `value tag must be 0x10-0xff (or 0x7f with an extension tag), got ${String(tag)}`, path);
  }
  if (tag === ValueTag.memberAttrName || tag === ValueTag.endCollection) {
    throw new IppEncodeError('badTag', `${tagName(tag)} is written by the encoder for collections, not given as a value tag`, path);
  }
  w.u8(tag);
}

// RFC 8010 §3.9: value-length then the value, per syntax.
function writeValue(w: Writer, tag: number, value: IppValue, path: string, depth: number): void {
  if (isRaw(value)) {
    if (tag !== ValueTag.extension && value.tag !== tag) {
      throw new IppEncodeError('badValue', `raw value tag ${tagName(value.tag)} differs from attribute tag ${tagName(tag)}`, path);
    }
    writeBytes(w, value.raw, path);
    return;
  }
  switch (tag) {
    case ValueTag.integer:
    case ValueTag.enum:
      checkInt(value, -0x80000000, 0x7fffffff, tagName(tag), path);
      w.u16(4);
      w.i32(value);
      return;
    case ValueTag.boolean:
      if (typeof value !== 'boolean') throw typeError('a boolean', value, path);
      w.u16(1);
      w.u8(value ? 1 : 0);
      return;
    case ValueTag.dateTime:
      writeDateTime(w, value, path);
      return;
    case ValueTag.resolution: {
      if (!isObject(value) || !('units' in value)) throw typeError('{x, y, units}', value, path);
      checkInt(value.x, -0x80000000, 0x7fffffff, 'resolution x', path);
      checkInt(value.y, -0x80000000, 0x7fffffff, 'resolution y', path);
      if (value.units !== 3 && value.units !== 4) {
        throw new IppEncodeError('badValue', `resolution units must be 3 (dpi) or 4 (dpcm), got ${String(value.units)}`, path);
      }
      w.u16(9);
      w.i32(value.x);
      w.i32(value.y);
      w.u8(value.units);
      return;
    }
    case ValueTag.rangeOfInteger: {
      if (!isObject(value) || !('lower' in value)) throw typeError('{lower, upper}', value, path);
      checkInt(value.lower, -0x80000000, 0x7fffffff, 'range lower', path);
      checkInt(value.upper, -0x80000000, 0x7fffffff, 'range upper', path);
      w.u16(8);
      w.i32(value.lower);
      w.i32(value.upper);
      return;
    }
    case ValueTag.textWithLanguage:
    case ValueTag.nameWithLanguage: {
      if (!isWithLanguage(value)) throw typeError('{lang, value}', value, path);
      const lang = utf8.encode(value.lang);
      const text = utf8.encode(value.value);
      const length = 4 + lang.length + text.length;
      if (length > MAX_LENGTH) throw new IppEncodeError('tooLong', `value is ${length} bytes, more than ${MAX_LENGTH}`, path);
      w.u16(length);
      w.u16(lang.length);
      w.bytes(lang);
      w.u16(text.length);
      w.bytes(text);
      return;
    }
    case ValueTag.octetString:
      if (!(value instanceof Uint8Array)) throw typeError('a Uint8Array', value, path);
      writeBytes(w, value, path);
      return;
    case ValueTag.begCollection: {
      if (!Array.isArray(value)) throw typeError('an array of member attributes', value, path);
      if (depth + 1 > MAX_ENCODE_DEPTH) {
        throw new IppEncodeError('tooDeep', `collections nested deeper than ${MAX_ENCODE_DEPTH} (a cycle?)`, path);
      }
      // RFC 8010 §3.1.6: begCollection value-length 0, members, endCollection.
      w.u16(0);
      for (const m of value) writeAttribute(w, m, `${path}.${String(m?.name)}`, depth + 1, true);
      w.u8(ValueTag.endCollection);
      w.u16(0);
      w.u16(0);
      return;
    }
  }
  if (STRING_TAGS.has(tag)) {
    if (typeof value !== 'string') throw typeError('a string', value, path);
    writeBytes(w, utf8.encode(value), path);
    return;
  }
  const outOfBand = outOfBandKeyword(tag);
  if (outOfBand) {
    if (!isOutOfBand(value) || OUT_OF_BAND[value.outOfBand] !== tag) {
      throw new IppEncodeError('badValue', `tag ${tagName(tag)} needs the value {outOfBand: '${outOfBand}'}`, path);
    }
    w.u16(0);
    return;
  }
  throw new IppEncodeError('badValue', `tag ${tagName(tag)} has no known syntax; give the value as {tag, raw}`, path);
}

function writeDateTime(w: Writer, value: IppValue, path: string): void {
  if (!isObject(value) || !('deciSeconds' in value)) throw typeError('an IppDateTime', value, path);
  const v = value as IppDateTime;
  const problem = dateTimeProblem(v);
  if (problem) throw new IppEncodeError('badValue', problem, path);
  // RFC 2579 DateAndTime: year (2), month, day, hour, minutes, seconds, deci-seconds, '+'/'-', hours, minutes.
  w.u16(11);
  w.u16(v.year);
  for (const n of [v.month, v.day, v.hour, v.minutes, v.seconds, v.deciSeconds]) w.u8(n);
  w.u8(v.utcDirection.charCodeAt(0));
  w.u8(v.utcHours);
  w.u8(v.utcMinutes);
}

function writeBytes(w: Writer, bytes: Uint8Array, path: string): void {
  if (bytes.length > MAX_LENGTH) throw new IppEncodeError('tooLong', `value is ${bytes.length} bytes, more than ${MAX_LENGTH}`, path);
  w.u16(bytes.length);
  w.bytes(bytes);
}

function checkInt(n: unknown, min: number, max: number, what: string, path: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new IppEncodeError('badValue', `${what} must be an integer ${min}-${max}, got ${describe(n)}`, path);
  }
}

function typeError(expected: string, value: unknown, path: string): IppEncodeError {
  return new IppEncodeError('badValue', `expected ${expected}, got ${describe(value)}`, path);
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return `{${Object.keys(value).join(', ')}}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function isObject(v: unknown): v is Record<string, unknown> & object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function isRaw(v: unknown): v is IppRawValue {
  return isObject(v) && v.raw instanceof Uint8Array && typeof v.tag === 'number';
}

function isOutOfBand(v: unknown): v is IppOutOfBand {
  return isObject(v) && typeof v.outOfBand === 'string' && Object.hasOwn(OUT_OF_BAND, v.outOfBand);
}

function isWithLanguage(v: unknown): v is IppStringWithLanguage {
  return isObject(v) && typeof v.lang === 'string' && typeof v.value === 'string';
}

/** A growable big-endian byte buffer. */
class Writer {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  private length = 0;

  u8(n: number): void {
    this.reserve(1);
    this.buf[this.length++] = n;
  }

  u16(n: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, n);
    this.length += 2;
  }

  i32(n: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, n);
    this.length += 4;
  }

  u32(n: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, n);
    this.length += 4;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  result(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
}
