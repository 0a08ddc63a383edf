/**
 * Bounds on what a raster stream may make the decoder allocate. A compressed
 * line costs two bytes and repeats up to 256 times, so a few bytes of header
 * can claim gigabytes: every claim is checked before anything is allocated.
 */
export interface RasterLimits {
  /** Pages in one stream. Default 1000. */
  maxPages?: number;
  /**
   * Pixels (width × height) in one page. Default 100 000 000: the largest
   * sheets printers list (A3, Ledger, Arch-B 12×18 in) at 600 dpi, the highest
   * resolution printsim advertises, are at most 78 Mpx; 100 Mpx is 300 MB as RGB.
   */
  maxPixels?: number;
  /**
   * Pixels over all pages. Default 500 000 000 (1.5 GB as RGB) for
   * decodePwgRaster / decodeUrf, which hold every page at once; unbounded for
   * the pwgRasterPages / urfPages iterators, which hold one page at a time.
   */
  maxTotalPixels?: number;
}

export const DEFAULT_MAX_PAGES = 1000;
export const DEFAULT_MAX_PIXELS = 100_000_000;
export const DEFAULT_MAX_TOTAL_PIXELS = 500_000_000;

export function resolveRasterLimits(limits: RasterLimits | undefined, holdsAllPages: boolean): Required<RasterLimits> {
  return {
    maxPages: limits?.maxPages ?? DEFAULT_MAX_PAGES,
    maxPixels: limits?.maxPixels ?? DEFAULT_MAX_PIXELS,
    maxTotalPixels: limits?.maxTotalPixels ?? (holdsAllPages ? DEFAULT_MAX_TOTAL_PIXELS : Number.POSITIVE_INFINITY),
  };
}
