// PWG raster and Apple raster decoders, the PDF they become, and content
// sniffing. Vectors in test/fixtures/raster/ were made by Ghostscript
// (make-vectors.sh there); each decoded page must equal Ghostscript's own
// PGM/PPM rendering of the same PostScript, and re-encoding it with the test
// encoder (which follows libcups's writer) must give Ghostscript's bytes back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFDict } from '../../src/render/pdf.js';
import { sniffContentType } from '../../src/model/document-formats.js';
import { decodePwgRaster, pwgRasterPages } from '../../src/render/raster/pwg-raster.js';
import { RasterError } from '../../src/render/raster/raster-error.js';
import type { RasterPage } from '../../src/render/raster/raster-page.js';
import { rasterPagesToPdf } from '../../src/render/raster/raster-to-pdf.js';
import { decodeUrf, urfPages } from '../../src/render/raster/urf.js';
import { RenderError } from '../../src/render/render-error.js';
import { missingTools } from '../support/tools.js';
import { concat, packLines, prng, pwgHeader, pwgStream, urfFileHeader, urfHeader, urfStream } from './raster-encoder.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/raster');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A binary PGM (P5) or PPM (P6). */
function parsePnm(b: Buffer): { channels: number; width: number; height: number; data: Uint8Array } {
  const m = /^P([56])\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+255\s/.exec(b.toString('latin1'));
  if (!m) throw new Error('not a binary PNM');
  return { channels: m[1] === '5' ? 1 : 3, width: Number(m[2]), height: Number(m[3]), data: new Uint8Array(b.subarray(m[0].length)) };
}

/** A gzipped PGM or PPM, as make-vectors.sh has Ghostscript write them. */
const pnm = (name: string) => parsePnm(gunzipSync(readFileSync(join(FIXTURES, name))));

function pixel(p: RasterPage, x: number, y: number): number[] {
  const c = p.colorSpace === 'gray' ? 1 : 3;
  return Array.from(p.pixels.subarray((y * p.width + x) * c, (y * p.width + x + 1) * c));
}

/** The thrown error, asserting it is a RasterError. */
function rasterError(f: () => unknown): RasterError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RasterError);
    return e as RasterError;
  }
  throw new Error('expected a RasterError, nothing was thrown');
}

const gray = (w: number, h: number, f: (x: number, y: number) => number) => Uint8Array.from({ length: w * h }, (_, i) => f(i % w, Math.floor(i / w)));
const rgb = (w: number, h: number, f: (x: number, y: number) => [number, number, number]) => {
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out.set(f(x, y), (y * w + x) * 3);
  return out;
};

