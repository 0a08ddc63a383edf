// A PDF's objects as pdf-lib's whole load ends up with them. pdf-lib does not
// follow the cross-reference sections (ISO 32000-1 §7.5.4-§7.5.8): its
// PDFParser.parseDocument reads the file front to back, keeps the last object
// it meets with each number, opens each object stream where it meets it, and
// takes /Root from the last trailer or xref stream naming one. This walks the
// same way over a well-formed file, so incremental updates, object streams
// and hybrid files come out as they do there. Where pdf-lib would read
// around damage (skip bytes, take an object as invalid, search for a lost
// "endobj") or throw, this throws SyntaxFault instead.
import { decodeStream } from './decode-stream.js';
import { PlainRef, type PlainDict, type PlainValue, STREAM } from './plain-value.js';
import { SyntaxFault, ValueParser } from './value-parser.js';

export interface ParsedDocument {
  /** objectKey → the value pdf-lib keeps for that object (streams are STREAM). */
  objects: Map<number, PlainValue>;
  /** /Root as pdf-lib's trailer info ends up with it. */
  root: PlainValue | undefined;
  /** The file defines an object 0, which pdf-lib drops with a message (a warning of the load). */
  objectZero: boolean;
}

export const MAX_NUM = 2 ** 36;
export const MAX_GEN = 0xffff;

/** One number for an object number and generation; throws for ones out of the usual range. */
export function objectKey(num: number, gen: number): number {
  if (gen > MAX_GEN || num >= MAX_NUM) throw new SyntaxFault(`object ${num} ${gen} out of range`);
  return num * 0x10000 + gen;
}

const ascii = (word: string): Uint8Array => Uint8Array.from(word, (c) => c.charCodeAt(0));
const XREF = ascii('xref');
const TRAILER = ascii('trailer');
const STARTXREF = ascii('startxref');
const EOF = ascii('%%EOF');
// What reading the object and xref streams needs of a stream's dictionary.
const STREAM_KEYS = ['Type', 'Length', 'Filter', 'DecodeParms', 'N', 'First', 'Size', 'W', 'Index', 'Root', 'Encrypt'];
// Most bytes decoded from a file's streams before giving up: pdf-lib would go
// on, but a few kilobytes can inflate to gigabytes.
const BUDGET = 64 << 20;

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isCount = (v: PlainValue | undefined): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The keys top-level dictionaries keep for `parseDocument`: `wanted`, and what streams need. */
export function keptKeys(wanted: Iterable<string>): ReadonlySet<string> {
  return new Set([...wanted, ...STREAM_KEYS]);
}

/**
 * Reads the whole file. Top-level dictionaries keep the values of the keys in
 * `keys` (from keptKeys); others are read past as SKIPPED.
 */
export function parseDocument(parser: ValueParser, keys: ReadonlySet<string>): ParsedDocument {
  const objects = new Map<number, PlainValue>();
  const b = parser.bytes;
  let root: PlainValue | undefined;
  const budget = { left: BUDGET };

  const object = (): void => {
    const head = parser.header();
    const key = objectKey(head.num, head.gen);
    parser.skipSpace();
    let value: PlainValue;
    if (b[parser.pos] === 0x3c && b[parser.pos + 1] === 0x3c) {
      const dict = parser.dict(0, keys);
      const data = parser.streamAfter(dict);
      if (data === undefined) {
        value = dict;
      } else {
        value = STREAM;
        // pdf-lib would look an indirect /Type up in what it has read so far.
        const type = dict.get('Type');
        if (type instanceof PlainRef) throw new SyntaxFault('an indirect stream /Type');
        if (type === 'ObjStm') objectStream(dict, data, keys, objects, budget);
        else if (type === 'XRef') root = rootOf(xrefStream(dict, data, budget), root);
      }
    } else {
      value = parser.value();
    }
    parser.endObject();
    objects.set(key, value);
  };

  fileHeader(parser);
  while (parser.pos < b.length) {
    const start = parser.pos;
    // parseIndirectObjects
    parser.skipSpace();
    while (parser.pos < b.length && isDigit(b[parser.pos])) {
      object();
      noJibberish(parser);
    }
    // maybeParseCrossRefSection: pdf-lib reads past the entries and keeps none.
    parser.skipSpace();
    if (parser.keyword(XREF)) crossRefTable(parser);
    // maybeParseTrailerDict
    parser.skipSpace();
    if (parser.keyword(TRAILER)) {
      parser.skipSpace();
      root = rootOf(trailer(parser.dict()), root);
    }
    // maybeParseTrailer: an offset must follow; %%EOF may.
    parser.skipSpace();
    if (parser.keyword(STARTXREF)) {
      parser.skipSpace();
      parser.int();
      parser.skipWhite();
      parser.keyword(EOF);
      parser.skipSpace();
      parser.keyword(EOF);
      parser.skipSpace();
    }
    noJibberish(parser);
    if (parser.pos === start) throw new SyntaxFault('stalled');
  }
  // pdf-lib drops an object 0 (the head of the free list, §7.5.4).
  const objectZero = objects.delete(0);
  return { objects, root, objectZero };
}

