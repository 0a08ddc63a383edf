// PWG Raster (image/pwg-raster, PWG 5102.4 §4): the sync word "RaS2", then
// per page a 1796-byte big-endian header (§4.3) and the compressed lines
// (decode-raster-lines.ts). Field offsets below are from the start of
// the page header, as in §4.3's table and libcups cups/raster.h.
import { PWG_SYNC } from '../../model/document-formats.js';
import { decodeRasterLines } from './decode-raster-lines.js';
import { RasterError } from './raster-error.js';
import { type RasterLimits, resolveRasterLimits } from './raster-limits.js';
import type { RasterDocument, RasterPage } from './raster-page.js';
import { type SampleModel, samplesToPixels } from './samples-to-pixels.js';

export const PWG_HEADER_BYTES = 1796;

const OFF = {
  MediaType: 128,
  Duplex: 272,
  HWResolution: 276,
  PageSize: 352,
  Tumble: 368,
  Width: 372,
  Height: 376,
  BitsPerColor: 384,
  BitsPerPixel: 388,
  BytesPerLine: 392,
  ColorOrder: 396,
  ColorSpace: 400,
  NumColors: 420,
  PrintQuality: 484,
} as const;

interface ColorSpace {
  /** pwg-raster-document-type-supported prefix (PWG 5102.4 §4.3, ColorSpace). */
  name: string;
  model: SampleModel;
  colors: number;
}

// The §4.3 ColorSpace values printsim decodes; Device1..15 (48..62) and the
// CUPS-only ones are refused.
const COLOR_SPACES: Record<number, ColorSpace> = {
  1: { name: 'rgb', model: 'rgb', colors: 3 },
  3: { name: 'black', model: 'black', colors: 1 },
  6: { name: 'cmyk', model: 'cmyk', colors: 4 },
  18: { name: 'sgray', model: 'gray', colors: 1 },
  19: { name: 'srgb', model: 'rgb', colors: 3 },
  // AdobeRGB samples are drawn as DeviceRGB: the wider gamut is not kept.
  20: { name: 'adobe-rgb', model: 'rgb', colors: 3 },
};

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** A NUL-terminated string field of 64 bytes. */
function cString(b: Uint8Array, at: number): string {
  let end = at;
  while (end < at + 64 && b[end] !== 0) end++;
  return new TextDecoder('latin1').decode(b.subarray(at, end)).trim();
}

