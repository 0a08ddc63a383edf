// Test-only writers for PWG raster and Apple raster, written from PWG 5102.4
// §4.3/§4.4 and the layout libcups writes (cups/raster-stream.c,
// cupsRasterWriteHeader and cups_raster_write): the decoders are checked
// against these and these against Ghostscript's output.

export { prng } from '../support/prng.js';

/** Compresses a page's samples as cups_raster_write does: identical lines grouped (≤ 256), runs and literals of ≤ 128 pixels. */
export function packLines(samples: Uint8Array, bytesPerLine: number, unit: number): Uint8Array {
  const out: number[] = [];
  const height = samples.length / bytesPerLine;
  const same = (a: number, b: number) => {
    for (let i = 0; i < unit; i++) if (samples[a + i] !== samples[b + i]) return false;
    return true;
  };
  const sameLine = (a: number, b: number) => {
    for (let i = 0; i < bytesPerLine; i++) if (samples[a * bytesPerLine + i] !== samples[b * bytesPerLine + i]) return false;
    return true;
  };
  for (let y = 0; y < height; ) {
    let repeat = 1;
    while (repeat < 256 && y + repeat < height && sameLine(y, y + repeat)) repeat++;
    out.push(repeat - 1);
    const line = y * bytesPerLine;
    const end = line + bytesPerLine;
    const last = end - unit;
    for (let p = line; p < end; ) {
      const start = p;
      p += unit;
      if (p === end) {
        out.push(0, ...samples.subarray(start, p));
      } else if (same(start, p)) {
        let count = 2;
        while (count < 128 && p < last && same(p, p + unit)) {
          count++;
          p += unit;
        }
        out.push(count - 1, ...samples.subarray(p, p + unit));
        p += unit;
      } else {
        let count = 1;
        while (count < 128 && p < last && !same(p, p + unit)) {
          count++;
          p += unit;
        }
        if (p >= last && count < 128) {
          count++;
          p += unit;
        }
        out.push(257 - count, ...samples.subarray(start, start + count * unit));
      }
    }
    y += repeat;
  }
  return Uint8Array.from(out);
}

export interface PwgHeaderFields {
  width: number;
  height: number;
  xDpi?: number;
  yDpi?: number;
  /** cupsColorSpace: 18 sgray, 19 srgb, 20 adobe-rgb, 1 rgb, 3 black, 6 cmyk. */
  colorSpace?: number;
  bitsPerColor?: number;
  numColors?: number;
  bitsPerPixel?: number;
  bytesPerLine?: number;
  colorOrder?: number;
  pageSize?: [number, number];
  duplex?: boolean;
  tumble?: boolean;
  mediaType?: string;
  printQuality?: number;
  totalPageCount?: number;
}

const COLORS: Record<number, number> = { 1: 3, 3: 1, 6: 4, 18: 1, 19: 3, 20: 3 };

/** A 1796-byte PWG page header (§4.3), big-endian, the unset fields zero. */
export function pwgHeader(f: PwgHeaderFields): Uint8Array {
  const h = new Uint8Array(1796);
  const view = new DataView(h.buffer);
  const put = (at: number, v: number) => view.setUint32(at, v >>> 0);
  const str = (at: number, s: string) => h.set(new TextEncoder().encode(s).subarray(0, 63), at);
  const colorSpace = f.colorSpace ?? 18;
  const bitsPerColor = f.bitsPerColor ?? 8;
  const numColors = f.numColors ?? COLORS[colorSpace] ?? 1;
  const bitsPerPixel = f.bitsPerPixel ?? numColors * bitsPerColor;
  const xDpi = f.xDpi ?? 300;
  const yDpi = f.yDpi ?? xDpi;
  str(0, 'PwgRaster');
  if (f.mediaType) str(128, f.mediaType);
  put(272, f.duplex ? 1 : 0);
  put(276, xDpi);
  put(280, yDpi);
  const [pw, ph] = f.pageSize ?? [Math.round((f.width * 72) / xDpi), Math.round((f.height * 72) / yDpi)];
  put(352, pw);
  put(356, ph);
  put(368, f.tumble ? 1 : 0);
  put(372, f.width);
  put(376, f.height);
  put(384, bitsPerColor);
  put(388, bitsPerPixel);
  put(392, f.bytesPerLine ?? Math.ceil((f.width * bitsPerPixel) / 8));
  put(396, f.colorOrder ?? 0);
  put(400, colorSpace);
  put(420, numColors);
  put(452, f.totalPageCount ?? 0);
  put(484, f.printQuality ?? 0);
  return h;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const PWG_SYNC = new TextEncoder().encode('RaS2');

/** A PWG raster stream of pages given as header fields and raw samples. */
export function pwgStream(...pages: Array<{ header: PwgHeaderFields; samples: Uint8Array }>): Uint8Array {
  return concat(
    PWG_SYNC,
    ...pages.flatMap(({ header, samples }) => {
      const h = pwgHeader(header);
      const bpl = new DataView(h.buffer).getUint32(392);
      const bpp = new DataView(h.buffer).getUint32(388);
      return [h, packLines(samples, bpl, Math.max(1, bpp >> 3))];
    }),
  );
}

export interface UrfHeaderFields {
  width: number;
  height: number;
  dpi?: number;
  bitsPerPixel?: number;
  /** 0 sGray, 1 sRGB, 2 CIELab, 3 AdobeRGB, 4 W, 5 RGB, 6 CMYK. */
  colorSpace?: number;
  /** 1 one-sided, 2 short edge, 3 long edge. */
  duplex?: number;
  quality?: number;
  mediaType?: number;
}

/** A 32-byte URF page header, as libcups cupsRasterWriteHeader writes it. */
export function urfHeader(f: UrfHeaderFields): Uint8Array {
  const h = new Uint8Array(32);
  const view = new DataView(h.buffer);
  h[0] = f.bitsPerPixel ?? 8;
  h[1] = f.colorSpace ?? 0;
  h[2] = f.duplex ?? 1;
  h[3] = f.quality ?? 4;
  h[4] = f.mediaType ?? 0;
  view.setUint32(12, f.width);
  view.setUint32(16, f.height);
  view.setUint32(20, f.dpi ?? 300);
  return h;
}

/** "UNIRAST\0" and the page count (0: unknown, read to the end). */
export function urfFileHeader(pageCount: number): Uint8Array {
  const h = new Uint8Array(12);
  h.set(new TextEncoder().encode('UNIRAST\0'));
  new DataView(h.buffer).setUint32(8, pageCount);
  return h;
}

export function urfStream(pageCount: number, ...pages: Array<{ header: UrfHeaderFields; samples: Uint8Array }>): Uint8Array {
  return concat(
    urfFileHeader(pageCount),
    ...pages.flatMap(({ header, samples }) => {
      const bpp = header.bitsPerPixel ?? 8;
      return [urfHeader(header), packLines(samples, Math.ceil((header.width * bpp) / 8), Math.max(1, bpp >> 3))];
    }),
  );
}

