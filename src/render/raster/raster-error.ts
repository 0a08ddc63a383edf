import { RenderError } from '../render-error.js';

/** What is wrong with a raster stream: damaged, a variant printsim does not take, or empty. */
export type RasterErrorCode = 'corruptDocument' | 'unsupportedFormat' | 'nothingToPrint';

/**
 * A PWG or Apple raster stream that cannot be decoded. A RenderError, so the
 * job ends `aborted` with this message like any other document fault.
 */
export class RasterError extends RenderError {
  declare readonly code: RasterErrorCode;
  /** 1-based page the problem is in, when it is in a page. */
  readonly page: number | undefined;

  constructor(code: RasterErrorCode, message: string, page?: number) {
    super(code, message);
    this.name = 'RasterError';
    this.page = page;
  }
}

export function isRasterError(e: unknown): e is RasterError {
  return e instanceof RasterError;
}
