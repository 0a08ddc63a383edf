import type { EffectiveConfiguration } from '../model/print-types.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import type { Renderer, RenderOutput } from '../model/ports.js';

/** A document rendered as a printer would print it, without a job. */
export interface PreviewRequest {
  printerId: string;
  bytes: Uint8Array;
  contentType: string;
  documentName: string;
  configuration: EffectiveConfiguration;
  /** Draw proof marks on this preview (else none, whatever the renderer's own setting). */
  proof?: boolean;
}

/**
 * Renders a preview through the same renderer jobs use. The output is always
 * a fresh PDF (never the document handed back), as the preview keeps it.
 */
export function renderPreview(renderer: Renderer, printer: PrinterDefinition, request: PreviewRequest): Promise<RenderOutput> {
  const { bytes, contentType, documentName, configuration, proof } = request;
  return renderer({ bytes, contentType, documentName, configuration, printer, keepUnchanged: false, proof: proof === true });
}
