// Apple raster (image/urf), which Apple never published; the layout here is
// the one libcups reads and writes (cups/raster-stream.c, the
// CUPS_RASTER_SYNCapple paths of _cupsRasterNew, cupsRasterReadHeader and
// cupsRasterWriteHeader) and cups-filters' urftopdf (filter/urftopdf.cpp).
// File header, 12 bytes: "UNIRAST\0", then the page count (big-endian u32;
// 0 when the writer did not know it, as Ghostscript's urf device writes).
// Each page: a 32-byte header, then lines compressed as in PWG raster
// (decode-raster-lines.ts).
import { decodeRasterLines } from './decode-raster-lines.js';
import { RasterError } from './raster-error.js';
import { type RasterLimits, resolveRasterLimits } from './raster-limits.js';
import type { RasterDocument, RasterPage } from './raster-page.js';
import { type SampleModel, samplesToPixels } from './samples-to-pixels.js';

export const URF_MAGIC = 'UNIRAST\0';
export const URF_FILE_HEADER_BYTES = 12;
export const URF_PAGE_HEADER_BYTES = 32;

// Page header byte offsets (libcups cupsRasterReadHeader, Apple branch).
const BITS_PER_PIXEL = 0;
const COLOR_SPACE = 1;
const DUPLEX = 2;
const QUALITY = 3;
const MEDIA_TYPE = 4;
const WIDTH = 12;
const HEIGHT = 16;
const RESOLUTION = 20;

interface UrfColorSpace {
  /** URF-supported keyword prefix (W8, SRGB24, ...). */
  keyword: string;
  model: SampleModel;
  colors: number;
}

// Colour space byte → libcups's rawcspace table: 0 sGray, 1 sRGB, 2 CIELab,
// 3 AdobeRGB, 4 W (device gray), 5 device RGB, 6 CMYK. CIELab is refused.
const COLOR_SPACES: Record<number, UrfColorSpace> = {
  0: { keyword: 'W', model: 'gray', colors: 1 },
  1: { keyword: 'SRGB', model: 'rgb', colors: 3 },
  3: { keyword: 'ADOBERGB', model: 'rgb', colors: 3 },
  4: { keyword: 'DEVW', model: 'gray', colors: 1 },
  5: { keyword: 'DEVRGB', model: 'rgb', colors: 3 },
  6: { keyword: 'DEVCMYK', model: 'cmyk', colors: 4 },
};