describe('PWG raster: Ghostscript vectors', () => {
  it('decodes sgray_8, two pages, exactly as Ghostscript renders them', () => {
    const doc = decodePwgRaster(fixture('sgray_8-100dpi-2pages.pwg'));
    expect(doc.pages).toHaveLength(2);
    const [p1, p2] = doc.pages;
    expect(p1).toMatchObject({ width: 100, height: 100, xDpi: 100, yDpi: 100, colorSpace: 'gray', rasterType: 'sgray_8', pageSizePt: [72, 72], duplex: false });
    expect(p1.pixels).toEqual(pnm('gray-100dpi-p1.pgm.gz').data);
    expect(p2.pixels).toEqual(pnm('gray-100dpi-p2.pgm.gz').data);
    // Quadrants of gray.ps: black, 50 %, 75 %, white; rows top first.
    expect([pixel(p1, 25, 25), pixel(p1, 75, 25), pixel(p1, 25, 75), pixel(p1, 75, 75)]).toEqual([[0], [127], [191], [255]]);
    expect([pixel(p2, 50, 49), pixel(p2, 50, 50)]).toEqual([[255], [0]]);
  });

  it('decodes srgb_8 exactly as Ghostscript renders it', () => {
    const [p] = decodePwgRaster(fixture('srgb_8-100dpi.pwg')).pages;
    expect(p).toMatchObject({ width: 100, height: 100, colorSpace: 'rgb', rasterType: 'srgb_8' });
    expect(p.pixels).toEqual(pnm('color-100dpi.ppm.gz').data);
    expect([pixel(p, 25, 25), pixel(p, 75, 25), pixel(p, 25, 75), pixel(p, 75, 75)]).toEqual([
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [255, 255, 255],
    ]);
  });

  it('keeps different horizontal and vertical resolutions', () => {
    const [p] = decodePwgRaster(fixture('srgb_8-150x75dpi.pwg')).pages;
    expect(p).toMatchObject({ width: 150, height: 75, xDpi: 150, yDpi: 75, pageSizePt: [72, 72] });
    expect(p.pixels).toEqual(pnm('color-150x75dpi.ppm.gz').data);
  });

  it('reads Duplex and Tumble at 300 dpi', () => {
    const [p] = decodePwgRaster(fixture('srgb_8-300dpi-duplex-tumble.pwg')).pages;
    expect(p).toMatchObject({ width: 300, height: 300, xDpi: 300, duplex: true, tumble: true });
    expect([pixel(p, 75, 75), pixel(p, 225, 225)]).toEqual([
      [255, 0, 0],
      [255, 255, 255],
    ]);
  });

  it('expands black_1 (1 = ink) to 8-bit gray', () => {
    const [p] = decodePwgRaster(fixture('black_1-72dpi.pwg')).pages;
    expect(p).toMatchObject({ width: 72, height: 72, colorSpace: 'gray', rasterType: 'black_1' });
    expect(p.pixels).toEqual(pnm('bw-72dpi.pgm.gz').data);
  });

  it('converts cmyk_8 to RGB and takes adobe-rgb_8 as RGB', () => {
    const [c] = decodePwgRaster(fixture('cmyk_8-72dpi.pwg')).pages;
    expect(c).toMatchObject({ colorSpace: 'rgb', rasterType: 'cmyk_8' });
    expect(pixel(c, 18, 18)).toEqual([255, 0, 0]);
    expect(pixel(c, 54, 54)).toEqual([255, 255, 255]);
    const [a] = decodePwgRaster(fixture('adobe-rgb_8-72dpi.pwg')).pages;
    expect(a).toMatchObject({ colorSpace: 'rgb', rasterType: 'adobe-rgb_8' });
    expect(pixel(a, 54, 18)).toEqual([0, 255, 0]);
  });

  it('refuses 16-bit (sgray_16) as unsupported', () => {
    const e = rasterError(() => decodePwgRaster(fixture('sgray_16-72dpi.pwg')));
    expect(e.code).toBe('unsupportedFormat');
    expect(e.page).toBe(1);
    expect(e.message).toMatch(/page 1: 16-bit samples \(sgray_16\) are not supported/);
  });

  it('test encoder reproduces Ghostscript (libcups) compression byte for byte', () => {
    for (const name of ['sgray_8-100dpi-2pages.pwg', 'srgb_8-100dpi.pwg', 'srgb_8-150x75dpi.pwg', 'srgb_8-300dpi-duplex-tumble.pwg']) {
      const bytes = fixture(name);
      const pages = decodePwgRaster(bytes).pages;
      // Walk the stream: header, then exactly the packed lines of the decoded samples.
      let at = 4;
      for (const p of pages) {
        const unit = p.colorSpace === 'gray' ? 1 : 3;
        const packed = packLines(p.pixels, p.width * unit, unit);
        at += 1796;
        expect(bytes.subarray(at, at + packed.length), name).toEqual(packed);
        at += packed.length;
      }
      expect(at).toBe(bytes.length);
    }
  });
});

describe('URF: Ghostscript vectors', () => {
  it('decodes W8, two pages (page count 0: read to the end)', () => {
    const bytes = fixture('W8-100dpi-2pages.urf');
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(8)).toBe(0);
    const doc = decodeUrf(bytes);
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]).toMatchObject({ width: 100, height: 100, xDpi: 100, yDpi: 100, colorSpace: 'gray', rasterType: 'W8', duplex: false });
    expect(doc.pages[0].pageSizePt).toBeUndefined();
    expect(doc.pages[0].pixels).toEqual(pnm('gray-100dpi-p1.pgm.gz').data);
    expect(doc.pages[1].pixels).toEqual(pnm('gray-100dpi-p2.pgm.gz').data);
  });

  it('decodes SRGB24 exactly as Ghostscript renders it', () => {
    const [p] = decodeUrf(fixture('SRGB24-100dpi.urf')).pages;
    expect(p).toMatchObject({ width: 100, height: 100, colorSpace: 'rgb', rasterType: 'SRGB24' });
    expect(p.pixels).toEqual(pnm('color-100dpi.ppm.gz').data);
  });

  it('refuses 1-bit URF (not an AirPrint type; Ghostscript labels black samples sGray)', () => {
    const e = rasterError(() => decodeUrf(fixture('W1-72dpi.urf')));
    expect(e.code).toBe('unsupportedFormat');
    expect(e.message).toMatch(/URF page 1: 1-bit/);
  });

  it('test encoder reproduces Ghostscript (libcups) URF compression byte for byte', () => {
    for (const name of ['W8-100dpi-2pages.urf', 'SRGB24-100dpi.urf']) {
      const bytes = fixture(name);
      let at = 12;
      for (const p of decodeUrf(bytes).pages) {
        const unit = p.colorSpace === 'gray' ? 1 : 3;
        expect(bytes.subarray(at, at + 32)).toEqual(urfHeader({ width: p.width, height: p.height, dpi: p.xDpi, bitsPerPixel: unit * 8, colorSpace: unit === 1 ? 0 : 1, quality: 0 }));
        const packed = packLines(p.pixels, p.width * unit, unit);
        at += 32;
        expect(bytes.subarray(at, at + packed.length), name).toEqual(packed);
        at += packed.length;
      }
      expect(at).toBe(bytes.length);
    }
  });
});

