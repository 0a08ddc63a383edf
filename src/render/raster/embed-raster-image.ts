// A decoded raster page as a lossless PDF image XObject (ISO 32000-1 §8.9.5):
// the samples deflated as they are, /FlateDecode, 8 bits, DeviceGray or
// DeviceRGB. Cheaper than building a PNG for embedPng, which pdf-lib would
// decode and re-deflate.
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import type { PDFDocument, PDFRef } from '../pdf.js';
import type { RasterPage } from './raster-page.js';

const deflateAsync = promisify(deflate);

/**
 * zlib level: raster pages are mostly long runs, which level 1 already packs
 * well; higher levels cost several times the CPU for a few percent. Fixed, so
 * the same page always gives the same bytes.
 */
const DEFLATE_LEVEL = 1;

/** Registers the page's pixels as an image XObject in `doc`. Deflates on the libuv pool, off the event loop. */
export async function embedRasterImage(doc: PDFDocument, page: RasterPage): Promise<PDFRef> {
  const data = await deflateAsync(page.pixels, { level: DEFLATE_LEVEL });
  const { context } = doc;
  const stream = context.stream(data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: page.width,
    Height: page.height,
    ColorSpace: page.colorSpace === 'gray' ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  });
  return context.register(stream);
}
