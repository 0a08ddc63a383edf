// /try: pick a printer, set configuration fields (only values that printer
// supports are offered), preview the sheets, and submit a real job if wanted.
import type { PrintService } from '../core/print-service.js';
import type { PrinterRuntime } from '../core/printer-runtime.js';
import { humanize, millimetres } from './format.js';
import { html, type Html } from './html.js';

type Show = (v: string) => string;
const same: Show = (v) => v;

function select(name: string, label: string, values: readonly unknown[] | undefined, fallback: unknown, show: Show = humanize, type = 'string'): Html {
  if (values === undefined || values.length === 0) return html``;
  const id = `f-${name}`;
  const dflt = fallback === null || fallback === undefined ? 'Printer default' : `Printer default (${show(String(fallback))})`;
  return html`<div class="field"><label for="${id}">${label}</label>
<select id="${id}" name="${name}" data-type="${type}"><option value="">${dflt}</option>${values.map((v) => html`<option value="${String(v)}">${show(String(v))}</option>`)}</select></div>`;
}

function yesNo(name: string, label: string, fallback: boolean | null | undefined): Html {
  const id = `f-${name}`;
  return html`<div class="field"><label for="${id}">${label}</label>
<select id="${id}" name="${name}" data-type="bool"><option value="">${fallback === null || fallback === undefined ? 'Printer default' : `Printer default (${fallback ? 'yes' : 'no'})`}</option><option value="true">yes</option><option value="false">no</option></select></div>`;
}

export function configurationFields(rt: PrinterRuntime): Html {
  const def = rt.effectiveDefinition();
  const c = def.capabilities;
  const d = def.defaults;
  const copies = c.copiesPerJob ?? { start: 1, end: 1 };
  const margin = (side: 'top' | 'bottom' | 'left' | 'right', values: number[] | undefined) =>
    select(`margin.${side}`, `${side[0]!.toUpperCase()}${side.slice(1)} margin`, values, null, (v) => millimetres(Number(v)), 'int');
  const finishings = (c.finishings ?? []).filter((f) => f !== 'none');
  return html`<div id="try-fields" data-printer-id="${rt.id}">
<div class="field"><label for="f-copies">Copies</label>
<input id="f-copies" name="copies" type="number" inputmode="numeric" data-type="int" min="${copies.start}" max="${copies.end}" placeholder="Printer default (${d.copiesPerJob ?? copies.start})"></div>
${c.collation === true ? yesNo('collate', 'Collate copies', null) : ''}
${select('mediaSize', 'Media size', c.mediaSizes, d.mediaSize, same)}
${select('mediaType', 'Media type', c.mediaTypes, d.mediaType)}
${select('orientation', 'Orientation', c.orientations, d.orientation)}
${select('duplexMode', 'Duplex', c.duplexModes, d.duplexMode)}
${select('pagesPerSheet', 'Pages per sheet', c.pagesPerSheet, d.pagesPerSheet, same, 'int')}
${select('multipageLayout', 'N-up layout', c.multipageLayouts, d.multipageLayout)}
${c.isPageRangeSupported === false ? '' : html`<div class="field"><label for="f-pageRanges">Page ranges</label>
<input id="f-pageRanges" name="pageRanges" data-type="ranges" placeholder="all pages, or e.g. 1-3, 5" aria-describedby="f-pageRanges-hint" autocomplete="off">
<small id="f-pageRanges-hint" class="muted">Source pages, before N-up.</small></div>`}
${select('scaling', 'Scaling', c.scalings, d.scaling)}
${c.supportsFitPdfToPage === true ? yesNo('fitPdfToPage', 'Fit PDF to page', d.fitPdfToPage) : ''}
${select('colorMode', 'Colour mode', c.colorModes, d.colorMode)}
${select('quality', 'Quality', c.qualities, d.quality)}
${select('dpi', 'Resolution', c.dpis, d.dpi, (v) => `${v} dpi`, 'int')}
${select('inputBin', 'Input bin', c.inputBins, d.inputBin, same)}
${select('outputBin', 'Output bin', c.outputBins, d.outputBin, same)}
${select('feedOrientation', 'Feed orientation', c.feedOrientations, null)}
${finishings.length > 0 ? html`<fieldset class="field finishings"><legend>Finishings</legend>${finishings.map((f) => html`<label class="check"><input type="checkbox" name="finishings" value="${f}" data-type="list"> ${humanize(f)}</label>`)}</fieldset>` : ''}
${margin('top', c.topMargins)}${margin('bottom', c.bottomMargins)}${margin('left', c.leftMargins)}${margin('right', c.rightMargins)}
</div>`;
}

export function tryPage(service: PrintService, rt: PrinterRuntime): Html {
  return html`<h1>Try a configuration</h1>
<p class="muted">Renders a document the way the printer would, without creating a job. Every change previews at once.</p>
<div class="try">
<form class="try-form" data-try-form method="get" action="/try" aria-describedby="try-hint">
<div class="drop" data-drop>
<input type="file" id="f-document" name="document" accept="application/pdf,image/jpeg,image/png,text/plain,.pdf,.jpg,.jpeg,.png,.txt">
<label for="f-document"><strong>Drop a document here</strong> or choose a file (PDF, JPEG, PNG or text)</label>
<p data-document-name>Using the built-in 6-page sample (<a href="/console/sample.pdf" download="printsim-sample.pdf">download it</a>).</p>
</div>
<div class="field"><label for="f-printer">Printer</label>
<select id="f-printer" name="printer" data-try-printer>${service.printerIds().map((id) => {
    const p = service.runtime(id);
    return html`<option value="${id}"${id === rt.id ? html` selected` : ''}>${p.displayName}</option>`;
  })}</select>
<noscript><button type="submit">Show this printer's options</button></noscript></div>
${configurationFields(rt)}
<label class="check"><input type="checkbox" name="proof" data-proof> Proof marks (sheet labels, staple and punch positions)</label>
<p id="try-hint" class="muted">Only values this printer supports are offered; empty fields take the printer's default.</p>
<div class="button-row">
<button type="button" class="primary" data-try-preview>Preview</button>
<button type="button" data-try-submit>Submit as a job</button>
</div>
<p class="error" role="alert" data-error></p>
</form>
<section class="try-result preview" aria-labelledby="try-result-h" aria-busy="false" data-try-result>
<h2 id="try-result-h">Sheets</h2>
<label class="check"><input type="checkbox" data-toggle-cells checked> Show page cells</label>
<div data-try-output><p class="muted">The preview appears here.</p></div>
</section>
</div>`;
}