describe('PWG raster: synthetic streams', () => {
  it('round-trips every line shape the compression has (runs, literals, line repeats over 256)', () => {
    const w = 300;
    const h = 600; // > 256 identical lines: two line groups
    const samples = gray(w, h, (x, y) => (y < 520 ? (x < 200 ? 17 : x) & 0xff : (x * 7 + y) & 0xff));
    const [p] = decodePwgRaster(pwgStream({ header: { width: w, height: h, xDpi: 600 }, samples })).pages;
    expect(p.pixels).toEqual(samples);
    const colour = rgb(130, 3, (x, y) => [x, y * 50, x < 64 ? 9 : 200]);
    const [c] = decodePwgRaster(pwgStream({ header: { width: 130, height: 3, colorSpace: 19 }, samples: colour })).pages;
    expect(c.pixels).toEqual(colour);
  });

  it('fills the rest of a line with white on code 128 (0xff gray, no ink for black and cmyk)', () => {
    const line = (header: Parameters<typeof pwgHeader>[0], data: number[]) => decodePwgRaster(concat(Uint8Array.of(0x52, 0x61, 0x53, 0x32), pwgHeader(header), Uint8Array.from(data))).pages[0];
    expect(Array.from(line({ width: 4, height: 1 }, [0, 0, 9, 128]).pixels)).toEqual([9, 255, 255, 255]);
    expect(Array.from(line({ width: 4, height: 1, colorSpace: 3 }, [0, 0, 9, 128]).pixels)).toEqual([246, 255, 255, 255]);
    expect(Array.from(line({ width: 2, height: 1, colorSpace: 6 }, [0, 0, 0, 0, 0, 255, 128]).pixels)).toEqual([0, 0, 0, 255, 255, 255]);
    expect(Array.from(line({ width: 2, height: 1, colorSpace: 19 }, [0, 128]).pixels)).toEqual([255, 255, 255, 255, 255, 255]);
    // A line repeat copies the whole decoded line, white fill included.
    expect(Array.from(line({ width: 2, height: 3 }, [2, 0, 5, 128]).pixels)).toEqual([5, 255, 5, 255, 5, 255]);
  });

  it('reads sgray_1 (1 = white) and the optional header fields', () => {
    const samples = Uint8Array.of(0b1010_0000, 0b1111_1111);
    const doc = decodePwgRaster(
      pwgStream({ header: { width: 3, height: 2, bitsPerColor: 1, pageSize: [612, 792], mediaType: 'stationery', printQuality: 5, duplex: true }, samples }),
    );
    expect(doc.pages[0]).toMatchObject({ rasterType: 'sgray_1', pageSizePt: [612, 792], mediaType: 'stationery', printQuality: 5, duplex: true, tumble: false });
    expect(Array.from(doc.pages[0].pixels)).toEqual([255, 0, 255, 255, 255, 255]);
  });

  it('decodes lazily: pages before a damaged one are yielded first', () => {
    const good = { header: { width: 2, height: 2 }, samples: gray(2, 2, () => 0) };
    const bytes = pwgStream(good, good);
    const pages = pwgRasterPages(bytes.subarray(0, bytes.length - 1));
    expect(pages.next().value).toMatchObject({ width: 2 });
    expect(() => pages.next()).toThrow(/PWG raster page 2: data ends/);
  });
});

