// A JPEG or PNG as a one-page source: sized by its own resolution (72 dpi when
// it states none) and turned upright by its EXIF orientation, as viewers show it.
import { type Matrix, chain, matrixOperands, scale, turnWithin } from './matrix.js';
import type { PDFDocument, PDFRef } from './pdf.js';
import { RenderError } from './render-error.js';
import type { SourcePage } from './source-page.js';

interface ImageInfo {
  /** Horizontal and vertical resolution in dots per inch. */
  dpiX: number;
  dpiY: number;
  /** EXIF orientation 1..8 (TIFF 6.0 tag 274). */
  orientation: number;
}

const DEFAULT_DPI = 72;

function u16(b: Uint8Array, at: number, little = false): number {
  return little ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
}

function u32(b: Uint8Array, at: number, little = false): number {
  return little
    ? (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
    : ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Reads the EXIF orientation from an APP1 payload starting at `tiff` ("II*\0" or "MM\0*"). */
function exifOrientation(b: Uint8Array, tiff: number, end: number): number | undefined {
  if (tiff + 8 > end) return undefined;
  const little = b[tiff] === 0x49;
  const ifd = tiff + u32(b, tiff + 4, little);
  if (ifd + 2 > end) return undefined;
  const count = u16(b, ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    if (u16(b, entry, little) === 0x0112) return u16(b, entry + 8, little);
  }
  return undefined;
}

/** Thrown for image data that stops early or is not structured as its format says. */
class DamagedImage extends Error {}

export function jpegInfo(b: Uint8Array): ImageInfo {
  const info: ImageInfo = { dpiX: DEFAULT_DPI, dpiY: DEFAULT_DPI, orientation: 1 };
  let at = 2;
  let frame = false;
  for (;;) {
    if (at + 4 > b.length || b[at] !== 0xff) throw new DamagedImage('its markers stop before the image data');
    const marker = b[at + 1]!;
    if (marker === 0xda) break; // start of scan
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) (ITU T.81 Table B.1)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    const len = u16(b, at + 2);
    const body = at + 4;
    const end = Math.min(b.length, at + 2 + len);
    const tag = String.fromCharCode(...b.subarray(body, Math.min(body + 5, end)));
    if (marker === 0xe0 && tag === 'JFIF\0' && body + 12 <= end) {
      // JFIF 1.02: units 1 = dots per inch, 2 = dots per cm, 0 = aspect only
      const units = b[body + 7];
      const x = u16(b, body + 8);
      const y = u16(b, body + 10);
      if ((units === 1 || units === 2) && x > 0 && y > 0) {
        const k = units === 2 ? 2.54 : 1;
        info.dpiX = x * k;
        info.dpiY = y * k;
      }
    } else if (marker === 0xe1 && tag === 'Exif\0') {
      info.orientation = exifOrientation(b, body + 6, end) ?? 1;
    }
    at += 2 + len;
  }
  if (!frame) throw new DamagedImage('it has no frame header');
  // Entropy-coded data ends at EOI (FFD9); a file cut short has none.
  let end = b.length - 2;
  while (end > at && !(b[end] === 0xff && b[end + 1] === 0xd9)) end--;
  if (end <= at) throw new DamagedImage('it is truncated (no end-of-image marker)');
  return info;
}

export function pngInfo(b: Uint8Array): ImageInfo {
  const info: ImageInfo = { dpiX: DEFAULT_DPI, dpiY: DEFAULT_DPI, orientation: 1 };
  let at = 8;
  let data = false;
  for (;;) {
    if (at + 12 > b.length) throw new DamagedImage('it is truncated (no IEND chunk)');
    const len = u32(b, at);
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    if (at + 12 + len > b.length) throw new DamagedImage(`it is truncated (chunk ${type} runs past the end)`);
    if (at === 8 && type !== 'IHDR') throw new DamagedImage('it does not start with an IHDR chunk');
    if (type === 'IDAT') data = true;
    if (type === 'IEND') break;
    // pHYs: pixels per unit, unit 1 = metre (PNG 1.2 §4.2.4.3)
    if (type === 'pHYs' && len === 9 && b[at + 16] === 1) {
      const x = u32(b, at + 8);
      const y = u32(b, at + 12);
      if (x > 0 && y > 0) {
        info.dpiX = x * 0.0254;
        info.dpiY = y * 0.0254;
      }
    }
    at += 12 + len;
  }
  if (!data) throw new DamagedImage('it has no image data (IDAT)');
  return info;
}

/** Image space (unit square) to the upright image, per EXIF orientation. */
function orientationMatrix(orientation: number, w: number, h: number): { matrix: Matrix; width: number; height: number } {
  const mirror: Matrix = [-1, 0, 0, 1, w, 0];
  const flip: Matrix = [1, 0, 0, -1, 0, h];
  const base = scale(w, h);
  const turned = (m: Matrix, turns: number) => ({
    matrix: chain(base, m, turnWithin(turns, w, h)),
    width: turns % 2 ? h : w,
    height: turns % 2 ? w : h,
  });
  switch (orientation) {
    case 2: return turned(mirror, 0);
    case 3: return turned(scale(1), 2);
    case 4: return turned(flip, 0);
    case 5: return turned(mirror, 1);
    case 6: return turned(scale(1), 3);
    case 7: return turned(mirror, 3);
    case 8: return turned(scale(1), 1);
    default: return turned(scale(1), 0);
  }
}

export async function loadImage(doc: PDFDocument, bytes: Uint8Array, kind: 'jpeg' | 'png'): Promise<SourcePage> {
  let info: ImageInfo;
  let image;
  try {
    info = kind === 'jpeg' ? jpegInfo(bytes) : pngInfo(bytes);
    image = kind === 'jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
  } catch (e) {
    const name = kind === 'jpeg' ? 'JPEG' : 'PNG';
    const why = e instanceof Error ? e.message : String(e);
    throw new RenderError('corruptDocument', e instanceof DamagedImage ? `the ${name} image is damaged: ${why}` : `the ${name} image cannot be decoded (${why})`, { cause: e });
  }
  const w = (image.width * 72) / info.dpiX;
  const h = (image.height * 72) / info.dpiY;
  const { matrix, width, height } = orientationMatrix(info.orientation, w, h);
  return imageSource(doc.context, image.ref, width, height, matrix, 1);
}

/** A source page drawing one image XObject; `matrix` maps the unit square onto [0,width]×[0,height]. */
export function imageSource(context: PDFDocument['context'], image: PDFRef, width: number, height: number, matrix: Matrix, number: number): SourcePage {
  let ref: PDFRef | undefined;
  return {
    number,
    size: { width, height },
    bbox: { x: 0, y: 0, width, height },
    toDisplayed: [1, 0, 0, 1, 0, 0],
    form: () =>
      (ref ??= context.register(
        context.flateStream(new TextEncoder().encode(`q ${matrixOperands(matrix)} cm /Im0 Do Q`), {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: context.obj([0, 0, width, height]),
          Resources: context.obj({ XObject: context.obj({ Im0: image }) }),
        }),
      )),
  };
}
