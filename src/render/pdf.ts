// The one door to the PDF library: swapping @cantoo/pdf-lib for pdf-lib 1.17.1
// (or another fork) means changing this file only.
import { type PDFDocument, PDFName } from '@cantoo/pdf-lib';

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
  PDFObjectParser,
  PDFObjectStreamParser,
  PDFXRefStreamParser,
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
  decodePDFRawStream,
  defaultDocumentSnapshot,
} from '@cantoo/pdf-lib';

/** The fontkit shape PDFDocument.registerFontkit accepts. */
export type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

// PDFName builds its encoded form one character at a time, leaving a rope of
// one V8 string per character: a parsed page with 30 unique font names holds
// about 9 KB of them, 40 MB over 5,000 pages. Searching a string flattens it
// in place, so the rope dies young; names stay interned and equal.
// (The result is kept so an optimising compiler cannot drop the search.)
const internName = PDFName.of;
let _flattened = 0;
PDFName.of = (name: string): PDFName => {
  const instance = internName(name);
  _flattened ^= instance.asString().indexOf('#');
  return instance;
};
