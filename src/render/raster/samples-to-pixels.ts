// Raster samples as sent → the 8-bit gray or RGB a PDF image takes.
import type { RasterPage } from './raster-page.js';

/**
 * How the samples read: gray (0 black, PWG sgray / URF W), black (0 no ink, PWG
 * black), rgb (sRGB, AdobeRGB and device RGB alike), cmyk (0 no ink).
 */
export type SampleModel = 'gray' | 'black' | 'rgb' | 'cmyk';

export interface SampleLayout {
  width: number;
  height: number;
  bytesPerLine: number;
  model: SampleModel;
  /** 1 or 8. */
  bitsPerColor: number;
}

/** Converts in place where it can: the samples buffer must not be used afterwards. */
export function samplesToPixels(samples: Uint8Array, layout: SampleLayout): Pick<RasterPage, 'colorSpace' | 'pixels'> {
  const { width, height, bytesPerLine, model, bitsPerColor } = layout;
  if (bitsPerColor === 1) return { colorSpace: 'gray', pixels: expandBits(samples, width, height, bytesPerLine, model === 'black') };
  switch (model) {
    case 'gray':
    case 'rgb':
      return { colorSpace: model, pixels: samples };
    case 'black':
      for (let i = 0; i < samples.length; i++) samples[i] = 255 - samples[i];
      return { colorSpace: 'gray', pixels: samples };
    case 'cmyk':
      return { colorSpace: 'rgb', pixels: cmykToRgb(samples, width * height) };
  }
}

/** One bit per pixel, most significant bit first; rows are padded to a byte. */
function expandBits(samples: Uint8Array, width: number, height: number, bytesPerLine: number, setIsInk: boolean): Uint8Array {
  const out = new Uint8Array(width * height);
  const on = setIsInk ? 0 : 255;
  const off = 255 - on;
  for (let y = 0; y < height; y++) {
    const row = y * bytesPerLine;
    const o = y * width;
    for (let x = 0; x < width; x++) out[o + x] = samples[row + (x >> 3)] & (0x80 >> (x & 7)) ? on : off;
  }
  return out;
}

/** The naive conversion (no ink profile): each ink removes its complement, black removes all. */
function cmykToRgb(samples: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 3);
  for (let i = 0, s = 0, o = 0; i < pixels; i++, s += 4, o += 3) {
    const k = 255 - samples[s + 3];
    out[o] = ((255 - samples[s]) * k + 127) / 255;
    out[o + 1] = ((255 - samples[s + 1]) * k + 127) / 255;
    out[o + 2] = ((255 - samples[s + 2]) * k + 127) / 255;
  }
  return out;
}