/** "%PDF-" in the first 1024 bytes (openPdf) and its version, then an object header (pdf-lib goes looking otherwise). */
function fileHeader(parser: ValueParser): void {
  const at = parser.text.indexOf('%PDF-');
  if (at < 0 || at > 1024 - 5) throw new SyntaxFault('no %PDF- header');
  parser.pos = at + 5;
  parser.int();
  if (parser.bytes[parser.pos++] !== 0x2e) throw new SyntaxFault('no version');
  parser.int();
  parser.skipSpace();
  if (!parser.headerAhead()) throw new SyntaxFault('no object after the header');
}

/** pdf-lib's skipJibberish, which must find nothing to skip: an object, a section keyword, or the end. */
function noJibberish(parser: ValueParser): void {
  parser.skipSpace();
  if (parser.pos >= parser.bytes.length) return;
  if (parser.ahead(XREF) || parser.ahead(TRAILER) || parser.ahead(STARTXREF) || parser.headerAhead()) return;
  throw new SyntaxFault('bytes pdf-lib would skip');
}

/** A classic table's entries (§7.5.4), read past as pdf-lib does. */
function crossRefTable(parser: ValueParser): void {
  const b = parser.bytes;
  parser.skipSpace();
  while (isDigit(b[parser.pos])) {
    parser.int();
    parser.skipSpace();
    if (!isDigit(b[parser.pos])) return;
    parser.int();
    parser.skipSpace();
    if (b[parser.pos] === 0x6e || b[parser.pos] === 0x66) parser.pos++;
    parser.skipSpace();
  }
}

/** pdf-lib's `dict.get(Root) || previous`: any value there, null too, replaces the previous one. */
function rootOf(dict: PlainDict, previous: PlainValue | undefined): PlainValue | undefined {
  return dict.has('Root') ? dict.get('Root') : previous;
}

/** A trailer dictionary (§7.5.5), checked as pdf-lib takes it. */
function trailer(dict: PlainDict): PlainDict {
  // Encrypted files are decrypted by pdf-lib: left to it.
  if (dict.has('Encrypt')) throw new SyntaxFault('an encrypted file');
  // pdf-lib looks /Size up as a number and throws on anything else.
  const size = dict.get('Size');
  if (size !== undefined && size !== null && typeof size !== 'number') throw new SyntaxFault('an odd trailer /Size');
  return dict;
}

/** A cross-reference stream (§7.5.8): pdf-lib takes its dictionary as a trailer if it decodes and has /Size and /W. */
function xrefStream(dict: PlainDict, data: Uint8Array, budget: Budget): PlainDict {
  if (dict.has('Encrypt')) throw new SyntaxFault('an encrypted file');
  const rows = decoded(dict, data, budget);
  const size = dict.get('Size');
  const w = dict.get('W');
  const index = dict.get('Index');
  if (typeof size !== 'number' || !Array.isArray(w) || !w.every((n) => typeof n === 'number')) throw new SyntaxFault('odd /Size or /W');
  if (index instanceof PlainRef || (Array.isArray(index) && (index.length % 2 !== 0 || !index.every((n) => typeof n === 'number')))) {
    throw new SyntaxFault('an odd /Index');
  }
  // pdf-lib makes an entry for each one counted, data or not: a count far past
  // the data would keep it busy (or out of memory) where this would answer.
  let entries = 0;
  if (Array.isArray(index)) for (let i = 1; i < index.length; i += 2) entries += index[i] as number;
  else entries = size;
  if (!(entries <= rows.length + 65536)) throw new SyntaxFault('an xref stream counting more entries than it holds');
  return dict;
}

/** An object stream (§7.5.7): pdf-lib assigns each object it holds, in its order, where it meets the stream. */
function objectStream(dict: PlainDict, data: Uint8Array, keys: ReadonlySet<string>, objects: Map<number, PlainValue>, budget: Budget): void {
  const n = dict.get('N');
  const first = dict.get('First');
  if (!isCount(n) || !isCount(first)) throw new SyntaxFault('an object stream without /N or /First');
  const bytes = decoded(dict, data, budget);
  // Each entry takes two numbers of a digit at least.
  if (n > bytes.length) throw new SyntaxFault('an object stream shorter than /N says');
  const sub = ValueParser.of(bytes);
  const entries: number[] = [];
  for (let i = 0; i < n; i++) {
    sub.skipSpace();
    entries.push(sub.int());
    sub.skipSpace();
    entries.push(sub.int());
  }
  // Objects side by side read each byte once; one listed over and over would not.
  let read = 0;
  for (let i = 0; i < entries.length; i += 2) {
    const start = first + entries[i + 1]!;
    sub.pos = start;
    objects.set(objectKey(entries[i]!, 0), sub.value(0, keys));
    read += sub.pos - start;
    if (read > 2 * bytes.length + 4096) throw new SyntaxFault('an object stream reading its bytes over and over');
  }
}

interface Budget {
  left: number;
}

function spend(budget: Budget, bytes: number): void {
  budget.left -= bytes;
  if (budget.left < 0) throw new SyntaxFault('more to decode or read than the scan takes on');
}

function decoded(dict: PlainDict, data: Uint8Array, budget: Budget): Uint8Array {
  const out = decodeStream(dict, data, Math.max(0, budget.left));
  spend(budget, out.length);
  return out;
}
