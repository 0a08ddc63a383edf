import { describe, expect, it } from 'vitest';
import { missingTools } from '../support/tools.js';
import { colouredPixels, landings, pageSizes, pagesPerImpression, pixelAt, pixels, renderFixture, textPages } from './support.js';

const scales = (r: Awaited<ReturnType<typeof renderFixture>>) => r.manifest.sheets.map((s) => s.front.sourcePages[0]!.scale);
const rotations = (r: Awaited<ReturnType<typeof renderFixture>>) => textPages(r.pdf).map((p) => landings(p)[0]!.rotation);

describe.skipIf(missingTools('pdftotext', 'pdftoppm'))('orientation', () => {
  it('a portrait PDF prints upright under portrait and landscape: the page shape of a PDF wins (RFC 8011 §5.2.10)', async () => {
    expect(rotations(await renderFixture('pages-4-letter.pdf', 'default'))).toEqual([0, 0, 0, 0]);
    expect(rotations(await renderFixture('pages-4-letter.pdf', 'landscape'))).toEqual([0, 0, 0, 0]);
  });

  it('reversePortrait and reverseLandscape turn portrait pages 180°', async () => {
    expect(rotations(await renderFixture('pages-4-letter.pdf', 'reverse-portrait'))).toEqual([180, 180, 180, 180]);
    expect(rotations(await renderFixture('pages-4-letter.pdf', 'reverse-landscape'))).toEqual([180, 180, 180, 180]);
  });

  it('landscape pages turn +90° (landscape, portrait) or -90° (reverseLandscape) onto the portrait sheet', async () => {
    // rotated.pdf: /Rotate 90, 180, 270, 0 — pages 1 and 3 show landscape.
    expect(rotations(await renderFixture('rotated.pdf', 'landscape'))).toEqual([90, 0, 90, 0]);
    expect(rotations(await renderFixture('rotated.pdf', 'default'))).toEqual([90, 0, 90, 0]);
    expect(rotations(await renderFixture('rotated.pdf', 'reverse-landscape'))).toEqual([270, 180, 270, 180]);
  });

  it('landscape-fit fits a Letter-landscape page turned +90° and leaves the A4 page at full size', async () => {
    const r = await renderFixture('mixed-sizes.pdf', 'landscape-fit', { borderless: true });
    expect(rotations(r).slice(0, 2)).toEqual([0, 90]);
    expect(scales(r).slice(0, 2)).toEqual([1, 0.9727]);
  });

  it('text is paginated in the requested orientation: landscape text runs up the portrait sheet', async () => {
    const portrait = textPages((await renderFixture('greek-cyrillic.txt', 'default')).pdf);
    const landscape = textPages((await renderFixture('greek-cyrillic.txt', 'landscape')).pdf);
    const word = (pages: typeof portrait) => pages[0]!.words.find((w) => w.text === 'line-001')!;
    const p = word(portrait);
    const l = word(landscape);
    expect(p.xMax - p.xMin).toBeGreaterThan(p.yMax - p.yMin);
    expect(l.yMax - l.yMin).toBeGreaterThan(l.xMax - l.xMin);
    // Landscape lines are longer, so the 140-digit line wraps later.
    const firstLine = (pages: typeof portrait) => pages[0]!.words.find((w) => w.text.startsWith('0123'))!.text.length;
    expect(firstLine(landscape)).toBeGreaterThan(firstLine(portrait));
  });
});

