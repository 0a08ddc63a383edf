// The sample documents CUPS' ipptool suites name (Debian ships the .test files
// without them): PDFs from pdf-lib, PostScript stand-ins, JPEGs and PWG raster
// from our own writers, in the folder the suites are copied to.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeJpeg } from './make-jpeg.js';
import { makePwgRaster, type PwgType } from './make-pwg-raster.js';

const A4: [number, number] = [595.28, 841.89];
const LETTER: [number, number] = [612, 792];

/** A PDF whose pages show their number, on A4 or US Letter. */
export async function samplePdf(pages: number, size: [number, number] = A4, title = 'printsim sample'): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('@cantoo/pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage(size);
    page.drawRectangle({ x: 36, y: 36, width: size[0] - 72, height: size[1] - 72, borderColor: rgb(0, 0, 0), borderWidth: 2 });
    page.drawText(String(i), { x: size[0] / 2 - 30, y: size[1] / 2, size: 96, font });
    page.drawText(`Page ${i} / ${pages}`, { x: 60, y: 60, size: 14, font });
  }
  return doc.save({ useObjectStreams: false });
}

/** A 4x6 in photo-like JPEG at 75 dpi: colour blocks, or their grey. */
export function sampleJpeg(gray: boolean): Uint8Array {
  const width = 300;
  const height = 450;
  const channels = gray ? 1 : 3;
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inBlock = x > 30 && x < 270 && y > 40 && y < 220;
      const inDisc = (x - 150) ** 2 + (y - 330) ** 2 < 70 ** 2;
      const c: [number, number, number] = inBlock ? [50, 100, 200] : inDisc ? [210, 50, 50] : [250, 250, 245];
      const i = (y * width + x) * channels;
      if (gray) pixels[i] = Math.round(0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]);
      else pixels.set(c, i);
    }
  }
  return encodeJpeg({ width, height, channels, pixels, dpi: 75 });
}

/** A small PostScript page: the suites name .ps files even where they skip PostScript tests. */
function samplePostScript(title: string, size: [number, number]): string {
  return `%!PS-Adobe-3.0\n%%BoundingBox: 0 0 ${Math.round(size[0])} ${Math.round(size[1])}\n%%Title: ${title}\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\n/Helvetica findfont 48 scalefont setfont 72 400 moveto (${title}) show showpage\n%%EOF\n`;
}

export interface RasterSamples {
  dpis: number[];
  types: PwgType[];
}

/**
 * Writes every document ipp-1.1 / ipp-everywhere and the single-operation
 * files read, PWG raster ones at each resolution and type given, named as
 * ipp-everywhere.test expects (pwg-raster-samples-DPIdpi/TYPE/DOC-TYPE-DPIdpi.pwg).
 */
export async function writeIppSamples(dir: string, raster: RasterSamples): Promise<void> {
  writeFileSync(join(dir, 'testfile.pdf'), await samplePdf(3, A4, 'testfile'));
  writeFileSync(join(dir, 'document-a4.pdf'), await samplePdf(2, A4, 'document-a4'));
  writeFileSync(join(dir, 'document-letter.pdf'), await samplePdf(2, LETTER, 'document-letter'));
  writeFileSync(join(dir, 'onepage-a4.pdf'), await samplePdf(1, A4, 'onepage-a4'));
  writeFileSync(join(dir, 'onepage-letter.pdf'), await samplePdf(1, LETTER, 'onepage-letter'));
  writeFileSync(join(dir, 'document-a4.ps'), samplePostScript('document-a4', A4));
  writeFileSync(join(dir, 'document-letter.ps'), samplePostScript('document-letter', LETTER));
  writeFileSync(join(dir, 'color.jpg'), sampleJpeg(false));
  writeFileSync(join(dir, 'gray.jpg'), sampleJpeg(true));
  const docs: Array<[string, 'a4' | 'letter' | '4x6', number]> = [
    ['color.jpg-4x6', '4x6', 1],
    ['gray.jpg-4x6', '4x6', 1],
    ['document-a4', 'a4', 2],
    ['document-letter', 'letter', 2],
    ['onepage-a4', 'a4', 1],
    ['onepage-letter', 'letter', 1],
  ];
  for (const dpi of raster.dpis) {
    for (const type of raster.types) {
      const folder = type.replace('_', '-');
      const sub = join(dir, `pwg-raster-samples-${dpi}dpi`, folder);
      mkdirSync(sub, { recursive: true });
      for (const [name, size, pages] of docs) {
        writeFileSync(join(sub, `${name}-${folder}-${dpi}dpi.pwg`), makePwgRaster(size, dpi, type, pages));
      }
    }
  }
}