describe('PWG raster: errors', () => {
  const good = () => pwgStream({ header: { width: 8, height: 4, colorSpace: 19 }, samples: rgb(8, 4, (x) => [x, 0, 0]) });

  it.each([
    ['empty', new Uint8Array(0), /too short/],
    ['a bad sync word', new TextEncoder().encode('RaSXjunk'), /not the "RaS2" sync word/],
    ['CUPS raster', new TextEncoder().encode('RaS3'), /CUPS raster/],
    ['no pages', new TextEncoder().encode('RaS2'), /no pages/],
  ])('refuses %s', (_, bytes, message) => {
    expect(rasterError(() => decodePwgRaster(bytes)).message).toMatch(message);
  });

  it('refuses a truncated page header', () => {
    const e = rasterError(() => decodePwgRaster(good().subarray(0, 4 + 1000)));
    expect(e.message).toBe('PWG raster page 1: the page header is truncated (1000 of 1796 bytes)');
    expect(e.code).toBe('corruptDocument');
  });

  it('refuses every truncation of a real stream, except at a page boundary', () => {
    const bytes = fixture('sgray_8-100dpi-2pages.pwg');
    const boundary = 4 + 1796 + packLines(decodePwgRaster(bytes).pages[0].pixels, 100, 1).length;
    for (let cut = 0; cut < bytes.length; cut++) {
      if (cut === boundary) expect(decodePwgRaster(bytes.subarray(0, cut)).pages).toHaveLength(1);
      else rasterError(() => decodePwgRaster(bytes.subarray(0, cut)));
    }
  });

  const withData = (header: Parameters<typeof pwgHeader>[0], data: number[]) => concat(new TextEncoder().encode('RaS2'), pwgHeader(header), Uint8Array.from(data));

  it.each([
    ['a repeat run past the line end', { width: 4, height: 1 }, [0, 4, 1], /run of 5 pixels at byte 0 passes the end of line 1 \(4 bytes\)/],
    ['a literal run past the line end', { width: 4, height: 1 }, [0, 0, 1, 252, 1, 2, 3, 4, 5], /5 literal pixels at byte 1 pass the end of line 1/],
    ['an RGB run past the line end', { width: 2, height: 1, colorSpace: 19 }, [0, 2, 1, 2, 3], /run of 3 pixels/],
    ['a line repeat past the last line', { width: 1, height: 3 }, [3, 0, 7], /line 1 repeats 4 times, past the last line \(3\)/],
    ['truncated line data', { width: 4, height: 2 }, [0, 3, 9], /page 1: data ends at line 2 of 2/],
    ['a truncated literal', { width: 4, height: 1 }, [0, 253, 1, 2], /data ends inside line 1 of 1/],
    ['a missing repeated pixel', { width: 4, height: 1, colorSpace: 19 }, [0, 3, 1, 2], /data ends inside line 1/],
  ])('refuses %s', (_, header, data, message) => {
    const e = rasterError(() => decodePwgRaster(withData(header, data)));
    expect(e.code).toBe('corruptDocument');
    expect(e.message).toMatch(message);
  });

  it.each([
    ['planar color order', { colorOrder: 1 }, /ColorOrder 1/, 'corruptDocument'],
    ['NumColors not matching', { numColors: 1 }, /NumColors 1 does not match ColorSpace srgb \(3\)/, 'corruptDocument'],
    ['BitsPerPixel not matching', { bitsPerPixel: 32 }, /BitsPerPixel 32 is not 3 × 8/, 'corruptDocument'],
    ['BytesPerLine not matching', { bytesPerLine: 25 }, /BytesPerLine 25 is not 24/, 'corruptDocument'],
    ['a zero resolution', { xDpi: 0 }, /HWResolution 0×0 dpi/, 'corruptDocument'],
    ['a zero height', { height: 0 }, /the page is 8×0 pixels/, 'corruptDocument'],
    ['BitsPerColor 3', { bitsPerColor: 3 }, /BitsPerColor 3 is not one PWG raster allows/, 'corruptDocument'],
    ['srgb_16', { bitsPerColor: 16 }, /16-bit samples \(srgb_16\) are not supported: send srgb_8/, 'unsupportedFormat'],
    ['rgb_1', { bitsPerColor: 1 }, /rgb_1 is not supported/, 'unsupportedFormat'],
    ['Device1 (48)', { colorSpace: 48, numColors: 1 }, /ColorSpace 48 is not supported/, 'unsupportedFormat'],
    ['CUPS-only W (0)', { colorSpace: 0, numColors: 1 }, /ColorSpace 0 is not supported/, 'unsupportedFormat'],
  ])('refuses %s', (_, fields, message, code) => {
    const header = { width: 8, height: 4, colorSpace: 19, ...fields };
    const e = rasterError(() => decodePwgRaster(concat(new TextEncoder().encode('RaS2'), pwgHeader(header), new Uint8Array(64))));
    expect(e.message).toMatch(message);
    expect(e.code).toBe(code);
  });

  it('refuses a huge page by maxPixels before allocating anything', () => {
    const started = performance.now();
    const e = rasterError(() => decodePwgRaster(withData({ width: 1_000_000, height: 1_000_000 }, [255, 128])));
    expect(e.code).toBe('unsupportedFormat');
    expect(e.message).toMatch(/1000000×1000000 is 1000000000000 pixels, more than the 100000000 a page may have/);
    expect(performance.now() - started).toBeLessThan(100);
    expect(() => decodePwgRaster(withData({ width: 100, height: 100 }, [99, 128]), { maxPixels: 9999 })).toThrow(/more than the 9999/);
  });

  it('enforces maxPages and maxTotalPixels', () => {
    const page = { header: { width: 10, height: 10 }, samples: gray(10, 10, () => 255) };
    const three = pwgStream(page, page, page);
    expect(decodePwgRaster(three).pages).toHaveLength(3);
    expect(rasterError(() => decodePwgRaster(three, { maxPages: 2 })).message).toBe('PWG raster: more than 2 pages');
    expect(rasterError(() => decodePwgRaster(three, { maxTotalPixels: 250 })).message).toMatch(/page 3: the pages so far hold more than the 250 pixels/);
  });

  it('is a RenderError, so the job aborts with its message', () => {
    const e = rasterError(() => decodePwgRaster(new Uint8Array(2)));
    expect(e).toBeInstanceOf(RenderError);
    expect(e.name).toBe('RasterError');
  });
});

