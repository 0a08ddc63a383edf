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

/** One job's documents in the spool, and where its output PDF and manifest go. */
export interface JobRenderRequest {
  /** Printed one after another (IPP multiple-document jobs); most jobs have one. */
  documents: Array<{ path: string; contentType: string; documentName: string }>;
  outputPath: string;
  manifestPath: string;
  configuration: EffectiveConfiguration;
  printer: PrinterDefinition;
}

export interface JobRenderResult {
  warnings: string[];
  impressions: number;
  /** The manifest's totals, when it has them (sheets, sourcePagesPrinted, ...). */
  totals: Record<string, number> | null;
}

/**
 * Renders a job from spool file to spool file. The core calls this, not a
 * Renderer, so that a render thread can read and write the spool itself and
 * only a small summary crosses back to the thread answering requests.
 */
export type JobFilesRenderer = (request: JobRenderRequest) => Promise<JobRenderResult>;