describe.skipIf(missingTools('pdftotext', 'pdftoppm'))('scaling, margins and media', () => {
  // mixed-sizes.pdf: A4, Letter landscape, A5, Legal, A3 landscape, A6 — printed on A4,
  // borderless (margins 0 asked for) unless the row says otherwise.
  it.each([
    ['scaling-fit', true, [1, 0.9727, 1.4143, 0.8352, 0.7071, 2]],
    ['scaling-fill', true, [1, 1.063, 1.4189, 0.9727, 0.7071, 2.0068]],
    ['scaling-none', true, [1, 1, 1, 1, 1, 1]],
    ['scaling-shrink-to-fit', true, [1, 0.9727, 1, 0.8352, 0.7071, 1]],
    // auto, borderless: pages that fit print at 100 %; larger ones fill.
    ['default', true, [1, 1.063, 1, 0.9727, 0.7071, 1]],
    // auto with the printer's normal 3 mm margins: pages larger than the printable area shrink to fit it.
    ['default', false, [0.9714, 0.9449, 1, 0.8183, 0.6869, 1]],
    // auto with margins asked for: the same with 6.35 mm.
    ['margins-6mm', false, [0.9395, 0.9138, 1, 0.7995, 0.6643, 1]],
    ['fit-pdf-to-page', true, [1, 0.9727, 1.4143, 0.8352, 0.7071, 2]],
  ])('%s (borderless: %s) scales the six pages by %j', async (config, borderless, expected) => {
    const r = await renderFixture('mixed-sizes.pdf', config, { borderless });
    expect(scales(r)).toEqual(expected);
    expect(new Set((await pageSizes(r.pdf)).map((s) => s.join('x')))).toEqual(new Set(['595.28x841.89']));
  });

  it('fit makes A4, A5 and A6 pages print the same size; none keeps A5 at its own size', async () => {
    // (Under none the A3 page is clipped to the sheet, losing its marker: only pages 1-3 are compared.)
    const size = (r: Awaited<ReturnType<typeof renderFixture>>) => textPages(r.pdf).map((p) => landings(p)[0]?.size ?? NaN);
    const fit = size(await renderFixture('mixed-sizes.pdf', 'scaling-fit', { borderless: true }));
    expect(fit[2]! / fit[0]!).toBeCloseTo(1, 2);
    expect(fit[5]! / fit[0]!).toBeCloseTo(1, 2);
    const none = size(await renderFixture('mixed-sizes.pdf', 'scaling-none', { borderless: true }));
    expect(none[2]! / none[0]!).toBeCloseTo(148 / 210, 2);
  });

  it('Letter on A4 with the defaults shrinks into the 3 mm margins with every corner mark printed; borderless asked for fills and crops', async () => {
    // Dark pixels in a square of `side` points at each corner of the page (72 dpi: a pixel a point).
    const corners = (img: ReturnType<typeof pixels>, side: number, from = 0) =>
      [[0, 0], [1, 0], [0, 1], [1, 1]].map(([cx, cy]) => {
        let dark = 0;
        for (let y = from; y < side; y++) {
          for (let x = from; x < side; x++) {
            const px = cx ? img.width - 1 - x : x;
            const py = cy ? img.height - 1 - y : y;
            if (img.data[(py * img.width + px) * 3]! < 128) dark++;
          }
        }
        return dark;
      });
    const bordered = await renderFixture('pages-4-letter.pdf', 'default');
    expect(bordered.manifest.sheets[0]!.front.sourcePages[0]).toMatchObject({ cell: { x: 8.5, y: 8.5, width: 578.27, height: 824.88 }, scale: 0.9449 });
    const img = pixels(bordered.pdf, 1, 72);
    // Each L (10 pt in, 24 pt arms) lands inside the printable area (the page sits 47 pt from the top
    // and bottom, centred): nothing in the outer 8 pt, all four marks within 100 pt of their corner.
    for (const n of corners(img, 100, 8)) expect(n).toBeGreaterThan(30);
    for (const n of corners(img, 8)) expect(n).toBe(0);
    const borderless = await renderFixture('pages-4-letter.pdf', 'default', { borderless: true });
    expect(borderless.manifest.sheets[0]!.front.sourcePages[0]!.scale).toBe(1.063);
    // Filled: the page's sides run off the sheet and its corner marks' upright arms with them.
    const cropped = pixels(borderless.pdf, 1, 72);
    for (const [i, n] of corners(cropped, 100, 0).entries()) expect(n, `corner ${i}`).toBeLessThan(corners(img, 100, 8)[i]!);
  });

  it('margins shrink the printable area: the cell starts 6.35 mm (18 pt) in from every edge', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'margins-6mm');
    expect(r.manifest.sheets[0]!.front.sourcePages[0]!.cell).toEqual({ x: 18, y: 18, width: 559.28, height: 805.89 });
    const img = pixels(r.pdf, 1, 36);
    // The page's corner marks sit 10 pt in; scaled into the margins they stay off the outer 18 pt.
    for (const [fx, fy] of [[0.01, 0.01], [0.99, 0.01], [0.01, 0.99], [0.99, 0.99]]) expect(pixelAt(img, fx!, fy!)).toEqual([255, 255, 255]);
  });

  it.each([
    ['media-letter', [612, 792]],
    ['media-a5', [419.53, 595.28]],
    ['media-envelope-dl', [311.81, 623.62]],
  ])('%s gives sheets of %j points', async (config, size) => {
    const r = await renderFixture('pages-4-letter.pdf', config);
    expect(await pageSizes(r.pdf)).toEqual(Array(4).fill(size));
  });

  it('CropBox: only the cropped area prints, fitted to the sheet', async () => {
    const r = await renderFixture('cropbox.pdf', 'scaling-fit', { borderless: true });
    expect(r.manifest.sheets[0]!.front.sourcePages[0]!.scale).toBe(1.9843);
    const [l] = landings(textPages(r.pdf)[0]!);
    expect(l!.x).toBeCloseTo(0.5, 1);
    // The pure green band below the CropBox must not print.
    const img = pixels(r.pdf, 1, 20);
    let green = 0;
    for (let i = 0; i < img.data.length; i += 3) if (img.data[i]! < 40 && img.data[i + 1]! > 220 && img.data[i + 2]! < 40) green++;
    expect(green).toBe(0);
    expect(colouredPixels(img)).toBeGreaterThan(0); // the page's own coloured block does print
  });
});

describe.skipIf(missingTools('pdftotext'))('pageRanges select source pages, before N-up', () => {
  it('prints pages 2-3 and 7 only', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'page-ranges');
    expect(pagesPerImpression(r.pdf)).toEqual([[2], [3], [7]]);
    expect(r.warnings).toEqual([]);
  });

  it('with 2-up, pageRanges 5-8 prints source pages 5-8 on two sides (CUPS would print sides 5-8)', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'page-ranges-nup-2');
    expect(pagesPerImpression(r.pdf)).toEqual([[5, 6], [7, 8]]);
  });

  it('a range running past the end prints what exists, with a warning', async () => {
    const r = await renderFixture('pages-12-a4.pdf', 'page-ranges-past-end');
    expect(pagesPerImpression(r.pdf)).toEqual([[10], [11], [12]]);
    expect(r.warnings).toEqual(['pageRanges 10-20 runs past the end of the 12-page document; printed pages 10-12']);
    expect(r.manifest.warnings).toEqual(r.warnings);
  });
});