describe('URF: synthetic streams', () => {
  it('reads the header fields libcups writes and a known page count', () => {
    const samples = rgb(5, 4, (x, y) => [x * 50, y * 60, 7]);
    const doc = decodeUrf(urfStream(1, { header: { width: 5, height: 4, dpi: 600, bitsPerPixel: 24, colorSpace: 1, duplex: 2, quality: 5, mediaType: 11 }, samples }));
    expect(doc.pages[0]).toMatchObject({ width: 5, height: 4, xDpi: 600, yDpi: 600, colorSpace: 'rgb', rasterType: 'SRGB24', duplex: true, tumble: true, printQuality: 5, mediaType: 'photographic-glossy' });
    expect(doc.pages[0].pixels).toEqual(samples);
    const long = decodeUrf(urfStream(1, { header: { width: 1, height: 1, duplex: 3 }, samples: Uint8Array.of(1) })).pages[0];
    expect(long).toMatchObject({ duplex: true, tumble: false, rasterType: 'W8' });
  });

  it('converts DEVCMYK32, whose white fill is no ink', () => {
    const data = concat(urfFileHeader(1), urfHeader({ width: 2, height: 1, bitsPerPixel: 32, colorSpace: 6 }), Uint8Array.of(0, 0, 0, 255, 0, 0, 128));
    expect(Array.from(decodeUrf(data).pages[0].pixels)).toEqual([255, 0, 255, 255, 255, 255]);
  });

  it('round-trips three pages and more than 256 identical lines', () => {
    const page = (v: number) => ({ header: { width: 40, height: 700 }, samples: gray(40, 700, (x, y) => (y > 600 ? v : x)) });
    const doc = decodeUrf(urfStream(3, page(1), page(2), page(3)));
    expect(doc.pages.map((p) => pixel(p, 0, 699)[0])).toEqual([1, 2, 3]);
    expect(doc.pages[2].pixels).toEqual(page(3).samples);
  });
});

