// The preview of rendered output: sheet by sheet, front and back side by side,
// each side at its media's proportions, with the N-up cells of the manifest
// drawn over the thumbnail and labelled with their source page numbers.
import type { ManifestSheet, ManifestSide, SheetManifest } from '../model/manifest.js';
import { findMediaSize } from '../model/media-sizes.js';
import { html, type Html } from './html.js';

/** Sheets whose thumbnails load at once; later ones wait until scrolled to. */
const EAGER_SHEETS = 6;

export interface PreviewOptions {
  /** Thumbnail URL of one output page (1-based). */
  pageUrl: (outputPage: number) => string;
  /** Sheets shown before the "show all" link. */
  limit: number;
  /** Link that shows every sheet, when some are left out. */
  allHref: string | null;
}

/** A manifest from the spool is JSON: check the shape before trusting it. */
export function asManifest(value: unknown): SheetManifest | null {
  const m = value as Partial<SheetManifest> | null;
  if (m === null || typeof m !== 'object' || !Array.isArray(m.sheets) || typeof m.totals !== 'object' || m.totals === null) return null;
  return m as SheetManifest;
}

function pageList(pages: number[]): string {
  if (pages.length === 0) return 'nothing';
  return `${pages.length === 1 ? 'page' : 'pages'} ${pages.join(', ')}`;
}

function pct(n: number): string {
  return `${Math.round(n * 10000) / 100}%`;
}

function side(sheet: ManifestSheet, s: ManifestSide, which: 'front' | 'back', opts: PreviewOptions): Html {
  const media = findMediaSize(sheet.media);
  const w = media?.width ?? 0;
  const h = media?.height ?? 0;
  const pages = s.sourcePages.map((p) => p.page);
  const label = `Sheet ${sheet.sheet} ${which}: ${s.blank ? 'blank' : pageList(pages)}`;
  const cells =
    w > 0 && h > 0
      ? s.sourcePages.map(
          (p) =>
            html`<span class="cell" data-page="${p.page}" style="left:${pct(p.cell.x / w)};top:${pct((h - p.cell.y - p.cell.height) / h)};width:${pct(p.cell.width / w)};height:${pct(p.cell.height / h)}"><span class="cell-label">${p.page}</span></span>`,
        )
      : [];
  return html`<figure class="side" data-side="${which}" data-output-page="${s.outputPage}" data-source-pages="${pages.join(' ')}" data-blank="${s.blank ? 'true' : 'false'}">
<div class="paper"${w > 0 ? html` style="aspect-ratio:${w.toFixed(2)} / ${h.toFixed(2)}"` : ''}>
${s.blank ? html`<span class="blank-note">blank</span>` : html`<img src="${opts.pageUrl(s.outputPage)}" alt="${label}" loading="${sheet.sheet <= EAGER_SHEETS ? 'eager' : 'lazy'}" decoding="async">`}
${cells}
</div>
<figcaption><strong>${which === 'front' ? 'Front' : 'Back'}</strong> · ${s.blank ? 'blank' : pageList(pages)}</figcaption>
</figure>`;
}

export function sheetPreview(manifest: SheetManifest, opts: PreviewOptions): Html {
  const shown = manifest.sheets.slice(0, opts.limit);
  const copies = manifest.sheets.reduce((n, s) => Math.max(n, s.copy), 1);
  return html`<p class="totals">${manifest.totals.sheets} ${manifest.totals.sheets === 1 ? 'sheet' : 'sheets'},
${manifest.totals.impressions} ${manifest.totals.impressions === 1 ? 'side' : 'sides'}${manifest.totals.blankImpressions > 0 ? ` (${manifest.totals.blankImpressions} blank)` : ''},
${manifest.totals.sourcePagesPrinted} source ${manifest.totals.sourcePagesPrinted === 1 ? 'page' : 'pages'} placed${copies > 1 ? `, ${copies} copies` : ''}.</p>
${manifest.warnings.length > 0 ? html`<ul class="warnings">${manifest.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
<ol class="sheets">${shown.map(
    (s) => html`<li class="sheet" data-sheet="${s.sheet}" data-copy="${s.copy}">
<h3>Sheet ${s.sheet} <span class="muted">copy ${s.copy} · ${s.media}${s.inputBin || s.outputBin ? ` · ${s.inputBin ?? 'auto'} → ${s.outputBin ?? 'auto'}` : ''}</span></h3>
<div class="sides">${side(s, s.front, 'front', opts)}${s.back === null ? '' : side(s, s.back, 'back', opts)}</div>
</li>`,
  )}</ol>
${opts.allHref !== null && manifest.sheets.length > shown.length ? html`<p><a href="${opts.allHref}">Show all ${manifest.sheets.length} sheets</a></p>` : ''}`;
}

/** Output without a sheet manifest (a renderer that passes the PDF through): one page per sheet. */
export function pagesPreview(pageCount: number, opts: PreviewOptions): Html {
  const shown = Math.min(pageCount, opts.limit);
  const items: Html[] = [];
  for (let p = 1; p <= shown; p++) {
    items.push(html`<li class="sheet" data-sheet="${p}"><h3>Page ${p}</h3><div class="sides"><figure class="side" data-side="front" data-output-page="${p}">
<div class="paper"><img src="${opts.pageUrl(p)}" alt="Output page ${p}" loading="${p <= EAGER_SHEETS ? 'eager' : 'lazy'}" decoding="async"></div></figure></div></li>`);
  }
  return html`<p class="totals">${pageCount} output ${pageCount === 1 ? 'page' : 'pages'} (this renderer gives no sheet manifest).</p>
<ol class="sheets">${items}</ol>
${opts.allHref !== null && pageCount > shown ? html`<p><a href="${opts.allHref}">Show all ${pageCount} pages</a></p>` : ''}`;
}
