// Turns a loaded page into a Form XObject in the same document, without
// decoding its content when it is one stream (the hot path: the encoded bytes
// are shared, not copied). Printable annotation appearances are drawn on top,
// as a printer flattens them (ISO 32000-1 §12.5.5, §12.5.3 Print flag).
import { type Matrix, type Rect, applyToRect, chain, matrixOperands, scale, translate } from './matrix.js';
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFObject,
  decodePDFRawStream,
} from './pdf.js';
import { type Box, arrayOf, boxOf, dictOf, nameOf, names, numberOf, resolve } from './pdf-objects.js';
import { RenderError } from './render-error.js';

const PRINT_FLAG = 4;
const HIDDEN_FLAG = 2;

function boxArray(box: Box): number[] {
  return [box.x0, box.y0, box.x1, box.y1];
}

function formDict(context: PDFContext, box: Box, resources: PDFObject | undefined): PDFDict {
  return context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: boxArray(box),
    Resources: resources ?? context.obj({}),
  });
}

function decoded(stream: PDFStream, pageNumber: number): Uint8Array {
  if (stream instanceof PDFRawStream) {
    try {
      return decodePDFRawStream(stream).decode();
    } catch (cause) {
      throw new RenderError('corruptDocument', `page ${pageNumber}: a content stream cannot be decoded (${(cause as Error).message})`, { cause });
    }
  }
  return stream.getContents();
}

/** The page's content as one Form XObject (no annotations). */
function contentForm(context: PDFContext, page: PDFDict, box: Box, resources: PDFObject | undefined, pageNumber: number): PDFRef {
  const dict = formDict(context, box, resources);
  const group = page.get(names.Group);
  if (group) dict.set(names.Group, group);
  let contents = resolve(context, page.get(names.Contents));
  // A one-stream array (what pdf-lib and many writers produce) is the stream
  // itself: sharing its encoded bytes avoids an inflate and a deflate per page.
  if (contents instanceof PDFArray && contents.size() === 1) contents = resolve(context, contents.get(0));
  if (contents instanceof PDFStream) {
    for (const key of [names.Filter, names.DecodeParms]) {
      const v = contents.dict.get(key);
      if (v) dict.set(key, v);
    }
    return context.register(PDFRawStream.of(dict, contents.getContents()));
  }
  const parts: Uint8Array[] = [];
  if (contents instanceof PDFArray) {
    for (const item of contents.asArray()) {
      const s = resolve(context, item);
      if (s instanceof PDFStream) parts.push(decoded(s, pageNumber));
    }
  }
  // Content streams split anywhere between tokens, so join with whitespace.
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    joined[at + p.length] = 0x0a;
    at += p.length + 1;
  }
  return context.register(context.flateStream(joined, dictLiteral(dict)));
}

function dictLiteral(dict: PDFDict): Record<string, PDFObject> {
  const out: Record<string, PDFObject> = {};
  for (const [k, v] of dict.entries()) out[k.decodeText()] = v;
  return out;
}

interface Appearance {
  ref: PDFRef;
  /** Maps the appearance's form space onto the annotation rectangle. */
  matrix: Matrix;
}

function printableAppearances(context: PDFContext, page: PDFDict): Appearance[] {
  const annots = arrayOf(context, page.get(names.Annots));
  if (!annots) return [];
  const out: Appearance[] = [];
  for (const item of annots.asArray()) {
    const annot = dictOf(context, item);
    if (!annot) continue;
    const flags = numberOf(context, annot.get(names.F)) ?? 0;
    if (!(flags & PRINT_FLAG) || flags & HIDDEN_FLAG) continue;
    if (nameOf(context, annot.get(names.Subtype)) === 'Popup') continue;
    const ap = dictOf(context, annot.get(names.AP));
    if (!ap) continue;
    let normal = ap.get(names.N);
    const states = resolve(context, normal);
    if (states instanceof PDFDict && !(states instanceof PDFStream)) {
      const state = nameOf(context, annot.get(names.AS));
      normal = state === undefined ? undefined : states.get(PDFName.of(state));
    }
    if (!(normal instanceof PDFRef)) continue;
    const stream = resolve(context, normal);
    const rect = boxOf(context, annot.get(names.Rect));
    if (!(stream instanceof PDFStream) || !rect) continue;
    const bbox = boxOf(context, stream.dict.get(names.BBox));
    if (!bbox) continue;
    const m = arrayOf(context, stream.dict.get(names.Matrix))?.asArray().map((o) => numberOf(context, o) ?? 0);
    const formMatrix = (m && m.length === 6 ? m : [1, 0, 0, 1, 0, 0]) as unknown as Matrix;
    const shown: Rect = applyToRect(formMatrix, { x: bbox.x0, y: bbox.y0, width: bbox.x1 - bbox.x0, height: bbox.y1 - bbox.y0 });
    if (shown.width <= 0 || shown.height <= 0) continue;
    // §12.5.5 step 3: A maps the transformed box onto Rect; Do applies the
    // form's own Matrix first.
    const a = chain(translate(-shown.x, -shown.y), scale((rect.x1 - rect.x0) / shown.width, (rect.y1 - rect.y0) / shown.height), translate(rect.x0, rect.y0));
    out.push({ ref: normal, matrix: a });
  }
  return out;
}

/** An empty Form XObject: the place of a page that cannot be read. */
export function blankForm(context: PDFContext, box: Box): PDFRef {
  return context.register(context.stream('', dictLiteral(formDict(context, box, undefined))));
}

/** Builds the Form XObject that draws `page` (content, then printable annotations). */
export function pageForm(context: PDFContext, page: PDFDict, box: Box, resources: PDFObject | undefined, pageNumber: number): PDFRef {
  const content = contentForm(context, page, box, resources, pageNumber);
  const appearances = printableAppearances(context, page);
  if (appearances.length === 0) return content;
  const xobjects: Record<string, PDFRef> = { Pg: content };
  let ops = 'q /Pg Do Q\n';
  appearances.forEach((a, i) => {
    xobjects[`An${i}`] = a.ref;
    ops += `q ${matrixOperands(a.matrix)} cm /An${i} Do Q\n`;
  });
  const dict = formDict(context, box, context.obj({ XObject: context.obj(xobjects) }));
  return context.register(context.flateStream(new TextEncoder().encode(ops), dictLiteral(dict)));
}
