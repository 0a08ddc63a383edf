// The one door to the PDF library: swapping @cantoo/pdf-lib for pdf-lib 1.17.1
// (or another fork) means changing this file only.
import type { PDFDocument } from '@cantoo/pdf-lib';

export {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFFont,
  PDFHeader,
  PDFHexString,
  PDFImage,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  ParseSpeeds,
  decodePDFRawStream,
} from '@cantoo/pdf-lib';

/** The fontkit shape PDFDocument.registerFontkit accepts. */
export type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
