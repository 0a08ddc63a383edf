// A small baseline JPEG encoder (ITU T.81), so tests can make JPEG sample
// documents without ImageMagick or Ghostscript. 4:4:4, standard quantization
// tables, and fixed-length Huffman codes (valid, if not the smallest output).

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

// T.81 Annex K.1 / K.2, in natural (row-major) order.
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37,
  56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...Array<number>(32).fill(99),
];

/** DC symbols 0-11 get 4-bit codes; AC symbols (EOB, ZRL, run/size) 8-bit ones. */
const DC_SYMBOLS = Array.from({ length: 12 }, (_, i) => i);
const AC_SYMBOLS = [0x00, 0xf0, ...Array.from({ length: 16 * 10 }, (_, i) => ((i / 10) << 4) | ((i % 10) + 1))];

interface Table {
  length: number;
  code: Map<number, number>;
}

function fixedTable(symbols: number[], length: number): Table {
  return { length, code: new Map(symbols.map((s, i) => [s, i])) };
}

const DC = fixedTable(DC_SYMBOLS, 4);
const AC = fixedTable(AC_SYMBOLS, 8);

class BitWriter {
  private readonly out: number[] = [];
  private acc = 0;
  private n = 0;

  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      this.n += 1;
      if (this.n === 8) {
        this.out.push(this.acc);
        // Byte stuffing: 0xFF in entropy-coded data is followed by 0x00 (T.81 F.1.2.3).
        if (this.acc === 0xff) this.out.push(0);
        this.acc = 0;
        this.n = 0;
      }
    }
  }

  finish(): number[] {
    if (this.n > 0) this.bits(0x7f, 8 - this.n); // pad with 1-bits
    return this.out;
  }
}

function category(v: number): number {
  let a = Math.abs(v);
  let c = 0;
  while (a > 0) {
    c += 1;
    a >>= 1;
  }
  return c;
}

function magnitude(v: number, size: number): number {
  return v >= 0 ? v : v + (1 << size) - 1;
}

const COS = Array.from({ length: 8 }, (_, x) => Array.from({ length: 8 }, (_, u) => Math.cos(((2 * x + 1) * u * Math.PI) / 16)));

function fdct(block: number[]): number[] {
  const out = new Array<number>(64);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) s += block[y * 8 + x]! * COS[x]![u]! * COS[y]![v]!;
      const cu = u === 0 ? Math.SQRT1_2 : 1;
      const cv = v === 0 ? Math.SQRT1_2 : 1;
      out[v * 8 + u] = 0.25 * cu * cv * s;
    }
  }
  return out;
}

function encodeBlock(w: BitWriter, block: number[], q: number[], prevDc: number): number {
  const coef = fdct(block);
  const zz = ZIGZAG.map((i) => Math.round(coef[i]! / q[i]!));
  const dc = zz[0]!;
  const diff = dc - prevDc;
  const dcSize = category(diff);
  w.bits(DC.code.get(dcSize)!, DC.length);
  if (dcSize > 0) w.bits(magnitude(diff, dcSize), dcSize);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const v = zz[k]!;
    if (v === 0) {
      run += 1;
      continue;
    }
    while (run > 15) {
      w.bits(AC.code.get(0xf0)!, AC.length);
      run -= 16;
    }
    const size = Math.min(category(v), 10);
    w.bits(AC.code.get((run << 4) | size)!, AC.length);
    w.bits(magnitude(v, size), size);
    run = 0;
  }
  if (run > 0) w.bits(AC.code.get(0x00)!, AC.length);
  return dc;
}

function segment(marker: number, body: number[]): number[] {
  return [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
}

function dht(tableClass: number, id: number, t: Table, symbols: number[]): number[] {
  const counts = new Array<number>(16).fill(0);
  counts[t.length - 1] = symbols.length;
  return segment(0xc4, [(tableClass << 4) | id, ...counts, ...symbols]);
}

/**
 * Encodes pixels (row-major; 1 byte per pixel for gray, 3 for RGB) as a
 * baseline JPEG with a JFIF header giving `dpi`.
 */
export function encodeJpeg(image: { width: number; height: number; channels: 1 | 3; pixels: Uint8Array; dpi?: number }): Uint8Array {
  const { width, height, channels, pixels } = image;
  const dpi = image.dpi ?? 72;
  const comps = channels === 1 ? [{ id: 1, q: 0 }] : [{ id: 1, q: 0 }, { id: 2, q: 1 }, { id: 3, q: 1 }];
  const out: number[] = [0xff, 0xd8];
  out.push(...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 1, dpi >> 8, dpi & 0xff, dpi >> 8, dpi & 0xff, 0, 0]));
  out.push(...segment(0xdb, [0, ...ZIGZAG.map((i) => LUMA_Q[i]!)]));
  if (channels === 3) out.push(...segment(0xdb, [1, ...ZIGZAG.map((i) => CHROMA_Q[i]!)]));
  out.push(...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, comps.length, ...comps.flatMap((c) => [c.id, 0x11, c.q])]));
  out.push(...dht(0, 0, DC, DC_SYMBOLS), ...dht(1, 0, AC, AC_SYMBOLS));
  if (channels === 3) out.push(...dht(0, 1, DC, DC_SYMBOLS), ...dht(1, 1, AC, AC_SYMBOLS));
  out.push(...segment(0xda, [comps.length, ...comps.flatMap((c) => [c.id, channels === 1 ? 0x00 : c.q === 0 ? 0x00 : 0x11]), 0, 63, 0]));
  const w = new BitWriter();
  const prev = [0, 0, 0];
  const sample = (x: number, y: number): [number, number, number] => {
    const cx = Math.min(x, width - 1);
    const cy = Math.min(y, height - 1);
    const i = (cy * width + cx) * channels;
    if (channels === 1) return [pixels[i]!, 0, 0];
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    // JFIF YCbCr (T.871).
    return [0.299 * r + 0.587 * g + 0.114 * b, 128 - 0.168736 * r - 0.331264 * g + 0.5 * b, 128 + 0.5 * r - 0.418688 * g - 0.081312 * b];
  };
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      const blocks = comps.map(() => new Array<number>(64));
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const s = sample(bx + x, by + y);
          comps.forEach((_, c) => (blocks[c]![y * 8 + x] = s[c]! - 128));
        }
      }
      comps.forEach((c, i) => (prev[i] = encodeBlock(w, blocks[i]!, c.q === 0 ? LUMA_Q : CHROMA_Q, prev[i]!)));
    }
  }
  out.push(...w.finish(), 0xff, 0xd9);
  return Uint8Array.from(out);
}
