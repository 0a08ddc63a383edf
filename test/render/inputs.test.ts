import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveConfiguration } from '../../src/core/validate-configuration.js';
import { render } from '../../src/render/render.js';
import { missingTools } from '../support/tools.js';
import { colouredPixels, landings, pageSizes, pagesPerImpression, pixelAt, pixels, printer, renderFixture, textPages, type Pixels } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Mean x (0..1) of the strongly red pixels: where the photo's red block landed. */
function redCentreX(img: Pixels): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < img.data.length; i += 3) {
    if (img.data[i]! > 180 && img.data[i + 1]! < 90 && img.data[i + 2]! < 90) {
      sum += (i / 3) % img.width;
      n++;
    }
  }
  expect(n).toBeGreaterThan(0);
  return sum / n / img.width;
}

describe.skipIf(missingTools('pdftotext', 'pdftoppm'))('inputs', () => {
  it.each([
    ['pages-4-letter.pdf', 'PDF 1.4, classic cross-reference table', 4],
    ['pages-12-a4.pdf', 'object and cross-reference streams', 12],
    ['mixed-sizes.pdf', 'PDF 2.0, mixed page sizes', 6],
    ['encrypted-empty-password.pdf', 'AES-256 encrypted, empty user password', 3],
  ])('%s (%s) prints every page in order', async (doc, _what, count) => {
    const r = await renderFixture(doc, 'scaling-fit');
    expect(r.sourcePageCount).toBe(count);
    expect(pagesPerImpression(r.pdf)).toEqual(Array.from({ length: count }, (_, i) => [i + 1]));
  });

  it('/Rotate is honoured: every page of rotated.pdf reads upright as displayed', async () => {
    const r = await renderFixture('rotated.pdf', { scaling: 'fit' }, { borderless: true });
    // Landscape-shown pages (/Rotate 90, 270) turn onto the portrait sheet; /Rotate 180 is not upside down.
    expect(textPages(r.pdf).map((p) => landings(p)[0]!.rotation)).toEqual([90, 0, 90, 0]);
    // A4 turned either way still fits A4 exactly.
    expect(r.manifest.sheets.map((s) => s.front.sourcePages[0]!.scale)).toEqual([1, 1, 1, 1]);
  });

  it('printable annotations are printed, others not', async () => {
    const r = await renderFixture('annotated.pdf', 'default');
    const words = textPages(r.pdf)[0]!.words.map((w) => w.text);
    expect(words).toContain('PRINTED');
    expect(words).not.toContain('NOTPRINTED');
  });

  it('text/plain: UTF-8 Latin, Greek and Cyrillic in the bundled monospace font, paginated, form feed starts a page', async () => {
    const r = await renderFixture('greek-cyrillic.txt', 'default', { borderless: true });
    const pages = textPages(r.pdf);
    expect(pages).toHaveLength(4);
    const text = (p: number) => pages[p]!.words.map((w) => w.text).join(' ');
    expect(text(0)).toContain('Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.');
    expect(text(0)).toContain('Съешь же ещё этих мягких французских булок');
    expect(text(0)).toContain('Zürich, Łódź.');
    expect(pages[3]!.words[0]!.text).toBe('after-form-feed:');
    // 67 lines a page (A4, 12 pt lines): 8 heading lines, then line-001 to line-059.
    expect(text(0).endsWith('line-059 Ελληνικά text')).toBe(true);
    expect(text(1).startsWith('line-060')).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('text/plain: characters the font lacks print as boxes, with a warning naming them', async () => {
    const p = printer();
    const r = await render({ bytes: new TextEncoder().encode('Kanji: 日本語\n'), contentType: 'text/plain', configuration: resolveConfiguration({}, p), printer: p });
    expect(r.warnings).toEqual(['3 character(s) are not in the bundled font (DejaVu Sans Mono) and print as boxes: U+65E5, U+672C, U+8A9E']);
    expect(textPages(r.pdf)[0]!.words[0]!.text).toBe('Kanji:');
  });

  it('a PNG is placed by the scaling rule: landscape image turned onto the portrait sheet, colours kept', async () => {
    const r = await renderFixture('colour.png', 'scaling-fit');
    expect(await pageSizes(r.pdf)).toEqual([[595.28, 841.89]]);
    const img = pixels(r.pdf, 1, 20);
    // Turned +90°: the image's top-left (red) lands bottom-left, its top-right (green) top-left.
    const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) < 30);
    expect(near(pixelAt(img, 0.25, 0.25), [20, 180, 20])).toBe(true);
    expect(near(pixelAt(img, 0.75, 0.25), [240, 200, 0])).toBe(true);
    expect(near(pixelAt(img, 0.25, 0.75), [230, 20, 20])).toBe(true);
    expect(near(pixelAt(img, 0.75, 0.75), [20, 40, 230])).toBe(true);
  });

  it('a JPEG prints, and its EXIF orientation turns it as a viewer would', async () => {
    const plain = await renderFixture('photo.jpg', 'scaling-fit');
    const exif = await renderFixture('photo-exif-rotated.jpg', 'scaling-fit');
    expect(colouredPixels(pixels(plain.pdf, 1))).toBeGreaterThan(0);
    // The landscape photo's red block (at its bottom) lands on the right once turned +90° onto the
    // sheet; tagged "rotate 90° clockwise" it is already portrait and the block shows on the left.
    expect(redCentreX(pixels(plain.pdf, 1))).toBeGreaterThan(0.6);
    expect(redCentreX(pixels(exif.pdf, 1))).toBeLessThan(0.4);
    expect(plain.manifest.sheets[0]!.front.sourcePages[0]!.rotation).toBe(90);
    expect(exif.manifest.sheets[0]!.front.sourcePages[0]!.rotation).toBe(0);
  });
});

describe.skipIf(missingTools('pdftoppm'))('raster inputs (driverless clients)', () => {
  const raster = (name: string) => new Uint8Array(readFileSync(path.join(root, 'test/fixtures/raster', name)));

  it.each([
    ['sgray_8-100dpi-2pages.pwg', 'image/pwg-raster', 2],
    ['W8-100dpi-2pages.urf', 'image/urf', 2],
    ['SRGB24-100dpi.urf', 'image/urf', 1],
  ])('%s (%s) prints its %i page(s), with ink on each', async (name, type, pages) => {
    const p = printer();
    const r = await render({ bytes: raster(name), contentType: type, configuration: resolveConfiguration({ scaling: 'fit' }, p), printer: p });
    expect(r.sourcePageCount).toBe(pages);
    expect(r.manifest.totals.impressions).toBe(pages);
    for (let i = 1; i <= pages; i++) {
      const img = pixels(r.pdf, i, 20);
      expect(img.data.some((v) => v < 128)).toBe(true);
    }
  });

  it('a raster variant printsim does not take is refused with the decoder\'s reason', async () => {
    const p = printer();
    await expect(render({ bytes: raster('sgray_16-72dpi.pwg'), contentType: 'image/pwg-raster', configuration: resolveConfiguration({}, p), printer: p })).rejects.toMatchObject({
      code: 'unsupportedFormat',
    });
  });
});
