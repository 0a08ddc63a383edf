// PWG raster (image/pwg-raster) and Apple raster (image/urf), as sent by
// driverless clients: each raster page becomes a source page at the size its
// header states (else its extent at its resolution).
import { scale } from './matrix.js';
import type { PDFDocument } from './pdf.js';
import { embedRasterImage } from './raster/embed-raster-image.js';
import { pwgRasterPages } from './raster/pwg-raster.js';
import { rasterPageSizePt } from './raster/raster-to-pdf.js';
import { urfPages } from './raster/urf.js';
import { imageSource } from './load-image.js';
import { RenderError } from './render-error.js';
import type { SourcePage } from './source-page.js';

export async function loadRaster(doc: PDFDocument, bytes: Uint8Array, kind: 'pwg-raster' | 'urf'): Promise<SourcePage[]> {
  const out: SourcePage[] = [];
  // Pages decode one at a time; each is deflated into the document before the next.
  for (const page of kind === 'pwg-raster' ? pwgRasterPages(bytes) : urfPages(bytes)) {
    const [w, h] = rasterPageSizePt(page);
    out.push(imageSource(doc.context, await embedRasterImage(doc, page), w, h, scale(w, h), out.length + 1));
  }
  if (out.length === 0) throw new RenderError('nothingToPrint', 'the raster document has no pages');
  return out;
}
