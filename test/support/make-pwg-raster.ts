// PWG raster (PWG 5102.4) sample documents for the IPP Everywhere suite,
// written here since CI has no Ghostscript: each page is white with a black
// frame and a filled block (coloured for srgb), run-length encoded line by line.

export type PwgType = 'sgray_8' | 'srgb_8';

const HEADER_BYTES = 1796;

interface PageSpec {
  widthMm: number;
  heightMm: number;
}

export const PWG_PAGE_SIZES: Record<'a4' | 'letter' | '4x6', PageSpec> = {
  a4: { widthMm: 210, heightMm: 297 },
  letter: { widthMm: 215.9, heightMm: 279.4 },
  '4x6': { widthMm: 101.6, heightMm: 152.4 },
};

function header(width: number, height: number, dpi: number, type: PwgType, page: PageSpec, totalPages: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.write('PwgRaster', 0, 'latin1'); // MediaClass
  const u32 = (offset: number, v: number): void => void h.writeUInt32BE(v >>> 0, offset);
  const channels = type === 'srgb_8' ? 3 : 1;
  u32(276, dpi); // HWResolution
  u32(280, dpi);
  u32(340, 1); // NumCopies
  u32(352, Math.round((page.widthMm / 25.4) * 72)); // PageSize in points
  u32(356, Math.round((page.heightMm / 25.4) * 72));
  u32(372, width); // cupsWidth
  u32(376, height); // cupsHeight
  u32(384, 8); // cupsBitsPerColor
  u32(388, 8 * channels); // cupsBitsPerPixel
  u32(392, width * channels); // cupsBytesPerLine
  u32(396, 0); // cupsColorOrder: chunky
  u32(400, type === 'srgb_8' ? 19 : 18); // cupsColorSpace: sRGB / sGray
  u32(420, channels); // cupsNumColors
  u32(452, totalPages); // TotalPageCount
  u32(456, 1); // CrossFeedTransform
  u32(460, 1); // FeedTransform
  u32(476, width); // ImageBoxRight
  u32(480, height); // ImageBoxBottom
  return h;
}

/** One line as runs of [count, pixel]. */
type Line = Array<[number, number[]]>;

function encodeLine(line: Line): number[] {
  const out: number[] = [];
  for (const [count, pixel] of line) {
    let left = count;
    while (left > 0) {
      const n = Math.min(left, 128);
      out.push(n - 1, ...pixel);
      left -= n;
    }
  }
  return out;
}

/** A page: white, a black frame, and a block in the upper half (blue, or dark grey). */
function page(width: number, height: number, type: PwgType, index: number): number[] {
  const px = (rgb: [number, number, number]): number[] => (type === 'srgb_8' ? rgb : [Math.round(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2])]);
  const white = px([255, 255, 255]);
  const black = px([0, 0, 0]);
  const block = px(index % 2 === 0 ? [40, 90, 200] : [200, 60, 40]);
  const frame = Math.max(2, Math.round(width / 100));
  const bx0 = Math.round(width * 0.2);
  const bx1 = Math.round(width * 0.8);
  const by0 = Math.round(height * 0.15);
  const by1 = Math.round(height * (0.3 + 0.1 * (index % 3)));
  const kinds: Array<[Line, number]> = [];
  const push = (line: Line, rows: number): void => {
    if (rows > 0) kinds.push([line, rows]);
  };
  const solid: Line = [[width, black]];
  const plain: Line = [[frame, black], [width - 2 * frame, white], [frame, black]];
  const withBlock: Line = [[frame, black], [bx0 - frame, white], [bx1 - bx0, block], [width - frame - bx1, white], [frame, black]];
  push(solid, frame);
  push(plain, by0 - frame);
  push(withBlock, by1 - by0);
  push(plain, height - frame - by1);
  push(solid, frame);
  const out: number[] = [];
  for (const [line, rows] of kinds) {
    const encoded = encodeLine(line);
    let left = rows;
    while (left > 0) {
      const n = Math.min(left, 256);
      out.push(n - 1, ...encoded);
      left -= n;
    }
  }
  return out;
}

/** A PWG raster document of `pages` pages of a size at a resolution and type. */
export function makePwgRaster(size: keyof typeof PWG_PAGE_SIZES, dpi: number, type: PwgType, pages: number): Buffer {
  const spec = PWG_PAGE_SIZES[size];
  const width = Math.round((spec.widthMm / 25.4) * dpi);
  const height = Math.round((spec.heightMm / 25.4) * dpi);
  const parts: Buffer[] = [Buffer.from('RaS2', 'latin1')];
  for (let i = 0; i < pages; i++) {
    parts.push(header(width, height, dpi, type, spec, pages), Buffer.from(page(width, height, type, i)));
  }
  return Buffer.concat(parts);
}