describe('URF: errors', () => {
  const one = { header: { width: 4, height: 2 }, samples: gray(4, 2, (x) => x) };

  it.each([
    ['a short file header', new TextEncoder().encode('UNIRAST'), /too short for the 12-byte file header/, 'corruptDocument'],
    ['bad magic', concat(new TextEncoder().encode('UNIRASX\0'), new Uint8Array(4)), /does not start with "UNIRAST\\0"/, 'corruptDocument'],
    ['no pages', urfFileHeader(0), /no pages/, 'nothingToPrint'],
    ['a truncated page header', concat(urfFileHeader(1), new Uint8Array(31)), /URF page 1: the page header is truncated \(31 of 32 bytes\)/, 'corruptDocument'],
    ['fewer pages than announced', urfStream(2, one), /URF page 2: the page header is truncated \(0 of 32 bytes\)/, 'corruptDocument'],
    ['more data than the announced pages', urfStream(1, one, one), /URF: 38 bytes follow the last of the 1 pages/, 'corruptDocument'],
    ['CIELab', urfStream(1, { header: { ...one.header, colorSpace: 2, bitsPerPixel: 24 }, samples: new Uint8Array(24) }), /colour space 2 \(CIELab\)/, 'unsupportedFormat'],
    ['SRGB48', concat(urfFileHeader(1), urfHeader({ width: 1, height: 1, colorSpace: 1, bitsPerPixel: 48 })), /16-bit samples \(SRGB48\) are not supported/, 'unsupportedFormat'],
    ['W16', concat(urfFileHeader(1), urfHeader({ width: 1, height: 1, bitsPerPixel: 16 })), /16-bit samples \(W16\)/, 'unsupportedFormat'],
    ['24 bits of gray', concat(urfFileHeader(1), urfHeader({ width: 1, height: 1, bitsPerPixel: 24 })), /24 bits per pixel does not fit colour space W/, 'corruptDocument'],
    ['a zero resolution', concat(urfFileHeader(1), urfHeader({ width: 1, height: 1, dpi: 0 })), /resolution is 0 dpi/, 'corruptDocument'],
    ['a zero width', concat(urfFileHeader(1), urfHeader({ width: 0, height: 1 })), /0×1 pixels/, 'corruptDocument'],
    ['a run past the line end', concat(urfFileHeader(1), urfHeader({ width: 4, height: 1 }), Uint8Array.of(0, 4, 0)), /run of 5 pixels at byte 0 passes the end of line 1/, 'corruptDocument'],
    ['a line repeat past the last line', concat(urfFileHeader(1), urfHeader({ width: 1, height: 1 }), Uint8Array.of(1, 0, 0)), /repeats 2 times/, 'corruptDocument'],
    ['truncated line data', concat(urfFileHeader(0), urfHeader({ width: 4, height: 3 }), Uint8Array.of(0, 128)), /data ends at line 2 of 3/, 'corruptDocument'],
    ['a huge page', concat(urfFileHeader(1), urfHeader({ width: 0xffffffff, height: 0xffffffff }), Uint8Array.of(255, 128)), /more than the 100000000 a page may have/, 'unsupportedFormat'],
    ['too many announced pages', urfFileHeader(5000), /announces 5000 pages, more than 1000/, 'unsupportedFormat'],
  ])('refuses %s', (_, bytes, message, code) => {
    const e = rasterError(() => decodeUrf(bytes));
    expect(e.message).toMatch(message);
    expect(e.code).toBe(code);
  });

  it('refuses every truncation of a real stream, except at a page boundary (page count 0)', () => {
    const bytes = fixture('W8-100dpi-2pages.urf');
    const boundary = 12 + 32 + packLines(decodeUrf(bytes).pages[0].pixels, 100, 1).length;
    for (let cut = 0; cut < bytes.length; cut++) {
      if (cut === boundary) expect(decodeUrf(bytes.subarray(0, cut)).pages).toHaveLength(1);
      else rasterError(() => decodeUrf(bytes.subarray(0, cut)));
    }
  });

  it('yields pages lazily and counts the limits over pages', () => {
    const bytes = urfStream(0, one, one, one);
    expect([...urfPages(bytes)]).toHaveLength(3);
    expect(() => decodeUrf(bytes, { maxPages: 2 })).toThrow('URF: more than 2 pages');
    expect(() => decodeUrf(bytes, { maxTotalPixels: 20 })).toThrow(/URF page 3: the pages so far hold more than the 20 pixels/);
  });
});

/** Each page's MediaBox and its one image: dictionary entries and inflated samples. */
async function readBack(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    const box = page.getMediaBox();
    const xobjects = (page.node.Resources()!.lookup(PDFName.of('XObject')) as PDFDict).asMap();
    expect(xobjects.size).toBe(1);
    const image = doc.context.lookup([...xobjects.values()][0]) as PDFRawStream;
    const dict = image.dict;
    const n = (key: string) => (dict.lookup(PDFName.of(key)) as PDFNumber).asNumber();
    return {
      mediaBox: [box.x, box.y, box.width, box.height].map((v) => Math.round(v * 1000) / 1000),
      width: n('Width'),
      height: n('Height'),
      bits: n('BitsPerComponent'),
      colorSpace: dict.lookup(PDFName.of('ColorSpace'))!.toString(),
      filter: dict.lookup(PDFName.of('Filter'))!.toString(),
      samples: new Uint8Array(inflateSync(image.getContents())),
    };
  });
}

