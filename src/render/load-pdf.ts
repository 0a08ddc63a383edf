// Opens a PDF for imposition: walks the page tree itself (inheriting
// Resources, MediaBox, CropBox and Rotate as ISO 32000-1 §7.7.3.4 says) so a
// page tree without /Type entries still yields its pages.
import { type Matrix, chain, scale, translate, turnWithin } from './matrix.js';
import { type PDFContext, type PDFDict, PDFDocument, type PDFObject, type PDFRef, ParseSpeeds } from './pdf.js';
import { type Box, arrayOf, boxOf, dictOf, nameOf, names, numberOf } from './pdf-objects.js';
import { pageForm } from './page-form.js';
import { RenderError } from './render-error.js';
import type { SourcePage } from './source-page.js';

const LETTER: Box = { x0: 0, y0: 0, x1: 612, y1: 792 };

export interface LoadedPdf {
  doc: PDFDocument;
  pages: SourcePage[];
  warnings: string[];
  /**
   * The file shows its pages as printed: not encrypted, no annotations, and a
   * catalog holding only what the render keeps, so its own bytes can stand in
   * for an output that places every page unchanged.
   */
  plain: boolean;
}

// What rewriteCatalog (render.ts) keeps; anything else could show in a viewer but not on paper.
const PLAIN_CATALOG_KEYS = new Set(['Type', 'Pages', 'OCProperties', 'Lang']);

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocument> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) {
    throw new RenderError('corruptDocument', 'the document is not a PDF: no %PDF- header in its first 1024 bytes');
  }
  let doc: PDFDocument;
  try {
    // An empty password opens files encrypted for "no password to read"
    // (ISO 32000-1 §7.6.3.3), the usual case for owner-restricted PDFs.
    doc = await PDFDocument.load(bytes, { password: '', updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (e) {
    const msg = describeError(e);
    if (/password|encrypt/i.test(msg)) {
      throw new RenderError('encryptedDocument', 'the PDF is encrypted with a user password; only PDFs that open without a password can be printed', { cause: e });
    }
    throw new RenderError('corruptDocument', `the PDF cannot be read (${msg})`, { cause: e });
  }
  return doc;
}

export interface Inherited {
  resources: PDFObject | undefined;
  mediaBox: PDFObject | undefined;
  cropBox: PDFObject | undefined;
  rotate: PDFObject | undefined;
}

/** Page dicts in document order, with their inherited attributes. */
export function collectPages(doc: { context: PDFContext }): Array<{ dict: PDFDict; inherited: Inherited }> {
  const { context } = doc;
  const catalog = dictOf(context, context.trailerInfo.Root);
  const root = catalog?.get(names.Pages);
  if (!catalog || !root) throw new RenderError('corruptDocument', 'the PDF is damaged: it has no document catalog or page tree');
  const out: Array<{ dict: PDFDict; inherited: Inherited }> = [];
  const seen = new Set<PDFDict>();
  const walk = (node: PDFObject | undefined, parent: Inherited, depth: number): void => {
    const dict = dictOf(context, node);
    if (!dict || seen.has(dict) || depth > 64) return;
    seen.add(dict);
    const inherited: Inherited = {
      resources: dict.get(names.Resources) ?? parent.resources,
      mediaBox: dict.get(names.MediaBox) ?? parent.mediaBox,
      cropBox: dict.get(names.CropBox) ?? parent.cropBox,
      rotate: dict.get(names.Rotate) ?? parent.rotate,
    };
    const kids = arrayOf(context, dict.get(names.Kids));
    const type = nameOf(context, dict.get(names.Type));
    if (type === 'Page' || (!kids && type !== 'Pages')) {
      out.push({ dict, inherited });
      return;
    }
    for (const kid of kids?.asArray() ?? []) walk(kid, inherited, depth + 1);
  };
  walk(root, { resources: undefined, mediaBox: undefined, cropBox: undefined, rotate: undefined }, 0);
  return out;
}

function intersect(a: Box, b: Box): Box | undefined {
  const box = { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
  return box.x1 - box.x0 >= 1 && box.y1 - box.y0 >= 1 ? box : undefined;
}

/** Loads a PDF and describes each page as displayed (after /Rotate and CropBox). */
export async function loadPdf(bytes: Uint8Array): Promise<LoadedPdf> {
  const doc = await openPdf(bytes);
  const found = collectPages(doc);
  return { doc, ...describePages(bytes, doc.context, found, (dict, box, resources, number) => pageForm(doc.context, dict, box, resources, number)) };
}

/** The pages as displayed, their warnings and whether the file is plain (see LoadedPdf). */
export function describePages(
  bytes: Uint8Array,
  context: PDFContext,
  found: Array<{ dict: PDFDict; inherited: Inherited }>,
  makeForm: (dict: PDFDict, box: Box, resources: PDFObject | undefined, number: number) => PDFRef,
): Omit<LoadedPdf, 'doc'> {
  const warnings: string[] = [];
  let badBoxes = 0;
  const pages = found.map(({ dict, inherited }, i): SourcePage => {
    const number = i + 1;
    let media = boxOf(context, inherited.mediaBox);
    if (!media || media.x1 - media.x0 < 1 || media.y1 - media.y0 < 1) {
      badBoxes++;
      media = LETTER;
    }
    // CropBox defaults to MediaBox and is clipped to it (ISO 32000-1 §14.11.2).
    const crop = boxOf(context, inherited.cropBox);
    const box = (crop && intersect(crop, media)) ?? media;
    // /Rotate must be a multiple of 90 (§7.7.3.3); others are taken to the one below.
    const rotate = (((Math.floor((numberOf(context, inherited.rotate) ?? 0) / 90) % 4) + 4) % 4) * 90;
    const unit = numberOf(context, dict.get(names.UserUnit)) ?? 1;
    const bw = box.x1 - box.x0;
    const bh = box.y1 - box.y0;
    // /Rotate turns the page clockwise for display (§7.7.3.3).
    const cwTurns = rotate / 90;
    const odd = cwTurns % 2 === 1;
    const toDisplayed: Matrix = chain(translate(-box.x0, -box.y0), turnWithin(4 - cwTurns, bw, bh), scale(unit > 0 ? unit : 1));
    const size = odd ? { width: bh * unit, height: bw * unit } : { width: bw * unit, height: bh * unit };
    let ref: PDFRef | undefined;
    return {
      number,
      size,
      bbox: { x: box.x0, y: box.y0, width: bw, height: bh },
      toDisplayed,
      form: () => (ref ??= makeForm(dict, box, inherited.resources, number)),
    };
  });
  if (badBoxes > 0) warnings.push(`${badBoxes} page(s) have no usable MediaBox; printed as North America Letter`);
  const catalog = dictOf(context, context.trailerInfo.Root);
  const plain =
    badBoxes === 0 &&
    // pdf-lib drops /Encrypt from the trailer once it decrypts, so look at the file itself.
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('/Encrypt') < 0 &&
    catalog !== undefined &&
    catalog.keys().every((k) => PLAIN_CATALOG_KEYS.has(k.decodeText())) &&
    // pdf-lib writes an empty /Annots on every page; page-form draws no annotation from a non-array either.
    found.every(({ dict }) => (arrayOf(context, dict.get(names.Annots))?.size() ?? 0) === 0);
  return { pages, warnings, plain };
}
