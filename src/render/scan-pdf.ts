// A quick look at a PDF's pages for the unchanged-output path: the page tree
// read into plain values, not every object built as pdf-lib's whole load
// builds it (most of a render of a plain 100-page file). It reads the file
// the way that load does (parse-document.ts), so the pages it finds are the
// pages the load finds, and it answers only where it can tell: anything it
// does not read simply (encryption, filters other than Flate, syntax pdf-lib
// would read around or throw on) gives undefined, and the caller loads the
// whole file. Offsets and lengths are checked against the bytes, and every
// loop moves forward through them.
import { type DescribedPages, type PageReader, collectPages, describePages } from './page-tree.js';
import { MAX_GEN, MAX_NUM, keptKeys, objectKey, parseDocument } from './parse-document.js';
import { PlainRef, type PlainDict, type PlainValue } from './plain-value.js';
import { ValueParser } from './value-parser.js';

// The keys the page walk and the description read (Resources only for being
// there): values of others are read past, not built.
const KEYS = keptKeys(['Type', 'Pages', 'Kids', 'MediaBox', 'CropBox', 'Rotate', 'UserUnit', 'Annots']);

/** Pages, warnings and plainness as loadPdf gives them, without the document; undefined when unsure. */
export function scanPdf(bytes: Uint8Array): DescribedPages | undefined {
  try {
    return scan(bytes);
  } catch {
    // Unsure here, or no page tree: the whole load decides what that means.
    return undefined;
  }
}

/** Whether "/Encrypt" is anywhere in the file (found by its tail: V8 searches short patterns faster). */
function mentionsEncrypt(text: string): boolean {
  for (let at = text.indexOf('crypt'); at >= 0; at = text.indexOf('crypt', at + 5)) {
    if (at >= 3 && text.startsWith('/En', at - 3)) return true;
  }
  return false;
}

function scan(bytes: Uint8Array): DescribedPages | undefined {
  const parser = ValueParser.of(bytes);
  // Such a file is not plain (describePages), and its objects would not read here.
  if (mentionsEncrypt(parser.text)) return undefined;
  const { objects, root, objectZero } = parseDocument(parser, KEYS);
  // The load warns of it; the scan leaves the wording to the load.
  if (objectZero) return undefined;
  // pdf-lib's lookup: an object it never met (or could not have: "1.5 0 R") is undefined.
  const resolve = (v: PlainValue | undefined): PlainValue | undefined => {
    if (!(v instanceof PlainRef)) return v;
    const { num, gen } = v;
    return Number.isInteger(num) && Number.isInteger(gen) && num >= 0 && num < MAX_NUM && gen >= 0 && gen <= MAX_GEN ? objects.get(objectKey(num, gen)) : undefined;
  };
  const reader: PageReader<PlainValue, PlainDict> = {
    dict: (v) => {
      const o = resolve(v);
      return o instanceof Map ? o : undefined;
    },
    get: (d, key) => d.get(key),
    array: (v) => {
      const o = resolve(v);
      return Array.isArray(o) ? o : undefined;
    },
    number: (v) => {
      const o = resolve(v);
      return typeof o === 'number' ? o : undefined;
    },
    name: (v) => {
      const o = resolve(v);
      return typeof o === 'string' ? o : undefined;
    },
    keys: (d) => d.keys(),
  };
  const catalog = reader.dict(root);
  // Otherwise pdf-lib goes looking for another catalog.
  if (!(root instanceof PlainRef) || catalog === undefined || reader.name(catalog.get('Type')) !== 'Catalog') return undefined;
  const found = collectPages(reader, catalog);
  const described = describePages(reader, catalog, found, () => false, () => {
    throw new Error('a scanned page has no form: load the document to draw it');
  });
  return described.pages.length === 0 ? undefined : described;
}
