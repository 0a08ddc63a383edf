// pageRanges select SOURCE pages, before N-up (unlike CUPS page-ranges, which
// counts output pages): see docs/rendering.md.
import type { IntegerRange } from '../model/print-types.js';
import { RenderError } from './render-error.js';

export interface PageSelection {
  /** 1-based source page numbers, in document order, each once. */
  pages: number[];
  warnings: string[];
}

function show(r: IntegerRange): string {
  return r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`;
}

/**
 * Pages print in document order, each once, whatever order or overlap the
 * ranges have (RFC 8011 §5.2.7 requires ascending, disjoint ranges).
 */
export function selectPages(ranges: readonly IntegerRange[], pageCount: number): PageSelection {
  if (ranges.length === 0) {
    const all: number[] = [];
    for (let p = 1; p <= pageCount; p++) all.push(p);
    return { pages: all, warnings: [] };
  }
  const warnings: string[] = [];
  const chosen = new Uint8Array(pageCount + 1);
  const doc = `the ${pageCount}-page document`;
  for (const r of ranges) {
    if (r.start > r.end) {
      warnings.push(`pageRanges ${r.start}-${r.end} is empty (start after end) and was ignored`);
      continue;
    }
    const start = Math.max(1, r.start);
    if (start > pageCount) {
      warnings.push(`pageRanges ${show(r)} is past the end of ${doc}; nothing printed for it`);
      continue;
    }
    const end = Math.min(pageCount, r.end);
    if (r.end > pageCount) warnings.push(`pageRanges ${show(r)} runs past the end of ${doc}; printed pages ${show({ start, end })}`);
    for (let p = start; p <= end; p++) chosen[p] = 1;
  }
  const pages: number[] = [];
  for (let p = 1; p <= pageCount; p++) if (chosen[p]) pages.push(p);
  if (pages.length === 0) {
    throw new RenderError('nothingToPrint', `pageRanges ${ranges.map(show).join(', ')} select no page of ${doc}`);
  }
  return { pages, warnings };
}
