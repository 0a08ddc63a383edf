import { DocumentError } from '../model/ports.js';

/** Why a document could not be rendered; the job ends `aborted` with `message`. */
export type RenderErrorCode = 'corruptDocument' | 'unsupportedFormat' | 'nothingToPrint' | 'encryptedDocument' | 'unknownMediaSize';

/** A DocumentError from the renderer, so the job core treats it like any document fault. */
export class RenderError extends DocumentError {
  declare readonly code: RenderErrorCode;

  constructor(code: RenderErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message);
    this.name = 'RenderError';
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export function isRenderError(e: unknown): e is RenderError {
  return e instanceof RenderError;
}
