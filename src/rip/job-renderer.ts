// The renderer as the job core calls it (src/model/ports.ts `Renderer`).
import type { Renderer } from '../model/ports.js';
import { render } from '../render/render.js';

/** Renders each job's document; `proof` adds proof marks to every job's output. */
export function createJobRenderer(options: { proof?: boolean } = {}): Renderer {
  return async (request) => {
    const proof = request.proof ?? options.proof === true;
    const result = await render({ ...request, keepUnchanged: request.keepUnchanged ?? true, proof });
    return {
      pdf: result.pdf,
      manifest: result.manifest,
      warnings: result.warnings,
      // Every side passes through the device, blank backs included.
      impressions: result.manifest.totals.impressions,
    };
  };
}
