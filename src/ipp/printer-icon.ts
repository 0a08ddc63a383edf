// printer-icons (PWG 5100.13): PNG icons at 48, 128 and 512 pixels,
// drawn here (a printer with a sheet coming out) so no binary files ship.

import { deflateSync } from 'node:zlib';

export const ICON_SIZES: Record<string, number> = { 'icon-sm.png': 48, 'icon.png': 128, 'icon-lg.png': 512 };

const cache = new Map<number, Buffer>();

export function printerIcon(size: number): Buffer {
  let png = cache.get(size);
  if (png === undefined) {
    png = encodePng(size, size, (x, y) => pixel(x / size, y / size));
    cache.set(size, png);
  }
  return png;
}

/** RGBA of a point in the unit square. */
function pixel(u: number, v: number): [number, number, number, number] {
  const inside = (x0: number, y0: number, x1: number, y1: number): boolean => u >= x0 && u < x1 && v >= y0 && v < y1;
  if (inside(0.25, 0.08, 0.75, 0.4)) return [255, 255, 255, 255]; // paper in
  if (inside(0.1, 0.35, 0.9, 0.75)) return inside(0.2, 0.62, 0.8, 0.67) ? [40, 40, 40, 255] : [90, 110, 140, 255]; // body, slot
  if (inside(0.28, 0.67, 0.72, 0.95)) return [255, 255, 255, 255]; // paper out
  return [0, 0, 0, 0];
}

function encodePng(width: number, height: number, at: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(at(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