function ascii(b: Uint8Array, at: number, len: number): string {
  return Array.from(b.subarray(at, at + len), (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`)).join('');
}

function checkSync(bytes: Uint8Array): void {
  if (bytes.length < 4) throw new RasterError('corruptDocument', `PWG raster: ${bytes.length} bytes, too short for the "RaS2" sync word`);
  const sync = ascii(bytes, 0, 4);
  if (sync === PWG_SYNC) return;
  if (['RaSt', 'RaS3', 'tSaR', '2SaR', '3SaR'].includes(sync)) {
    // Same family, but CUPS raster (application/vnd.cups-raster) or little-endian: PWG raster is always "RaS2", big-endian.
    throw new RasterError('unsupportedFormat', `PWG raster: the stream starts with "${sync}", CUPS raster rather than PWG raster ("RaS2")`);
  }
  throw new RasterError('corruptDocument', `PWG raster: the stream starts with "${sync}", not the "RaS2" sync word`);
}

/** Decodes the page whose header starts at `at`; returns it and where the next page starts. */
function readPage(bytes: Uint8Array, at: number, page: number, limits: Required<RasterLimits>, pixelsSoFar: number): { page: RasterPage; end: number } {
  const where = `PWG raster page ${page}`;
  const corrupt = (message: string): never => {
    throw new RasterError('corruptDocument', `${where}: ${message}`, page);
  };
  const unsupported = (message: string): never => {
    throw new RasterError('unsupportedFormat', `${where}: ${message}`, page);
  };
  const left = bytes.length - at;
  if (left < PWG_HEADER_BYTES) corrupt(`the page header is truncated (${left} of ${PWG_HEADER_BYTES} bytes)`);
  const field = (off: number) => u32(bytes, at + off);

  const csValue = field(OFF.ColorSpace);
  const bitsPerColor = field(OFF.BitsPerColor);
  const cs = COLOR_SPACES[csValue];
  if (!cs) unsupported(`ColorSpace ${csValue} is not supported (printsim takes sgray, srgb, adobe-rgb, rgb, black and cmyk)`);
  const { name, model, colors } = cs!;
  if (bitsPerColor === 16) unsupported(`16-bit samples (${name}_16) are not supported: send ${colors === 1 ? 'sgray_8' : 'srgb_8'}`);
  if (bitsPerColor !== 8 && !(bitsPerColor === 1 && colors === 1)) {
    if ([1, 2, 4].includes(bitsPerColor)) unsupported(`${name}_${bitsPerColor} is not supported`);
    corrupt(`BitsPerColor ${bitsPerColor} is not one PWG raster allows (1, 2, 4, 8, 16)`);
  }
  const order = field(OFF.ColorOrder);
  if (order !== 0) corrupt(`ColorOrder ${order}: PWG raster is always chunky (0)`);
  const numColors = field(OFF.NumColors);
  if (numColors !== colors) corrupt(`NumColors ${numColors} does not match ColorSpace ${name} (${colors})`);
  const bitsPerPixel = field(OFF.BitsPerPixel);
  if (bitsPerPixel !== colors * bitsPerColor) corrupt(`BitsPerPixel ${bitsPerPixel} is not ${colors} × ${bitsPerColor}`);

  const width = field(OFF.Width);
  const height = field(OFF.Height);
  if (width === 0 || height === 0) corrupt(`the page is ${width}×${height} pixels`);
  const xDpi = field(OFF.HWResolution);
  const yDpi = field(OFF.HWResolution + 4);
  if (xDpi === 0 || yDpi === 0) corrupt(`HWResolution ${xDpi}×${yDpi} dpi`);
  const pixels = width * height;
  if (pixels > limits.maxPixels) unsupported(`${width}×${height} is ${pixels} pixels, more than the ${limits.maxPixels} a page may have`);
  if (pixelsSoFar + pixels > limits.maxTotalPixels) unsupported(`the pages so far hold more than the ${limits.maxTotalPixels} pixels a document may have`);
  const bytesPerLine = field(OFF.BytesPerLine);
  const expected = Math.ceil((width * bitsPerPixel) / 8);
  if (bytesPerLine !== expected) corrupt(`BytesPerLine ${bytesPerLine} is not ${expected} (${width} pixels of ${bitsPerPixel} bits)`);

  const white = model === 'black' || model === 'cmyk' ? 0x00 : 0xff;
  const unit = Math.max(1, bitsPerPixel >> 3);
  const { samples, end } = decodeRasterLines(bytes, at + PWG_HEADER_BYTES, { height, bytesPerLine, unit, white }, where, page);

  const result: RasterPage = {
    width,
    height,
    xDpi,
    yDpi,
    ...samplesToPixels(samples, { width, height, bytesPerLine, model, bitsPerColor }),
    duplex: field(OFF.Duplex) !== 0,
    tumble: field(OFF.Tumble) !== 0,
    rasterType: `${name}_${bitsPerColor}`,
  };
  const pw = field(OFF.PageSize);
  const ph = field(OFF.PageSize + 4);
  if (pw > 0 && ph > 0) result.pageSizePt = [pw, ph];
  const mediaType = cString(bytes, at + OFF.MediaType);
  if (mediaType) result.mediaType = mediaType;
  const quality = field(OFF.PrintQuality);
  if (quality === 3 || quality === 4 || quality === 5) result.printQuality = quality;
  return { page: result, end };
}

/**
 * The pages of a PWG raster stream, decoded one at a time as the iterator is
 * advanced, so a caller that consumes each page holds one page in memory.
 * Throws RasterError (at the page concerned) for anything it cannot decode.
 */
export function* pwgRasterPages(bytes: Uint8Array, limits?: RasterLimits): Generator<RasterPage, void, undefined> {
  const lim = resolveRasterLimits(limits, false);
  checkSync(bytes);
  let at = 4;
  let page = 0;
  let pixels = 0;
  // TotalPageCount (§4.3) may be 0 (unknown) and is not checked: pages run to the end of the data.
  while (at < bytes.length) {
    page++;
    if (page > lim.maxPages) throw new RasterError('unsupportedFormat', `PWG raster: more than ${lim.maxPages} pages`, page);
    const read = readPage(bytes, at, page, lim, pixels);
    pixels += read.page.width * read.page.height;
    at = read.end;
    yield read.page;
  }
  if (page === 0) throw new RasterError('nothingToPrint', 'PWG raster: the stream has no pages');
}

/** Decodes every page of a PWG raster stream (PWG 5102.4). Throws RasterError. */
export function decodePwgRaster(bytes: Uint8Array, limits?: RasterLimits): RasterDocument {
  return { pages: [...pwgRasterPages(bytes, { ...limits, maxTotalPixels: resolveRasterLimits(limits, true).maxTotalPixels })] };
}
