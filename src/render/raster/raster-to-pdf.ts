// Decoded raster pages → a PDF with one page per raster page, each the
// raster image filling the page. What the renderer reads for image/pwg-raster
// and image/urf documents.
import { PDFDocument, PDFName } from '../pdf.js';
import { embedRasterImage } from './embed-raster-image.js';
import { RasterError } from './raster-error.js';
import type { RasterPage } from './raster-page.js';

const IMAGE = PDFName.of('Im0');

/** Fixed document dates, so the same raster always gives the same PDF bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** Numbers in content streams: at most 4 decimals, no exponent. */
function num(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

/**
 * The page size in points: the header's PageSize when it states one (the
 * sheet the sender chose, PWG 5102.4 §4.3), else the raster's extent at its
 * resolution.
 */
export function rasterPageSizePt(page: RasterPage): [number, number] {
  return page.pageSizePt ?? [(page.width * 72) / page.xDpi, (page.height * 72) / page.yDpi];
}

/**
 * One PDF page per raster page, the image embedded losslessly. Accepts a
 * lazy iterable (pwgRasterPages, urfPages) so only one decoded page need be
 * held at a time.
 */
export async function rasterPagesToPdf(doc: { pages: Iterable<RasterPage> }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const { context } = pdf;
  let count = 0;
  for (const raster of doc.pages) {
    count++;
    const [w, h] = rasterPageSizePt(raster);
    const image = await embedRasterImage(pdf, raster);
    const page = pdf.addPage([w, h]);
    // A fixed name: pdf-lib's generated keys would tie the bytes to its key sequence.
    page.node.setXObject(IMAGE, image);
    const ops = `q ${num(w)} 0 0 ${num(h)} 0 0 cm ${IMAGE.asString()} Do Q`;
    page.node.set(PDFName.of('Contents'), context.register(context.stream(ops)));
  }
  if (count === 0) throw new RasterError('nothingToPrint', 'the raster document has no pages');
  return pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
