import { describe, expect, it } from 'vitest';
import { missingTools } from '../support/tools.js';
import { colouredPixels, pixelAt, pixels, renderFixture } from './support.js';

function everyPageNeutral(pdf: Uint8Array, pages: number): number[] {
  return Array.from({ length: pages }, (_, i) => colouredPixels(pixels(pdf, i + 1, 15)));
}

describe.skipIf(missingTools('pdftoppm'))('colour mode', () => {
  it('color keeps the coloured blocks', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'color');
    expect(colouredPixels(pixels(r.pdf, 1))).toBeGreaterThan(100);
  });

  it.each(['grayscale', 'black-and-white'])('%s makes every rendered pixel neutral (R=G=B) on every side', async (config) => {
    const r = await renderFixture('pages-12-a4.pdf', config);
    expect(everyPageNeutral(r.pdf, 12)).toEqual(Array(12).fill(0));
    // The coloured block turns grey, not white: luminosity is kept.
    const [red, green, blue] = pixelAt(pixels(r.pdf, 1), 0.5, 0.86);
    expect(red).toBe(green);
    expect(green).toBe(blue);
    expect(red).toBeLessThan(200);
  });

  it('grayscale also neutralises images and N-up sheets with a blank back', async () => {
    const png = await renderFixture('colour.png', 'grayscale');
    expect(everyPageNeutral(png.pdf, 1)).toEqual([0]);
    const jpeg = await renderFixture('photo.jpg', 'grayscale');
    expect(everyPageNeutral(jpeg.pdf, 1)).toEqual([0]);
    const nup = await renderFixture('mixed-sizes.pdf', { colorMode: 'grayscale', pagesPerSheet: 4, duplexMode: 'flipOnLongEdge' });
    expect(everyPageNeutral(nup.pdf, 2)).toEqual([0, 0]);
  });

  it('auto prints grey on a printer without color, colour on a colour printer', async () => {
    const mono = await renderFixture('pages-12-a4.pdf', { pageRanges: [{ start: 1, end: 1 }] }, { printerName: 'letter-mono', override: { colorMode: 'auto' } });
    expect(everyPageNeutral(mono.pdf, 1)).toEqual([0]);
    const colour = await renderFixture('pages-12-a4.pdf', { colorMode: 'auto', pageRanges: [{ start: 1, end: 1 }] });
    expect(colouredPixels(pixels(colour.pdf, 1))).toBeGreaterThan(100);
  });
});