describe('rasterPagesToPdf', () => {
  it('gives one page per raster page, the header PageSize as MediaBox, the pixels losslessly', async () => {
    const doc = decodePwgRaster(fixture('sgray_8-100dpi-2pages.pwg'));
    const pages = await readBack(await rasterPagesToPdf(doc));
    expect(pages).toHaveLength(2);
    pages.forEach((p, i) => {
      expect(p).toMatchObject({ mediaBox: [0, 0, 72, 72], width: 100, height: 100, bits: 8, colorSpace: '/DeviceGray', filter: '/FlateDecode' });
      expect(p.samples).toEqual(doc.pages[i].pixels);
    });
    const [c] = await readBack(await rasterPagesToPdf(decodePwgRaster(fixture('srgb_8-150x75dpi.pwg'))));
    expect(c).toMatchObject({ mediaBox: [0, 0, 72, 72], width: 150, height: 75, colorSpace: '/DeviceRGB' });
    expect(c.samples).toEqual(pnm('color-150x75dpi.ppm.gz').data);
  });

  it('sizes a page without PageSize (URF) by its resolution', async () => {
    const urf = urfStream(0, { header: { width: 300, height: 150, dpi: 600 }, samples: gray(300, 150, (x) => x) }, { header: { width: 850, height: 1100, dpi: 100, bitsPerPixel: 24, colorSpace: 1 }, samples: new Uint8Array(850 * 1100 * 3) });
    const pages = await readBack(await rasterPagesToPdf({ pages: urfPages(urf) }));
    expect(pages.map((p) => p.mediaBox)).toEqual([
      [0, 0, 36, 18],
      [0, 0, 612, 792],
    ]);
  });

  it('refuses an empty page list', async () => {
    await expect(rasterPagesToPdf({ pages: [] })).rejects.toThrow(RasterError);
  });

  it('is deterministic', async () => {
    const doc = decodeUrf(fixture('SRGB24-100dpi.urf'));
    const a = await rasterPagesToPdf(doc);
    const b = await rasterPagesToPdf(decodeUrf(fixture('SRGB24-100dpi.urf')));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).toString('latin1')).toContain('D:20000101000000Z');
  });

  const skip = missingTools('pdfinfo', 'pdfimages');
  it.skipIf(skip)('poppler reads the pages, their size and the exact pixels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printsim-raster-'));
    try {
      const file = join(dir, 'out.pdf');
      const doc = decodePwgRaster(fixture('sgray_8-100dpi-2pages.pwg'));
      writeFileSync(file, await rasterPagesToPdf(doc));
      const info = spawnSync('pdfinfo', ['-box', '-f', '1', '-l', '2', file], { encoding: 'utf8' });
      expect(info.status).toBe(0);
      expect(info.stdout).toMatch(/^Pages:\s+2$/m);
      expect(info.stdout).toMatch(/^Page\s+2 MediaBox:\s+0\.00\s+0\.00\s+72\.00\s+72\.00$/m);
      const list = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' }).stdout;
      expect(list.match(/^\s+\d+\s+\d+\s+image\s+100\s+100\s+gray\s+1\s+8\s/gm)).toHaveLength(2);
      expect(spawnSync('pdfimages', [file, join(dir, 'img')]).status).toBe(0);
      const images = readdirSync(dir).filter((f) => f.startsWith('img-')).sort();
      expect(images).toHaveLength(2);
      images.forEach((f, i) => {
        // pdfimages writes gray as PGM or, in some versions, as PPM with R = G = B.
        const { channels, data } = parsePnm(readFileSync(join(dir, f)));
        const gray = data.filter((_, j) => j % channels === 0);
        if (channels === 3) expect(data.filter((_, j) => j % 3 === 1)).toEqual(gray);
        expect(gray).toEqual(doc.pages[i].pixels);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sniffContentType', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['PDF', enc('%PDF-1.7\n%\xe2\xe3'), 'application/pdf'],
    ['PDF after leading junk', concat(new Uint8Array(100).fill(0), enc('%PDF-1.4')), 'application/pdf'],
    ['JPEG', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['PWG raster', fixture('srgb_8-100dpi.pwg'), 'image/pwg-raster'],
    ['URF', fixture('W8-100dpi-2pages.urf'), 'image/urf'],
    ['ASCII text', enc('Hello,\r\n\tprinter\f'), 'text/plain'],
    ['UTF-8 text', enc('Grüße — 你好 🖨️\n'), 'text/plain'],
    ['UTF-8 text cut mid-character by the probe', enc('é'.repeat(40000)), 'text/plain'],
    ['text with a NUL', enc('abc\0def'), null],
    ['PCL (ESC E)', enc('\x1bE\x1b&l0O'), null],
    ['Latin-1 (invalid UTF-8)', Uint8Array.of(0x48, 0xe9, 0x6c, 0x6c, 0x6f), null],
    ['UTF-16', Uint8Array.of(0xff, 0xfe, 0x41, 0), null],
    ['empty', new Uint8Array(0), null],
    ['CUPS raster (binary header)', concat(enc('RaS3'), new Uint8Array(1796)), null],
  ])('%s', (_, bytes, type) => {
    expect(sniffContentType(bytes)).toBe(type);
  });
});

