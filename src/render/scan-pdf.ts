// A quick look at a PDF's pages through its cross-reference table, for the
// unchanged-output path: parses the catalog, the page tree and what the page
// boxes refer to, not every object as PDFDocument.load does (most of a render
// of a plain 100-page file); an object stream is decoded only when it holds one
// of those. Anything it does not read simply (hybrid or encrypted files,
// updated files with object streams, offsets that do not point at the object)
// gives undefined, and the caller loads the whole file.
import { collectPages, describePages, type LoadedPdf } from './load-pdf.js';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFContext, PDFDict, PDFNumber, type PDFObject, PDFObjectParser, PDFRawStream, PDFRef, PDFXRefStreamParser, decodePDFRawStream } from './pdf.js';
import { names } from './pdf-objects.js';

class Unreadable extends Error {}

const latin1 = new TextDecoder('latin1');
// What the page walk and the page description read on every node.
const PAGE_KEYS = [names.Type, names.Kids, names.MediaBox, names.CropBox, names.Rotate, names.UserUnit, names.Annots];

/** Pages, warnings and plainness as loadPdf gives them, without the document; undefined when unsure. */
export function scanPdf(bytes: Uint8Array): Omit<LoadedPdf, 'doc'> | undefined {
  try {
    return scan(bytes);
  } catch {
    // Unreadable here, or pdf-lib's parser gave up: the full load decides what that means.
    return undefined;
  }
}

/** Where an object is: at a byte offset, or in the object stream with this object number. */
type Place = { offset: number } | { stream: number };

function scan(bytes: Uint8Array): Omit<LoadedPdf, 'doc'> | undefined {
  if (!latin1.decode(bytes.subarray(0, 1024)).includes('%PDF-')) return undefined;
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const at = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!at) return undefined;
  const context = PDFContext.create();
  const places = new Map<string, Place>();
  let section: number | undefined = Number(at[1]);
  const seen = new Set<number>();
  while (section !== undefined) {
    if (seen.has(section) || section >= bytes.length) return undefined;
    seen.add(section);
    const trailer = readXrefSection(bytes, section, context, places);
    if (seen.size === 1) {
      const root = trailer.get(names.Root);
      if (!(root instanceof PDFRef)) return undefined;
      context.trailerInfo.Root = root;
    }
    // Hybrid files (XRefStm) and encryption are left to the full load.
    if (trailer.has(names.XRefStm) || trailer.has(names.Encrypt)) return undefined;
    const prev = trailer.get(names.Prev);
    section = prev === undefined ? undefined : Number(prev.toString());
    if (section !== undefined && !Number.isInteger(section)) return undefined;
  }
  // An older object stream could hold a replaced object: updated files load whole.
  if (seen.size > 1 && [...places.values()].some((p) => 'stream' in p)) return undefined;

  const loaded = new Set<string>();
  const objectStreams = new Map<number, ObjectStream>();
  // Synchronous, and an object stream's objects are parsed only when asked
  // for: the page walk needs the page dicts, not the fonts stored beside them.
  const load = (obj: PDFObject | undefined): void => {
    if (!(obj instanceof PDFRef) || loaded.has(obj.tag)) return;
    loaded.add(obj.tag);
    const place = places.get(obj.tag);
    if (place === undefined) throw new Unreadable(`${obj.tag} is not in the xref table`);
    if ('offset' in place) {
      context.assign(obj, readObject(bytes, place.offset, obj, context));
      return;
    }
    let os = objectStreams.get(place.stream);
    if (os === undefined) {
      const ref = PDFRef.of(place.stream, 0);
      load(ref);
      const stream = context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Unreadable(`object stream ${place.stream} is not a stream`);
      os = openObjectStream(stream, context);
      objectStreams.set(place.stream, os);
    }
    const offset = obj.generationNumber === 0 ? os.offsets.get(obj.objectNumber) : undefined;
    if (offset === undefined) throw new Unreadable(`${obj.tag} is not in its object stream`);
    os.parser.moveTo(os.first + offset);
    context.assign(obj, os.parser.parseObject(obj));
  };
  const loadWithin = (obj: PDFObject | undefined): void => {
    load(obj);
    const value = obj instanceof PDFRef ? context.lookup(obj) : obj;
    if (value instanceof PDFArray) for (const item of value.asArray()) load(item);
  };
  load(context.trailerInfo.Root);
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) return undefined;
  const visited = new Set<string>();
  const walk = (node: PDFObject | undefined, depth: number): void => {
    if (depth > 64 || (node instanceof PDFRef && visited.has(node.tag))) return;
    if (node instanceof PDFRef) visited.add(node.tag);
    load(node);
    const dict = node instanceof PDFRef ? context.lookup(node) : node;
    if (!(dict instanceof PDFDict)) return;
    for (const key of PAGE_KEYS) loadWithin(dict.get(key));
    const kids = dict.get(names.Kids);
    const list = kids instanceof PDFRef ? context.lookup(kids) : kids;
    if (list instanceof PDFArray) for (const kid of list.asArray()) walk(kid, depth + 1);
  };
  walk(catalog.get(names.Pages), 0);
  const found = collectPages({ context });
  const described = describePages(bytes, context, found, () => {
    throw new Error('a scanned page has no form: load the document to draw it');
  });
  return described.pages.length === 0 ? undefined : described;
}

