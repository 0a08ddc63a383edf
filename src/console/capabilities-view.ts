// Printer capabilities, defaults and job configurations as tables a person
// reads: words instead of enum members, millimetres instead of microns.
import type { EffectiveConfiguration, PrintJobConfiguration } from '../model/print-types.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import { humanize, millimetres } from './format.js';
import { html, type Html } from './html.js';

type Row = [label: string, supported: string, fallback: string];

function words(values: readonly unknown[] | undefined, show: (v: string) => string = humanize): string {
  if (values === undefined || values.length === 0) return '—';
  return values.map((v) => show(String(v))).join(', ');
}

function same(v: string): string {
  return v;
}

function def(v: unknown, show: (v: string) => string = humanize): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.length === 0 ? '' : v.map((x) => show(String(x))).join(', ');
  return show(String(v));
}

function yesNo(v: boolean | undefined): string {
  return v === true ? 'yes' : 'no';
}

export function capabilityRows(printer: PrinterDefinition): Row[] {
  const c = printer.capabilities;
  const d = printer.defaults;
  const margins = (m: number[] | undefined) => words(m, (v) => millimetres(Number(v)));
  const copies = c.copiesPerJob ?? { start: 1, end: 1 };
  return [
    ['Media sizes', words(c.mediaSizes, same), def(d.mediaSize, same)],
    ['Media types', words(c.mediaTypes), def(d.mediaType)],
    ['Media colours', words(c.mediaColors), def(d.mediaColor)],
    ['Colour modes', words(c.colorModes), def(d.colorMode)],
    ['Colour printing', yesNo(c.isColorPrintingSupported), ''],
    ['Duplex', words(c.duplexModes), def(d.duplexMode)],
    ['Pages per sheet', words(c.pagesPerSheet ?? [1], same), def(d.pagesPerSheet, same)],
    ['N-up layouts', words(c.multipageLayouts), def(d.multipageLayout)],
    ['Orientations', words(c.orientations), def(d.orientation)],
    ['Feed orientations', words(c.feedOrientations), ''],
    ['Scaling', words(c.scalings), def(d.scaling)],
    ['Fit PDF to page', yesNo(c.supportsFitPdfToPage), d.fitPdfToPage == null ? '' : yesNo(d.fitPdfToPage)],
    ['Quality', words(c.qualities), def(d.quality)],
    ['Resolution', words(c.dpis, (v) => `${v} dpi`), def(d.dpi, (v) => `${v} dpi`)],
    ['Copies', copies.start === copies.end ? `${copies.start}` : `${copies.start}–${copies.end}`, def(d.copiesPerJob, same)],
    ['Collation', yesNo(c.collation), ''],
    ['Page ranges', yesNo(c.isPageRangeSupported), ''],
    ['Finishings', words(c.finishings ?? ['none']), def(d.finishings)],
    ['Input bins', words(c.inputBins, same), def(d.inputBin, same)],
    ['Output bins', words(c.outputBins, same), def(d.outputBin, same)],
    ['Top margins', margins(c.topMargins), ''],
    ['Bottom margins', margins(c.bottomMargins), ''],
    ['Left margins', margins(c.leftMargins), ''],
    ['Right margins', margins(c.rightMargins), ''],
    ['Document formats', words(c.contentTypes, same), def(d.contentType, same)],
  ];
}

export function capabilitiesTable(printer: PrinterDefinition): Html {
  return html`<div class="table-wrap"><table class="caps">
<caption class="visually-hidden">Capabilities and defaults of ${printer.displayName}</caption>
<thead><tr><th scope="col">Feature</th><th scope="col">Supported</th><th scope="col">Default</th></tr></thead>
<tbody>${capabilityRows(printer).map(([label, supported, fallback]) => html`<tr><th scope="row">${label}</th><td>${supported}</td><td>${fallback || html`<span class="muted">—</span>`}</td></tr>`)}</tbody>
</table></div>`;
}

const CONFIG_FIELDS: Array<[keyof EffectiveConfiguration, string]> = [
  ['copies', 'Copies'],
  ['collate', 'Collate'],
  ['mediaSize', 'Media size'],
  ['mediaType', 'Media type'],
  ['orientation', 'Orientation'],
  ['duplexMode', 'Duplex'],
  ['pagesPerSheet', 'Pages per sheet'],
  ['multipageLayout', 'N-up layout'],
  ['pageRanges', 'Page ranges'],
  ['scaling', 'Scaling'],
  ['fitPdfToPage', 'Fit PDF to page'],
  ['colorMode', 'Colour mode'],
  ['quality', 'Quality'],
  ['dpi', 'Resolution'],
  ['finishings', 'Finishings'],
  ['inputBin', 'Input bin'],
  ['outputBin', 'Output bin'],
  ['feedOrientation', 'Feed orientation'],
  ['margin', 'Margins'],
];

function showValue(key: keyof EffectiveConfiguration, v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (key) {
    case 'pageRanges':
      return (v as Array<{ start: number; end: number }>).map((r) => (r.start === r.end ? `${r.start}` : `${r.start}–${r.end}`)).join(', ') || 'all pages';
    case 'finishings':
      return (v as string[]).map(humanize).join(', ') || 'none';
    case 'margin': {
      const m = v as Record<string, number | null | undefined>;
      return ['top', 'bottom', 'left', 'right']
        .filter((s) => m[s] !== null && m[s] !== undefined)
        .map((s) => `${s} ${millimetres(m[s]!)}`)
        .join(', ');
    }
    case 'dpi':
      return `${String(v)} dpi`;
    case 'mediaSize':
    case 'inputBin':
    case 'outputBin':
    case 'mediaType':
      return String(v);
    case 'collate':
    case 'fitPdfToPage':
      return v === true ? 'yes' : 'no';
    default:
      return humanize(String(v));
  }
}

/** What the job asked for next to what the printer prints (defaults filled in). */
export function configurationTable(requested: PrintJobConfiguration, effective: EffectiveConfiguration | null): Html {
  return html`<div class="table-wrap"><table class="config">
<caption class="visually-hidden">Job configuration</caption>
<thead><tr><th scope="col">Setting</th><th scope="col">Requested</th><th scope="col">Printed with</th></tr></thead>
<tbody>${CONFIG_FIELDS.map(([key, label]) => {
    const asked = showValue(key, (requested as Record<string, unknown>)[key]);
    const used = effective === null ? '' : showValue(key, effective[key]);
    return html`<tr${asked !== '' ? html` class="asked"` : ''}><th scope="row">${label}</th><td>${asked || html`<span class="muted">default</span>`}</td><td>${used || html`<span class="muted">—</span>`}</td></tr>`;
  })}</tbody>
</table></div>`;
}