describe('fuzz (seeded)', () => {
  type Decode = (b: Uint8Array, l?: { maxPages?: number; maxPixels?: number }) => unknown;
  const seeds: Array<[Decode, Uint8Array, number[]]> = [
    // [decoder, stream, header byte offsets worth mutating]
    [decodePwgRaster, fixture('sgray_8-100dpi-2pages.pwg'), [276, 280, 372, 376, 384, 388, 392, 396, 400, 420].map((o) => o + 4)],
    [decodePwgRaster, fixture('srgb_8-150x75dpi.pwg'), [372, 376, 384, 388, 392, 400, 420].map((o) => o + 4)],
    [decodePwgRaster, fixture('black_1-72dpi.pwg'), [372, 376, 384, 388, 392, 400].map((o) => o + 4)],
    [decodePwgRaster, pwgStream({ header: { width: 70, height: 300, colorSpace: 6 }, samples: Uint8Array.from({ length: 70 * 300 * 4 }, (_, i) => (i * 31) >> 9) }), [376, 392, 400].map((o) => o + 4)],
    [decodeUrf, fixture('W8-100dpi-2pages.urf'), [8, 12, 13, 24, 28, 32]],
    [decodeUrf, fixture('SRGB24-100dpi.urf'), [8, 12, 13, 24, 28, 32]],
  ];
  const values = [0, 1, 2, 3, 8, 16, 18, 19, 24, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0xffffffff];

  function mutate(base: Uint8Array, fields: number[], rand: () => number): Uint8Array {
    const pick = (n: number) => Math.floor(rand() * n);
    const b = new Uint8Array(base);
    switch (pick(6)) {
      case 0: // flip bytes anywhere
        for (let i = 1 + pick(8); i > 0; i--) b[pick(b.length)] = pick(256);
        return b;
      case 1: { // a header field set to an edge value
        const at = fields[pick(fields.length)];
        new DataView(b.buffer).setUint32(Math.min(at, b.length - 4), values[pick(values.length)]);
        return b;
      }
      case 2: // truncated
        return b.subarray(0, pick(b.length));
      case 3: { // random bytes inserted
        const at = pick(b.length);
        return concat(b.subarray(0, at), Uint8Array.from({ length: 1 + pick(40) }, () => pick(256)), b.subarray(at));
      }
      case 4: { // a slice repeated
        const at = pick(b.length);
        return concat(b, b.subarray(at, at + pick(2000)));
      }
      default: // the compressed data replaced by noise
        return concat(b.subarray(0, Math.min(b.length, fields[fields.length - 1] + 40)), Uint8Array.from({ length: pick(3000) }, () => pick(256)));
    }
  }

  it('throws nothing but RasterError, and every case finishes quickly', () => {
    const rand = prng(0x70a5);
    let slowest = 0;
    let decoded = 0;
    for (let i = 0; i < 4000; i++) {
      const [decode, base, fields] = seeds[i % seeds.length];
      const input = mutate(base, fields, rand);
      const started = performance.now();
      try {
        decode(input, { maxPixels: 1 << 21, maxPages: 8 });
        decoded++;
      } catch (e) {
        if (!(e instanceof RasterError)) throw new Error(`case ${i}: ${String(e)}`, { cause: e });
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(decoded).toBeGreaterThan(100); // the mutations left some streams valid: not only header rejections
    expect(slowest).toBeLessThan(500);
  });

  it('random bytes after each magic throw only RasterError', () => {
    const rand = prng(7);
    for (let i = 0; i < 1000; i++) {
      const noise = Uint8Array.from({ length: Math.floor(rand() * 4000) }, () => Math.floor(rand() * 256));
      for (const [decode, magic] of [
        [decodePwgRaster, new TextEncoder().encode('RaS2')],
        [decodeUrf, urfFileHeader(Math.floor(rand() * 4))],
      ] as const) {
        try {
          decode(concat(magic, noise));
        } catch (e) {
          if (!(e instanceof RasterError)) throw e;
        }
      }
      expect(() => sniffContentType(noise)).not.toThrow();
    }
  });
});
