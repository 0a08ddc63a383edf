// /jobs/{id}: configuration, timeline, sheet manifest and a preview of the
// printed output, with downloads and cancel.
import type { EffectiveConfiguration } from '../model/print-types.js';
import { isFinalLeaf } from '../core/job-machine.js';
import type { PrintService } from '../core/print-service.js';
import type { JobRecord } from '../model/records.js';
import { resolveConfiguration } from '../core/validate-configuration.js';
import type { SheetManifest } from '../model/manifest.js';
import { configurationTable } from './capabilities-view.js';
import { bytes, doorLabel, jobTitle, leafLabel, ownerOf, stateChip, time } from './format.js';
import { html, type Html } from './html.js';
import { printerName } from './job-rows.js';
import { pagesPreview, sheetPreview } from './sheet-preview.js';

export const PREVIEW_SHEETS = 40;

export interface JobPageData {
  job: JobRecord;
  hasOutput: boolean;
  manifest: SheetManifest | null;
  /** Pages of the output PDF, when there is output but no sheet manifest. */
  outputPages: number | null;
  /** Every sheet instead of the first PREVIEW_SHEETS. */
  allSheets: boolean;
  previewError: string | null;
}

function elapsed(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms)) return '';
  return ms < 60_000 ? `+${(ms / 1000).toFixed(1)} s` : `+${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function effectiveOf(service: PrintService, job: JobRecord): EffectiveConfiguration | null {
  if (!service.hasPrinter(job.printerId)) return null;
  try {
    return resolveConfiguration(job.configuration, service.runtime(job.printerId).effectiveDefinition());
  } catch {
    // The printer's capabilities changed since the job was accepted.
    return null;
  }
}

export function jobSummary(service: PrintService, job: JobRecord): Html {
  const status = service.jobStatus(job);
  const doc = job.documents[0];
  return html`<section id="job-summary" data-refresh-on="job:${job.id}" aria-labelledby="summary-h">
<h2 id="summary-h" class="visually-hidden">Summary</h2>
<p class="status">${stateChip(status.state, status.details)} <span class="muted">${status.description}</span></p>
<dl class="facts">
<dt>Printer</dt><dd><a href="/printers/${job.printerId}">${printerName(service, job.printerId)}</a></dd>
<dt>Owner</dt><dd>${ownerOf(job) || '—'}${job.createdBy.displayName && job.createdBy.displayName !== ownerOf(job) ? html` <span class="muted">(${job.createdBy.displayName})</span>` : ''}</dd>
<dt>Door</dt><dd>${doorLabel(job.door)}${job.shareId !== null ? html` <span class="muted">through share ${job.shareId}</span>` : ''}</dd>
<dt>Document</dt><dd>${doc === undefined || doc.displayName === '' ? html`<span class="muted">not uploaded</span>` : html`${doc.displayName} <span class="muted">${doc.contentType}, ${bytes(doc.size)}${doc.complete ? '' : ', incomplete'}</span>`}</dd>
<dt>Created</dt><dd>${time(job.createdDateTime)}</dd>
<dt>Acquired by printer</dt><dd>${time(job.acknowledgedDateTime)}</dd>
<dt>Completed</dt><dd>${time(job.completedDateTime)}</dd>
<dt>Impressions</dt><dd>${job.impressions}</dd>
${job.errorCode !== null ? html`<dt>Error code</dt><dd>${job.errorCode}</dd>` : ''}
${job.redirectedFrom !== null ? html`<dt>Redirected from</dt><dd><a href="/jobs/${job.redirectedFrom}">job ${job.redirectedFrom}</a></dd>` : ''}
${job.redirectedTo !== null ? html`<dt>Redirected to</dt><dd><a href="/jobs/${job.redirectedTo}">job ${job.redirectedTo}</a></dd>` : ''}
</dl>
${job.warnings.length > 0 ? html`<h3>Warnings</h3><ul class="warnings">${job.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
</section>`;
}

