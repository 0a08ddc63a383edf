// Opens a PDF for imposition: the whole document through pdf-lib, its pages
// found by the walk in page-tree.ts.
import { type PDFContext, type PDFDict, PDFDocument, PDFInvalidObject, type PDFObject, PDFRef, ParseSpeeds } from './pdf.js';
import { arrayOf, dictOf, nameOf, names, numberOf } from './pdf-objects.js';
import { prepareFormAppearances } from './form-fields.js';
import { blankForm, pageForm } from './page-form.js';
import { type DescribedPages, type FoundPage, type PageReader, collectPages as walkPages, describePages } from './page-tree.js';
import { collectMessages, messagesWarning } from './library-messages.js';
import { RenderError } from './render-error.js';

export interface LoadedPdf extends DescribedPages {
  doc: PDFDocument;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return (await openPdfWithWarnings(bytes)).doc;
}

/** The document, and pdf-lib's own messages about it as warnings (never on the console). */
export async function openPdfWithWarnings(bytes: Uint8Array): Promise<{ doc: PDFDocument; warnings: string[] }> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) {
    throw new RenderError('corruptDocument', 'the document is not a PDF: no %PDF- header in its first 1024 bytes');
  }
  let doc: PDFDocument;
  let warnings: string[];
  try {
    // An empty password opens files encrypted for "no password to read"
    // (ISO 32000-1 §7.6.3.3), the usual case for owner-restricted PDFs.
    const { result, messages } = await collectMessages(() =>
      PDFDocument.load(bytes, { password: '', updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }),
    );
    doc = result;
    warnings = messagesWarning(messages);
  } catch (e) {
    const msg = describeError(e);
    if (/password|encrypt/i.test(msg)) {
      throw new RenderError('encryptedDocument', 'the PDF is encrypted with a user password; only PDFs that open without a password can be printed', { cause: e });
    }
    throw new RenderError('corruptDocument', `the PDF cannot be read (${msg})`, { cause: e });
  }
  return { doc, warnings };
}

/** The page walk's reads over pdf-lib objects. */
function readerFor(context: PDFContext): PageReader<PDFObject, PDFDict> {
  return {
    dict: (v) => dictOf(context, v),
    get: (d, key) => d.get(names[key]),
    array: (v) => arrayOf(context, v)?.asArray(),
    number: (v) => numberOf(context, v),
    name: (v) => nameOf(context, v),
    keys: (d) => d.keys().map((k) => k.decodeText()),
    // pdf-lib keeps an object it could not parse as PDFInvalidObject.
    damaged: (v) => v instanceof PDFRef && context.lookup(v) instanceof PDFInvalidObject,
  };
}

/** Page dicts in document order, with their inherited attributes. */
export function collectPages(doc: { context: PDFContext }): Array<FoundPage<PDFObject, PDFDict>> {
  const { context } = doc;
  return walkPages(readerFor(context), dictOf(context, context.trailerInfo.Root));
}

/** Loads a PDF and describes each page as displayed (after /Rotate and CropBox). */
export async function loadPdf(bytes: Uint8Array): Promise<LoadedPdf> {
  const { doc, warnings } = await openPdfWithWarnings(bytes);
  const { context } = doc;
  const reader = readerFor(context);
  const catalog = dictOf(context, context.trailerInfo.Root);
  const found = walkPages(reader, catalog);
  // After the walk, which refuses a file without a catalog.
  const forms = await collectMessages(async () => prepareFormAppearances(doc));
  warnings.push(...forms.result, ...messagesWarning(forms.messages));
  // pdf-lib drops /Encrypt from the trailer once it decrypts, so look at the file itself (only if it matters).
  const encrypted = (): boolean => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('/Encrypt') >= 0;
  const described = describePages(reader, catalog, found, encrypted, (dict, box, resources, number) =>
    dict === undefined ? blankForm(context, box) : pageForm(context, dict, box, resources, number),
  );
  return { doc, ...described, warnings: [...described.warnings, ...warnings] };
}
