// The line compression PWG raster and Apple raster share (the page data of PWG 5102.4 §4;
// Apple's as libcups cups/raster-stream.c cupsRasterReadPixels reads it for
// both): per group of identical lines, one byte "repeat this line n+1 times",
// then runs until the line is full, each opened by one byte:
//   0..127   the next pixel, n+1 times
//   129..255 257-n pixels, literally
//   128      the rest of the line is white (libcups and urftopdf)
// A "pixel" is a whole chunky pixel (bitsPerPixel/8 bytes), or one byte when
// pixels are smaller than a byte.
//
// libcups and urftopdf silently clip a run or line repeat that overshoots;
// here every count is checked and an overshoot is an error, since no
// conforming encoder produces one and it means the stream is out of step.
import { RasterError } from './raster-error.js';

// Below this many bytes a plain loop beats subarray + set (which allocates a view).
const SHORT = 48;

export interface LineLayout {
  /** Rows in the page. */
  height: number;
  bytesPerLine: number;
  /** Bytes in one run unit: a chunky pixel, or 1 below 8 bits per pixel. */
  unit: number;
  /** The byte code 128 fills with: 0xff where 0 is dark (gray, RGB), 0x00 where it is no ink (K, CMYK). */
  white: number;
}

export interface Decoded {
  /** height × bytesPerLine bytes, exactly as the raster's samples. */
  samples: Uint8Array;
  /** Offset just past the page's last line. */
  end: number;
}

/** Decodes one page's lines starting at `at`; `where` prefixes every error ("PWG raster page 2"). */
export function decodeRasterLines(bytes: Uint8Array, at: number, layout: LineLayout, where: string, page: number): Decoded {
  const { height, bytesPerLine: bpl, unit, white } = layout;
  const fail = (message: string): never => {
    throw new RasterError('corruptDocument', `${where}: ${message}`, page);
  };
  let samples: Uint8Array;
  try {
    samples = new Uint8Array(height * bpl);
  } catch {
    throw new RasterError('unsupportedFormat', `${where}: ${height} lines of ${bpl} bytes do not fit in memory`, page);
  }
  const n = bytes.length;
  let y = 0;
  while (y < height) {
    if (at >= n) fail(`data ends at line ${y + 1} of ${height}`);
    const repeat = bytes[at++] + 1;
    if (y + repeat > height) fail(`line ${y + 1} repeats ${repeat} times, past the last line (${height})`);
    const line = y * bpl;
    let x = 0;
    while (x < bpl) {
      if (at >= n) fail(`data ends inside line ${y + 1} of ${height}`);
      const code = bytes[at++];
      if (code === 128) {
        samples.fill(white, line + x, line + bpl);
        x = bpl;
      } else if (code < 128) {
        const count = (code + 1) * unit;
        if (x + count > bpl) fail(`a run of ${code + 1} pixels at byte ${x} passes the end of line ${y + 1} (${bpl} bytes)`);
        if (at + unit > n) fail(`data ends inside line ${y + 1} of ${height}`);
        const start = line + x;
        if (unit === 1) {
          samples.fill(bytes[at], start, start + count);
        } else if (count <= SHORT) {
          for (let i = 0; i < count; i++) samples[start + i] = bytes[at + (i % unit)];
        } else {
          samples.set(bytes.subarray(at, at + unit), start);
          // Doubling copies: log2(count) calls instead of one per pixel.
          for (let done = unit; done < count; ) {
            const len = Math.min(done, count - done);
            samples.copyWithin(start + done, start, start + len);
            done += len;
          }
        }
        at += unit;
        x += count;
      } else {
        const count = (257 - code) * unit;
        if (x + count > bpl) fail(`${257 - code} literal pixels at byte ${x} pass the end of line ${y + 1} (${bpl} bytes)`);
        if (at + count > n) fail(`data ends inside line ${y + 1} of ${height}`);
        const start = line + x;
        if (count <= SHORT) for (let i = 0; i < count; i++) samples[start + i] = bytes[at + i];
        else samples.set(bytes.subarray(at, at + count), start);
        at += count;
        x += count;
      }
    }
    for (let r = 1; r < repeat; r++) samples.copyWithin(line + r * bpl, line, line + bpl);
    y += repeat;
  }
  return { samples, end: at };
}
