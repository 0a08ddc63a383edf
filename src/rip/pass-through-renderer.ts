import { PDFDocument } from '@cantoo/pdf-lib';
import { DocumentError, type Renderer } from '../model/ports.js';

/**
 * Counts the PDF's pages and returns the document itself as the output.
 * Used when an emulator is created with `renderer: 'pass-through'`.
 */
export const passThroughRenderer: Renderer = async ({ bytes, contentType, configuration }) => {
  if (contentType !== 'application/pdf' && contentType !== 'application/octet-stream') {
    throw new DocumentError('unsupportedFormat', `the pass-through renderer prints only application/pdf, not ${contentType}`);
  }
  let pages: number;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: true });
    pages = doc.getPageCount();
  } catch (e) {
    throw new DocumentError('corruptDocument', `the document is not a readable PDF (${(e as Error).message})`);
  }
  if (pages === 0) throw new DocumentError('nothingToPrint', 'the PDF has no pages');
  return {
    pdf: bytes,
    manifest: { sheets: [], totals: { sheets: pages * configuration.copies, impressions: pages * configuration.copies }, warnings: [] },
    warnings: [],
    impressions: pages * configuration.copies,
  };
};
