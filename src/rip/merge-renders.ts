// A job with several documents (IPP Send-Document, PWG 5100.5) prints them
// one after another: each is rendered with the job's configuration, so
// collated copies come out a, a, b, b as RFC 8011 §5.2.4 describes for
// separate-documents-collated-copies, and the outputs are joined here.

import { PDFDocument } from '@cantoo/pdf-lib';
import type { RenderOutput } from '../model/ports.js';

interface SheetLike {
  sheet: number;
  front: { outputPage: number };
  back: { outputPage: number } | null;
}

interface ManifestLike {
  sheets: SheetLike[];
  totals: Record<string, number>;
  warnings: string[];
}

function isSheetManifest(m: unknown): m is ManifestLike {
  const x = m as Partial<ManifestLike> | null;
  return x != null && Array.isArray(x.sheets) && typeof x.totals === 'object' && x.totals !== null && Array.isArray(x.warnings);
}

export async function mergeRenders(parts: Array<{ documentName: string; out: RenderOutput }>): Promise<RenderOutput> {
  const merged = await PDFDocument.create();
  const pageCounts: number[] = [];
  for (const { out } of parts) {
    const src = await PDFDocument.load(out.pdf, { updateMetadata: false });
    const pages = await merged.copyPages(src, src.getPageIndices());
    for (const p of pages) merged.addPage(p);
    pageCounts.push(pages.length);
  }
  const warnings = parts.flatMap((p) => p.out.warnings);
  const documents = parts.map((p, i) => ({ document: i + 1, documentName: p.documentName, outputPages: pageCounts[i] }));
  let manifest: unknown;
  if (parts.every((p) => isSheetManifest(p.out.manifest))) {
    const sheets: SheetLike[] = [];
    const totals: Record<string, number> = {};
    let pageOffset = 0;
    parts.forEach((p, i) => {
      const m = p.out.manifest as ManifestLike;
      for (const s of m.sheets) {
        sheets.push({
          ...s,
          sheet: sheets.length + 1,
          front: { ...s.front, outputPage: s.front.outputPage + pageOffset },
          back: s.back === null ? null : { ...s.back, outputPage: s.back.outputPage + pageOffset },
        });
      }
      for (const [k, v] of Object.entries(m.totals)) if (typeof v === 'number') totals[k] = (totals[k] ?? 0) + v;
      pageOffset += pageCounts[i]!;
    });
    manifest = { sheets, totals, warnings, documents };
  } else {
    manifest = { documents: parts.map((p, i) => ({ ...documents[i], manifest: p.out.manifest })), warnings };
  }
  return {
    pdf: await merged.save(),
    manifest,
    warnings,
    impressions: parts.reduce((n, p) => n + p.out.impressions, 0),
  };
}
