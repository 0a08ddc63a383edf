import { mergeRenders } from './merge-renders.js';
import type { JobRenderRequest, JobRenderResult, Renderer, RenderOutput, SpoolFiles } from '../model/ports.js';

/**
 * Reads a job's documents, renders each with `renderer`, joins them, and
 * writes the output PDF and its manifest. A renderer that hands a single
 * document back unchanged gets a link to the spooled file, not a write.
 */
export async function renderJobFiles(renderer: Renderer, request: JobRenderRequest, files: SpoolFiles): Promise<JobRenderResult> {
  const { configuration, printer } = request;
  const parts: Array<{ documentName: string; out: RenderOutput; unchanged: boolean }> = [];
  for (const doc of request.documents) {
    const bytes = await files.read(doc.path);
    const out = await renderer({ bytes, contentType: doc.contentType, configuration, printer, documentName: doc.documentName });
    parts.push({ documentName: doc.documentName, out, unchanged: out.pdf === bytes });
  }
  const single = parts.length === 1 ? parts[0]! : null;
  const out = single !== null ? single.out : await mergeRenders(parts);
  if (single?.unchanged === true) await files.same(request.documents[0]!.path, request.outputPath);
  else await files.replace(request.outputPath, out.pdf);
  await files.write(request.manifestPath, JSON.stringify(out.manifest));
  const totals = (out.manifest as { totals?: unknown } | null)?.totals;
  return {
    warnings: out.warnings,
    impressions: out.impressions,
    totals: typeof totals === 'object' && totals !== null ? (totals as Record<string, number>) : null,
  };
}