/** An object stream (ISO 32000-1 §7.5.7): its decoded bytes behind a parser, and where each object starts. */
interface ObjectStream {
  parser: PDFObjectParser & { moveTo(offset: number): void };
  first: number;
  offsets: Map<number, number>;
}

function openObjectStream(stream: PDFRawStream, context: PDFContext): ObjectStream {
  const { dict } = stream;
  const first = dict.get(names.First);
  const count = dict.get(names.N);
  if (!(first instanceof PDFNumber) || !(count instanceof PDFNumber)) throw new Unreadable('an object stream without /First or /N');
  // Plain Flate (what writers use) is inflated natively; anything else by pdf-lib.
  const filter = dict.get(names.Filter);
  const data =
    filter === names.FlateDecode && !dict.has(names.DecodeParms) ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
  const parser = PDFObjectParser.forBytes(data, context) as unknown as ObjectStream['parser'] & {
    bytes: { moveTo(offset: number): void };
    skipWhitespaceAndComments(): void;
    parseRawInt(): number;
  };
  parser.moveTo = (offset) => parser.bytes.moveTo(offset);
  const offsets = new Map<number, number>();
  for (let i = 0; i < count.asNumber(); i++) {
    parser.skipWhitespaceAndComments();
    const objectNumber = parser.parseRawInt();
    parser.skipWhitespaceAndComments();
    offsets.set(objectNumber, parser.parseRawInt());
  }
  return { parser, first: first.asNumber(), offsets };
}

/** The object `ref` says is at `offset`, after checking its "n g obj" header. */
function readObject(bytes: Uint8Array, offset: number, ref: PDFRef, context: PDFContext): PDFObject {
  const head = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(bytes.subarray(offset, offset + 64)));
  if (!head || Number(head[1]) !== ref.objectNumber || Number(head[2]) !== ref.generationNumber) throw new Unreadable(`${ref.tag} is not at its offset`);
  return PDFObjectParser.forBytes(bytes.subarray(offset + head[0].length), context).parseObject();
}

/** Reads one xref section (table or stream) into `places`; newer sections come first, so kept entries win. Returns its trailer. */
function readXrefSection(bytes: Uint8Array, offset: number, context: PDFContext, places: Map<string, Place>): PDFDict {
  const head = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(bytes.subarray(offset, offset + 64)));
  if (head) {
    const stream = readObject(bytes, offset, PDFRef.of(Number(head[1]), Number(head[2])), context);
    if (!(stream instanceof PDFRawStream)) throw new Unreadable('the xref stream is not a stream');
    const trailerInfo = context.trailerInfo;
    for (const e of PDFXRefStreamParser.forStream(stream).parseIntoContext()) {
      if (e.deleted || places.has(e.ref.tag)) continue;
      places.set(e.ref.tag, e.inObjectStream ? { stream: e.offset } : { offset: e.offset });
    }
    // The parser also sets the context's trailer; the caller keeps the newest.
    context.trailerInfo = trailerInfo;
    return stream.dict;
  }
  return readXrefTable(bytes, offset, context, places);
}

function readXrefTable(bytes: Uint8Array, offset: number, context: PDFContext, places: Map<string, Place>): PDFDict {
  const text = latin1.decode(bytes.subarray(offset));
  const start = /^\s*xref\s+/y;
  if (!start.test(text)) throw new Unreadable('not a classic xref table');
  let pos = start.lastIndex;
  const header = /(\d+)\s+(\d+)\s+/y;
  const entry = /(\d{10})\s(\d{5})\s([nf])\s*/y;
  for (;;) {
    header.lastIndex = pos;
    const h = header.exec(text);
    if (!h) break;
    pos = header.lastIndex;
    const first = Number(h[1]);
    const count = Number(h[2]);
    for (let i = 0; i < count; i++) {
      entry.lastIndex = pos;
      const e = entry.exec(text);
      if (!e) throw new Unreadable('a damaged xref entry');
      pos = entry.lastIndex;
      const tag = `${first + i} ${Number(e[2])} R`;
      if (e[3] === 'n' && !places.has(tag)) places.set(tag, { offset: Number(e[1]) });
    }
  }
  const trailer = /trailer\s*/y;
  trailer.lastIndex = pos;
  if (!trailer.test(text)) throw new Unreadable('no trailer after the xref table');
  const dict = PDFObjectParser.forBytes(bytes.subarray(offset + trailer.lastIndex), context).parseObject();
  if (!(dict instanceof PDFDict)) throw new Unreadable('the trailer is not a dictionary');
  return dict;
}