export function jobActions(job: JobRecord, hasOutput: boolean): Html {
  const doc = job.documents[0];
  return html`<div id="job-actions" class="button-row" data-refresh-on="job:${job.id}">
${isFinalLeaf(job.leaf) ? '' : html`<button type="button" class="danger" data-cancel-job="${job.id}">Cancel job</button>`}
${hasOutput ? html`<a class="button" href="/console/jobs/${job.id}/output" download="job-${job.id}.pdf">Download output PDF</a>` : ''}
${doc?.complete === true ? html`<a class="button" href="/console/jobs/${job.id}/document" download>Download original document</a>` : ''}
${hasOutput ? html`<a class="button" href="/console/jobs/${job.id}/manifest" download="job-${job.id}-manifest.json">Download manifest</a>` : ''}
<p class="error" role="alert" data-error></p>
</div>`;
}

function timeline(job: JobRecord): Html {
  const first = job.timeline[0]?.at ?? job.createdDateTime;
  return html`<section id="job-timeline" data-refresh-on="job:${job.id}" aria-labelledby="timeline-h">
<h2 id="timeline-h">Timeline</h2>
<div class="table-wrap"><table class="timeline">
<caption class="visually-hidden">Every state transition of job ${job.id}</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Since created</th><th scope="col">State</th><th scope="col">Reason</th></tr></thead>
<tbody>${job.timeline.map((t) => html`<tr data-leaf="${t.leaf}"><td data-label="Time">${time(t.at)}</td><td data-label="Since created">${elapsed(first, t.at)}</td><td data-label="State">${leafLabel(t.leaf)}</td><td data-label="Reason">${t.reason}</td></tr>`)}</tbody>
</table></div>
</section>`;
}

function preview(data: JobPageData): Html {
  const { job } = data;
  const opts = {
    pageUrl: (p: number) => `/console/jobs/${job.id}/pages/${p}`,
    limit: data.allSheets ? Number.MAX_SAFE_INTEGER : PREVIEW_SHEETS,
    allHref: data.allSheets ? null : `/jobs/${job.id}?sheets=all#job-preview`,
  };
  let body: Html;
  if (!data.hasOutput) {
    body = isFinalLeaf(job.leaf)
      ? html`<p class="muted">This job ended without output.</p>`
      : html`<p class="muted">The output appears here once the printer has rendered the job.</p>`;
  } else if (data.previewError !== null) {
    body = html`<p class="warning">No preview: ${data.previewError}</p>`;
  } else if (data.manifest !== null && data.manifest.sheets.length > 0) {
    body = sheetPreview(data.manifest, opts);
  } else {
    body = pagesPreview(data.outputPages ?? 0, opts);
  }
  // Until there is output the section refreshes itself; afterwards it never changes.
  return html`<section id="job-preview" class="preview"${data.hasOutput ? '' : html` data-refresh-on="job:${job.id}"`} aria-labelledby="preview-h">
<h2 id="preview-h">Printed output</h2>
<label class="check"><input type="checkbox" data-toggle-cells checked> Show page cells</label>
${body}
</section>`;
}

function manifestSection(data: JobPageData): Html {
  if (data.manifest === null) return html``;
  const json = JSON.stringify(data.manifest, null, 2);
  const shown = json.length > 200_000 ? `${json.slice(0, 200_000)}\n… (download the manifest for the rest)` : json;
  return html`<section aria-labelledby="manifest-h">
<h2 id="manifest-h">Sheet manifest</h2>
<details><summary>Manifest JSON (${data.manifest.sheets.length} sheets)</summary><pre class="json">${shown}</pre></details>
</section>`;
}

export function jobPage(service: PrintService, data: JobPageData): Html {
  const { job } = data;
  const title = jobTitle(job);
  return html`<h1>Job ${job.id}${title !== '' ? html` <span class="muted">${title}</span>` : ''}</h1>
${jobActions(job, data.hasOutput)}
${jobSummary(service, job)}
${preview(data)}
<div class="columns">
<section aria-labelledby="config-h">
<h2 id="config-h">Configuration</h2>
${configurationTable(job.configuration, effectiveOf(service, job))}
</section>
${timeline(job)}
</div>
${manifestSection(data)}`;
}
