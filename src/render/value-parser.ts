// Reads PDF objects (ISO 32000-1 §7.2 lexical conventions, §7.3 objects) into
// plain values, token for token as pdf-lib's PDFObjectParser (with the
// parseName in pdf.ts) reads them, so an object the page-tree scan reads is
// the object the whole load builds. Where pdf-lib would throw (and then read
// around the damage), read a stream after a nested dictionary, or warn (a
// number past 2^53), this throws SyntaxFault and the scan gives up.
import { PlainRef, type PlainDict, type PlainValue, SKIPPED, STRING } from './plain-value.js';
import { indirectLength } from './stream-length.js';

export class SyntaxFault extends Error {}

function table(codes: Iterable<number>): Uint8Array {
  const t = new Uint8Array(256);
  for (const c of codes) t[c] = 1;
  return t;
}
const ascii = (word: string): Uint8Array => Uint8Array.from(word, (c) => c.charCodeAt(0));

// White-space (§7.2.2, Table 1) and what ends a name: white-space or a delimiter (§7.2.2, Table 2).
const WHITE = table([0, 9, 10, 12, 13, 32]);
export const ENDS_NAME = table([0, 9, 10, 12, 13, 32, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
// What pdf-lib lets a number start with and run through (§7.3.3): digits, '+', '-', '.'.
const NUMERIC = table([0x2b, 0x2d, 0x2e, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]);
const TRUE = ascii('true');
const FALSE = ascii('false');
const NULL = ascii('null');
const OBJ = ascii('obj');
const ENDOBJ = ascii('endobj');
const STREAM = ascii('stream');
const ENDSTREAM = ascii('endstream');
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
// Deeper nesting than any page tree needs; pdf-lib would recurse on.
const MAX_DEPTH = 32;

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** The #xx escapes of a name (§7.3.5), any case, as the parseName in pdf.ts decodes them. */
export const decodeHexEscapes = (raw: string): string => raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

// Two decodings, as pdf-lib makes them: parseName (pdf.ts) any-case #xx, then PDFName.of upper-case #XX.
const decodeName = (raw: string): string => decodeHexEscapes(raw).replace(/#([\dABCDEF]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

// Names the scan meets on every page, handed out without making a string.
const KNOWN_NAMES = new Map<number, string[]>();
for (const name of [
  'Type', 'Pages', 'Page', 'Kids', 'Count', 'Parent', 'Resources', 'MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox',
  'Rotate', 'UserUnit', 'Annots', 'Contents', 'Group', 'Tabs', 'StructParents', 'Catalog', 'Metadata', 'Length',
  'Filter', 'DecodeParms', 'FlateDecode', 'ObjStm', 'XRef', 'N', 'First', 'Size', 'Root', 'Info', 'ID', 'Prev', 'W', 'Index',
]) {
  const key = name.length * 256 + name.charCodeAt(0);
  KNOWN_NAMES.set(key, [...(KNOWN_NAMES.get(key) ?? []), name]);
}

function knownName(b: Uint8Array, start: number, end: number): string | undefined {
  const candidates = KNOWN_NAMES.get((end - start) * 256 + b[start]!);
  if (candidates === undefined) return undefined;
  next: for (const name of candidates) {
    for (let i = 1; i < name.length; i++) if (b[start + i] !== name.charCodeAt(i)) continue next;
    return name;
  }
  return undefined;
}

export class ValueParser {
  pos = 0;
  // The number read ahead for a reference that was not one: read next as itself.
  private aheadAt = -1;
  private aheadEnd = 0;
  private aheadValue = 0;

  /** `text` is `bytes` decoded one character per byte (latin1). */
  constructor(
    readonly bytes: Uint8Array,
    readonly text: string,
  ) {}

  static of(bytes: Uint8Array): ValueParser {
    return new ValueParser(bytes, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
  }

  fault(what: string): never {
    throw new SyntaxFault(`${what} at ${this.pos}`);
  }

  /** White-space and comments (§7.2.3), which run to the end of the line. */
  skipSpace(): void {
    const b = this.bytes;
    const n = b.length;
    let p = this.pos;
    for (;;) {
      while (p < n && WHITE[b[p]!] === 1) p++;
      if (p >= n || b[p] !== 0x25) break;
      while (p < n && b[p] !== 10 && b[p] !== 13) p++;
    }
    this.pos = p;
  }

  /** White-space only: a comment may be what comes next (%%EOF). */
  skipWhite(): void {
    const b = this.bytes;
    while (this.pos < b.length && WHITE[b[this.pos]!] === 1) this.pos++;
  }

  /** Whether `word` is next, moving past it if so (no delimiter needed after, as pdf-lib). */
  keyword(word: Uint8Array): boolean {
    const b = this.bytes;
    const p = this.pos;
    if (p + word.length > b.length) return false;
    for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return false;
    this.pos = p + word.length;
    return true;
  }

  /** An unsigned integer made of digits only (pdf-lib's parseRawInt). */
  int(): number {
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    let v = 0;
    while (isDigit(b[p])) v = v * 10 + b[p++]! - 0x30;
    this.pos = p;
    if (p === start) this.fault('a digit expected');
    if (p - start > 15) {
      v = Number(this.text.slice(start, p));
      if (!Number.isSafeInteger(v)) this.fault('an integer too large');
    }
    return v;
  }

  /**
   * A number as pdf-lib's parseRawNumber reads it: numeric characters up to and
   * including a first '.', then digits; what Number() makes of them must be finite.
   */
  number(): number {
    const b = this.bytes;
    const n = b.length;
    const start = this.pos;
    if (start === this.aheadAt) {
      this.pos = this.aheadEnd;
      return this.aheadValue;
    }
    // The usual shape, [+-]digits[.digits] with 15 digits at most, read as it
    // goes: an integer over a power of ten rounds once, exactly as Number() does.
    let p = start;
    let c = b[p];
    const negative = c === 0x2d;
    if (negative || c === 0x2b) p++;
    let m = 0;
    let digits = 0;
    let scale = 0;
    for (; p < n && (c = b[p]!) >= 0x30 && c <= 0x39; p++, digits++) m = m * 10 + c - 0x30;
    let point = false;
    if (p < n && b[p] === 0x2e) {
      point = true;
      for (p++; p < n && (c = b[p]!) >= 0x30 && c <= 0x39; p++, digits++, scale++) m = m * 10 + c - 0x30;
    }
    // pdf-lib reads on through '+' and '-' before a '.' ("1-2"): then its way.
    if (digits > 0 && digits <= 15 && (point || p >= n || NUMERIC[b[p]!] !== 1)) {
      this.pos = p;
      const v = scale === 0 ? m : m / POW10[scale]!;
      return negative ? -v : v;
    }
    p = start;
    while (p < n) {
      c = b[p]!;
      if (NUMERIC[c] !== 1) break;
      p++;
      if (c === 0x2e) break;
    }
    while (isDigit(b[p])) p++;
    this.pos = p;
    const v = p === start ? NaN : Number(this.text.slice(start, p));
    if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) this.fault('not a number');
    return v;
  }

  /** A name (§7.3.5): the bytes up to white-space or a delimiter, #xx escapes decoded. */
  name(): string {
    const b = this.bytes;
    const n = b.length;
    if (b[this.pos] !== 0x2f) this.fault('a name expected');
    const start = this.pos + 1;
    let p = start;
    let escaped = false;
    for (; p < n; p++) {
      const c = b[p]!;
      if (ENDS_NAME[c] === 1) break;
      if (c === 0x23) escaped = true;
    }
    this.pos = p;
    if (escaped) return decodeName(this.text.slice(start, p));
    return knownName(b, start, p) ?? this.text.slice(start, p);
  }

  private skipName(): void {
    const b = this.bytes;
    const n = b.length;
    let p = this.pos + 1;
    while (p < n && ENDS_NAME[b[p]!] !== 1) p++;
    this.pos = p;
  }

  /** A literal string (§7.3.4.2): balanced unescaped parentheses, as pdf-lib counts them. */
  private string(): void {
    const b = this.bytes;
    const n = b.length;
    let p = this.pos;
    let depth = 0;
    let escaped = false;
    while (p < n) {
      const c = b[p++]!;
      if (!escaped) {
        if (c === 0x28) depth++;
        else if (c === 0x29) depth--;
      }
      if (c === 0x5c) escaped = !escaped;
      else escaped = false;
      if (depth === 0) {
        this.pos = p;
        return;
      }
    }
    this.pos = p;
    this.fault('an unbalanced string');
  }

  /** A hexadecimal string (§7.3.4.3): pdf-lib takes anything up to '>'. */
  private hex(): void {
    const end = this.bytes.indexOf(0x3e, this.pos + 1);
    if (end < 0) this.fault('an unterminated hexadecimal string');
    this.pos = end + 1;
  }

  /** A number, or a reference when "int int R" follows (§7.3.10); `build` false makes no reference. */
  private numberOrRef(build: boolean): number | PlainRef | undefined {
    const b = this.bytes;
    const first = this.number();
    this.skipSpace();
    const back = this.pos;
    if (isDigit(b[back])) {
      const second = this.number();
      const end = this.pos;
      this.skipSpace();
      if (b[this.pos] === 0x52) {
        this.pos++;
        // Even "1.5 0 R" or "-1 0 R": pdf-lib makes a reference that finds no object.
        return build ? new PlainRef(first, second) : undefined;
      }
      this.aheadAt = back;
      this.aheadEnd = end;
      this.aheadValue = second;
    }
    this.pos = back;
    return first;
  }

  /** pdf-lib reads a stream after any dictionary, even a nested one; only xref and object streams may have one here. */
  private noStream(): void {
    this.skipSpace();
    if (this.keyword(STREAM)) this.fault('a stream where none was expected');
  }

  /**
   * The next object. A dictionary at this level keeps only the values of the
   * keys in `keep` (all when absent); the others are read past as SKIPPED.
   */
  value(depth = 0, keep?: ReadonlySet<string>): PlainValue {
    this.skipSpace();
    const b = this.bytes;
    const c = b[this.pos];
    // pdf-lib tries the keywords first.
    if (c === 0x74 && this.keyword(TRUE)) return true;
    if (c === 0x66 && this.keyword(FALSE)) return false;
    if (c === 0x6e && this.keyword(NULL)) return null;
    if (c === 0x3c) {
      if (b[this.pos + 1] !== 0x3c) {
        this.hex();
        return STRING;
      }
      const dict = this.dict(depth, keep);
      this.noStream();
      return dict;
    }
    if (c === 0x28) {
      this.string();
      return STRING;
    }
    if (c === 0x2f) return this.name();
    if (c === 0x5b) {
      if (depth > MAX_DEPTH) this.fault('nesting too deep');
      this.pos++;
      this.skipSpace();
      const out: PlainValue[] = [];
      while (b[this.pos] !== 0x5d) {
        out.push(this.value(depth + 1));
        this.skipSpace();
      }
      this.pos++;
      return out;
    }
    if (c !== undefined && NUMERIC[c] === 1) return this.numberOrRef(true)!;
    return this.fault('not an object');
  }

  /** Reads past the next object, checking it as `value` would. */
  skip(depth = 0): void {
    this.skipSpace();
    const b = this.bytes;
    const c = b[this.pos];
    if (c === 0x74 && this.keyword(TRUE)) return;
    if (c === 0x66 && this.keyword(FALSE)) return;
    if (c === 0x6e && this.keyword(NULL)) return;
    if (c === 0x3c) {
      if (b[this.pos + 1] !== 0x3c) return this.hex();
      if (depth > MAX_DEPTH) this.fault('nesting too deep');
      this.openDict();
      while (this.inDict()) {
        if (b[this.pos] !== 0x2f) this.fault('a name expected');
        this.skipName();
        this.skip(depth + 1);
        this.skipSpace();
      }
      this.closeDict();
      return this.noStream();
    }
    if (c === 0x28) return this.string();
    if (c === 0x2f) return this.skipName();
    if (c === 0x5b) {
      if (depth > MAX_DEPTH) this.fault('nesting too deep');
      this.pos++;
      this.skipSpace();
      while (b[this.pos] !== 0x5d) {
        this.skip(depth + 1);
        this.skipSpace();
      }
      this.pos++;
      return;
    }
    if (c !== undefined && NUMERIC[c] === 1) {
      this.numberOrRef(false);
      return;
    }
    this.fault('not an object');
  }

  /** A dictionary (§7.3.7), without looking for a stream after it; see `value` for `keep`. */
  dict(depth = 0, keep?: ReadonlySet<string>): PlainDict {
    if (depth > MAX_DEPTH) this.fault('nesting too deep');
    this.openDict();
    const out: PlainDict = new Map();
    while (this.inDict()) {
      const key = this.name();
      if (keep === undefined || keep.has(key)) {
        out.set(key, this.value(depth + 1));
      } else {
        this.skip(depth + 1);
        out.set(key, SKIPPED);
      }
      this.skipSpace();
    }
    this.closeDict();
    return out;
  }

  private openDict(): void {
    if (this.bytes[this.pos] !== 0x3c || this.bytes[this.pos + 1] !== 0x3c) this.fault('a dictionary expected');
    this.pos += 2;
    this.skipSpace();
  }

  // pdf-lib's loop test: the entries end at '>' here or next (then it wants ">>").
  private inDict(): boolean {
    const b = this.bytes;
    return this.pos < b.length && b[this.pos] !== 0x3e && b[this.pos + 1] !== 0x3e;
  }

  private closeDict(): void {
    this.skipSpace();
    if (this.bytes[this.pos] !== 0x3e || this.bytes[this.pos + 1] !== 0x3e) this.fault('">>" expected');
    this.pos += 2;
  }

  /** An indirect object's "n g obj" (§7.3.10); returns its numbers and where "obj" starts. */
  header(): { num: number; gen: number; at: number } {
    this.skipSpace();
    const num = this.int();
    this.skipSpace();
    const gen = this.int();
    this.skipSpace();
    const at = this.pos;
    if (!this.keyword(OBJ)) this.fault('"obj" expected');
    return { num, gen, at };
  }

  /** After an object's value: "endobj", which pdf-lib would do without. */
  endObject(): void {
    this.skipSpace();
    if (!this.keyword(ENDOBJ)) this.fault('"endobj" expected');
  }

  /** Whether an object header "n g obj" is next (pdf-lib's matchIndirectObjectHeader); does not move. */
  headerAhead(): boolean {
    const b = this.bytes;
    const back = this.pos;
    let ok = false;
    this.skipSpace();
    if (isDigit(b[this.pos])) {
      while (isDigit(b[this.pos])) this.pos++;
      this.skipSpace();
      if (isDigit(b[this.pos])) {
        while (isDigit(b[this.pos])) this.pos++;
        this.skipSpace();
        ok = this.keyword(OBJ);
      }
    }
    this.pos = back;
    return ok;
  }

  /** Whether `word` is next; does not move. */
  ahead(word: Uint8Array): boolean {
    const back = this.pos;
    const found = this.keyword(word);
    this.pos = back;
    return found;
  }

  /**
   * The data of the stream whose dictionary was just read (§7.3.8.1), found
   * where the load finds it: /Length bytes on (an indirect /Length looked up in
   * the file) when "endstream" follows there, else up to the "endstream" that
   * balances any "stream" met on the way.
   * Undefined when no stream follows.
   */
  streamAfter(dict: PlainDict): Uint8Array | undefined {
    this.skipSpace();
    if (!this.keyword(STREAM)) return undefined;
    const b = this.bytes;
    const p = this.pos;
    // pdf-lib's end-of-line choices after "stream": SP CR LF, CR LF, CR, LF, or none.
    if (b[p] === 0x20 && b[p + 1] === 13 && b[p + 2] === 10) this.pos += 3;
    else if (b[p] === 13 && b[p + 1] === 10) this.pos += 2;
    else if (b[p] === 13 || b[p] === 10) this.pos += 1;
    const start = this.pos;
    let length = dict.get('Length');
    if (length instanceof PlainRef) {
      // As the load reads it (stream-length.ts); one it cannot find is left to the load.
      length = indirectLength(b, length.num, length.gen, this.text);
      if (length === undefined) this.fault('an indirect /Length the file does not hold as an integer object');
    }
    if (typeof length === 'number') {
      // pdf-lib would move backwards or between bytes.
      if (!Number.isInteger(length) || length < 0) this.fault('an odd /Length');
      if (start + length <= b.length) {
        this.pos = start + length;
        this.skipSpace();
        if (this.keyword(ENDSTREAM)) return b.subarray(start, start + length);
      }
    }
    // pdf-lib's findEndOfStreamFallback, a search instead of a byte-by-byte walk:
    // the first "stream" on is a nested one, or ends an "endstream", which
    // pdf-lib matches from a CR LF, CR or LF right before it.
    const text = this.text;
    let nesting = 1;
    let at = start;
    let end = start;
    while (nesting > 0) {
      const s = text.indexOf('stream', at);
      if (s < 0) this.fault('no endstream');
      const e = s - 3;
      if (e >= at && b[e] === 0x65 && b[e + 1] === 0x6e && b[e + 2] === 0x64) {
        if (e - 2 >= at && b[e - 2] === 13 && b[e - 1] === 10) end = e - 2;
        else if (e - 1 >= at && (b[e - 1] === 13 || b[e - 1] === 10)) end = e - 1;
        else end = e;
        nesting--;
      } else {
        nesting++;
      }
      at = s + 6;
    }
    this.pos = at;
    return b.subarray(start, end);
  }
}
