/** Why a document could not be rendered; the job ends `aborted` with `message`. */
export type RenderErrorCode = 'corruptDocument' | 'unsupportedFormat' | 'nothingToPrint' | 'encryptedDocument';

export class RenderError extends Error {
  readonly code: RenderErrorCode;

  constructor(code: RenderErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RenderError';
    this.code = code;
  }
}

export function isRenderError(e: unknown): e is RenderError {
  return e instanceof RenderError;
}