// Media type byte → IPP media-type keyword (libcups apple_media_types; 0 "auto" is left out).
const MEDIA_TYPES = [
  'auto',
  'stationery',
  'transparency',
  'envelope',
  'cardstock',
  'labels',
  'stationery-letterhead',
  'disc',
  'photographic-matte',
  'photographic-satin',
  'photographic-semi-gloss',
  'photographic-glossy',
  'photographic-high-gloss',
  'other',
];

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function readPage(bytes: Uint8Array, at: number, page: number, limits: Required<RasterLimits>, pixelsSoFar: number): { page: RasterPage; end: number } {
  const where = `URF page ${page}`;
  const corrupt = (message: string): never => {
    throw new RasterError('corruptDocument', `${where}: ${message}`, page);
  };
  const unsupported = (message: string): never => {
    throw new RasterError('unsupportedFormat', `${where}: ${message}`, page);
  };
  const left = bytes.length - at;
  if (left < URF_PAGE_HEADER_BYTES) corrupt(`the page header is truncated (${left} of ${URF_PAGE_HEADER_BYTES} bytes)`);

  const bitsPerPixel = bytes[at + BITS_PER_PIXEL];
  const csValue = bytes[at + COLOR_SPACE];
  const cs = COLOR_SPACES[csValue];
  if (!cs) unsupported(`colour space ${csValue}${csValue === 2 ? ' (CIELab)' : ''} is not supported (printsim takes sGray, sRGB, AdobeRGB, device gray, RGB and CMYK)`);
  const { keyword, model, colors } = cs!;
  if (bitsPerPixel === colors * 16) unsupported(`16-bit samples (${keyword}${bitsPerPixel}) are not supported: send W8 or SRGB24`);
  // 1-bit is no AirPrint type; Ghostscript's urf device writes it by default, but
  // with black (1 = ink) samples labelled sGray, so its meaning is ambiguous.
  if (bitsPerPixel === 1) unsupported(`1-bit samples (${keyword}1) are not supported: send W8 or SRGB24`);
  if (bitsPerPixel !== colors * 8) corrupt(`${bitsPerPixel} bits per pixel does not fit colour space ${keyword} (${colors} colours)`);
  const bitsPerColor = 8;

  const width = u32(bytes, at + WIDTH);
  const height = u32(bytes, at + HEIGHT);
  if (width === 0 || height === 0) corrupt(`the page is ${width}×${height} pixels`);
  const dpi = u32(bytes, at + RESOLUTION);
  if (dpi === 0) corrupt('the resolution is 0 dpi');
  const pixels = width * height;
  if (pixels > limits.maxPixels) unsupported(`${width}×${height} is ${pixels} pixels, more than the ${limits.maxPixels} a page may have`);
  if (pixelsSoFar + pixels > limits.maxTotalPixels) unsupported(`the pages so far hold more than the ${limits.maxTotalPixels} pixels a document may have`);
  const unit = bitsPerPixel >> 3;
  const bytesPerLine = width * unit;

  const white = model === 'cmyk' ? 0x00 : 0xff;
  const { samples, end } = decodeRasterLines(bytes, at + URF_PAGE_HEADER_BYTES, { height, bytesPerLine, unit, white }, where, page);

  // Duplex byte as libcups reads it: 0-1 one-sided, 2 short edge (tumble), 3 and above long edge.
  const duplexByte = bytes[at + DUPLEX];
  const result: RasterPage = {
    width,
    height,
    xDpi: dpi,
    yDpi: dpi,
    ...samplesToPixels(samples, { width, height, bytesPerLine, model, bitsPerColor }),
    duplex: duplexByte >= 2,
    tumble: duplexByte === 2,
    rasterType: `${keyword}${bitsPerPixel}`,
  };
  const media = bytes[at + MEDIA_TYPE];
  if (media > 0) result.mediaType = MEDIA_TYPES[media] ?? 'other';
  const quality = bytes[at + QUALITY];
  if (quality === 3 || quality === 4 || quality === 5) result.printQuality = quality;
  return { page: result, end };
}

/**
 * The pages of an Apple raster stream, decoded one at a time as the iterator
 * is advanced. Throws RasterError (at the page concerned) for anything it
 * cannot decode.
 */
export function* urfPages(bytes: Uint8Array, limits?: RasterLimits): Generator<RasterPage, void, undefined> {
  const lim = resolveRasterLimits(limits, false);
  if (bytes.length < URF_FILE_HEADER_BYTES) throw new RasterError('corruptDocument', `URF: ${bytes.length} bytes, too short for the 12-byte file header`);
  for (let i = 0; i < URF_MAGIC.length; i++) {
    if (bytes[i] !== URF_MAGIC.charCodeAt(i)) throw new RasterError('corruptDocument', 'URF: the stream does not start with "UNIRAST\\0"');
  }
  const count = u32(bytes, 8);
  if (count > lim.maxPages) throw new RasterError('unsupportedFormat', `URF: the header announces ${count} pages, more than ${lim.maxPages}`);
  let at = URF_FILE_HEADER_BYTES;
  let page = 0;
  let pixels = 0;
  while (count === 0 ? at < bytes.length : page < count) {
    page++;
    if (page > lim.maxPages) throw new RasterError('unsupportedFormat', `URF: more than ${lim.maxPages} pages`, page);
    const read = readPage(bytes, at, page, lim, pixels);
    pixels += read.page.width * read.page.height;
    at = read.end;
    yield read.page;
  }
  if (page === 0) throw new RasterError('nothingToPrint', 'URF: the stream has no pages');
  if (at < bytes.length) throw new RasterError('corruptDocument', `URF: ${bytes.length - at} bytes follow the last of the ${count} pages the header announces`);
}

/** Decodes every page of an Apple raster stream. Throws RasterError. */
export function decodeUrf(bytes: Uint8Array, limits?: RasterLimits): RasterDocument {
  return { pages: [...urfPages(bytes, { ...limits, maxTotalPixels: resolveRasterLimits(limits, true).maxTotalPixels })] };
}
