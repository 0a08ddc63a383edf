// The one door to the PDF library: swapping @cantoo/pdf-lib for pdf-lib 1.17.1
// (or another fork) means changing this file only.
//
// Node 20 loads pdf-lib's ES build (some 190 modules) about twice as slowly as
// its CommonJS build, the bulk of a short render's start-up: the CommonJS
// build is the one loaded, with the ES build's types.
import { createRequire } from 'node:module';
import type * as PdfLib from '@cantoo/pdf-lib';
import { indirectLength } from './stream-length.js';
import { decodeHexEscapes, ENDS_NAME } from './value-parser.js';

const lib = createRequire(import.meta.url)('@cantoo/pdf-lib') as typeof PdfLib;

export const {
  PDFArray,
  PDFBool,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFFont,
  PDFHeader,
  PDFHexString,
  PDFImage,
  PDFInvalidObject,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObject,
  PDFObjectParser,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  ParseSpeeds,
  PDFCrossRefSection,
  PDFTrailer,
  PDFTrailerDict,
  PDFWriter,
  copyStringIntoBuffer,
  defaultDocumentSnapshot,
} = lib;
export const decodePDFRawStream: typeof PdfLib.decodePDFRawStream = lib.decodePDFRawStream;
export type PDFArray = PdfLib.PDFArray;
export type PDFBool = PdfLib.PDFBool;
export type PDFContext = PdfLib.PDFContext;
export type PDFDict = PdfLib.PDFDict;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFFont = PdfLib.PDFFont;
export type PDFHeader = PdfLib.PDFHeader;
export type PDFHexString = PdfLib.PDFHexString;
export type PDFImage = PdfLib.PDFImage;
export type PDFInvalidObject = PdfLib.PDFInvalidObject;
export type PDFName = PdfLib.PDFName;
export type PDFNumber = PdfLib.PDFNumber;
export type PDFObject = PdfLib.PDFObject;
export type PDFObjectParser = PdfLib.PDFObjectParser;
export type PDFPageLeaf = PdfLib.PDFPageLeaf;
export type PDFPageTree = PdfLib.PDFPageTree;
export type PDFRawStream = PdfLib.PDFRawStream;
export type PDFRef = PdfLib.PDFRef;
export type PDFStream = PdfLib.PDFStream;
export type PDFString = PdfLib.PDFString;
export type ParseSpeeds = PdfLib.ParseSpeeds;
export type PDFCrossRefSection = PdfLib.PDFCrossRefSection;
export type PDFTrailer = PdfLib.PDFTrailer;
export type PDFTrailerDict = PdfLib.PDFTrailerDict;
export type PDFWriter = PdfLib.PDFWriter;


/** The fontkit shape PDFDocument.registerFontkit accepts. */
export type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

// PDFName builds its encoded form one character at a time, leaving a rope of
// one V8 string per character: a parsed page with 30 unique font names holds
// about 9 KB of them, 40 MB over 5,000 pages. Searching a string flattens it
// in place, so the rope dies young; names stay interned and equal.
// (The result is kept so an optimising compiler cannot drop the search.)
// A bounded cache in front hands back names already made without pdf-lib's
// hex-escape regex, which it runs on every name it is asked for.
const internName = PDFName.of;
const NAME_CACHE_LIMIT = 4096;
const nameCache = new Map<string, PDFName>();
let _flattened = 0;
PDFName.of = (name: string): PDFName => {
  let instance = nameCache.get(name);
  if (instance === undefined) {
    instance = internName(name);
    _flattened ^= instance.asString().indexOf('#');
    if (nameCache.size < NAME_CACHE_LIMIT) nameCache.set(name, instance);
  }
  return instance;
};

// pdf-lib's parser reads a name byte by byte into a growing string, then runs
// a hex-escape regex over it: most of the time of a page-tree scan. This reads
// the same bytes (up to white-space or a delimiter, ISO 32000-1 §7.3.5) in one
// go and decodes #xx escapes only when there is a '#'.
/** The ByteStream fields the replacement uses (pdf-lib's own, not in its typings). */
interface Bytes {
  idx: number;
  column: number;
  bytes: Uint8Array;
  length: number;
  assertNext(expected: number): number;
}
const parserProto = PDFObjectParser.prototype as unknown as { parseName(this: { bytes: Bytes }): PDFName };
parserProto.parseName = function parseName(this: { bytes: Bytes }): PDFName {
  const stream = this.bytes;
  stream.assertNext(0x2f);
  const { bytes, length } = stream;
  const start = stream.idx;
  let end = start;
  while (end < length && ENDS_NAME[bytes[end]!] === 0) end++;
  stream.idx = end;
  stream.column += end - start;
  let name = '';
  // Each byte is one character, as pdf-lib reads it (TextDecoder's latin1 is windows-1252).
  for (let at = start; at < end; at += 4096) name += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(end, at + 4096)) as unknown as number[]);
  if (name.includes('#')) name = decodeHexEscapes(name);
  return PDFName.of(name);
};

// pdf-lib takes a stream's /Length only when it is a direct number; an
// indirect one ("/Length 12 0 R", ISO 32000-1 §7.3.8.2) sends it to its
// fallback, which cuts the data at the first "endstream" in it. Before the
// stream is read, such a length is looked up (in the file, else among the
// objects read so far) and put in the dictionary as the number, so pdf-lib
// reads that many bytes, and still falls back when "endstream" is not there.
const LENGTH = PDFName.of('Length');
const STREAM_WORD = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d];
const dictParser = PDFObjectParser.prototype as unknown as {
  parseDict(this: DictParserThis, ref?: PDFRef): PDFDict;
};
interface DictParserThis {
  bytes: Bytes;
  context: { lookup(ref: PDFRef): unknown };
}
const parseDict = dictParser.parseDict;
dictParser.parseDict = function parseDictWithLength(this: DictParserThis, ref?: PDFRef): PDFDict {
  const dict = parseDict.call(this, ref);
  const length = dict.get(LENGTH);
  if (!(length instanceof PDFRef) || !streamFollows(this.bytes)) return dict;
  let value = indirectLength(this.bytes.bytes, length.objectNumber, length.generationNumber);
  if (value === undefined) {
    const known = this.context.lookup(length);
    if (known instanceof PDFNumber) value = known.asNumber();
  }
  if (value !== undefined) dict.set(LENGTH, PDFNumber.of(value));
  return dict;
};

/** Whether "stream" comes next after white-space and comments (the stream keyword after a dictionary, §7.3.8.1). */
function streamFollows(stream: Bytes): boolean {
  const { bytes, length } = stream;
  let p = stream.idx;
  for (;;) {
    while (p < length && (bytes[p] === 0x20 || bytes[p] === 0x0a || bytes[p] === 0x0d || bytes[p] === 0x09 || bytes[p] === 0x0c || bytes[p] === 0)) p++;
    if (bytes[p] !== 0x25) break;
    while (p < length && bytes[p] !== 0x0a && bytes[p] !== 0x0d) p++;
  }
  for (let i = 0; i < STREAM_WORD.length; i++) if (bytes[p + i] !== STREAM_WORD[i]) return false;
  return true;
}
