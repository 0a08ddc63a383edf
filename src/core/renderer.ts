import type { EffectiveConfiguration } from './graph-types.js';
import type { PrinterDefinition } from './printer-definition.js';

export interface RenderRequest {
  /** Read-only: returning this very array as `pdf` means "the document is the output" (the spool copies the file). */
  bytes: Uint8Array;
  contentType: string;
  configuration: EffectiveConfiguration;
  printer: PrinterDefinition;
  documentName: string;
}

export interface RenderOutput {
  pdf: Uint8Array;
  manifest: unknown;
  warnings: string[];
  /** Sides of paper the device will print (drives the simulated time). */
  impressions: number;
}

/** What the job core calls to turn a document into paper. */
export type Renderer = (request: RenderRequest) => Promise<RenderOutput>;

/** A document the renderer cannot print; the job ends `aborted` with this message. */
export class DocumentError extends Error {
  /** Stable code, also the job's `errorCode` family. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DocumentError';
    this.code = code;
  }
}
