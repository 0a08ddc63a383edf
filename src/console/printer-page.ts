// /printers/{id}: identity, live status and queue, fault injection, and
// capabilities with defaults.
import { PRINTER_STATE_DETAILS } from '../model/print-types.js';
import type { PrintService } from '../core/print-service.js';
import type { PrinterRuntime } from '../core/printer-runtime.js';
import { capabilitiesTable } from './capabilities-view.js';
import { sentence, time } from './format.js';
import { html, type Html } from './html.js';
import { jobsTable } from './job-rows.js';
import { queryJobs } from './job-query.js';
import { copyable } from './layout.js';
import { ippUris, printerStatus } from './printer-view.js';

/** Conditions that stop a real printer, offered as one-click faults. */
export const QUICK_FAULTS = [
  'mediaJam', 'mediaEmpty', 'mediaNeeded', 'coverOpen', 'doorOpen', 'inputTrayMissing',
  'outputAreaFull', 'tonerEmpty', 'markerSupplyEmpty', 'paused',
] as const;

const RECENT = 20;

function location(rt: PrinterRuntime): string {
  const l = rt.effectiveDefinition().location;
  if (l === undefined) return '';
  return [l.roomName, l.floor !== undefined && l.floor !== null ? `floor ${l.floor}` : null, l.building, l.streetAddress, l.city, l.countryOrRegion]
    .filter((x) => x !== null && x !== undefined && x !== '')
    .join(', ');
}

export function printerStatusSection(service: PrintService, rt: PrinterRuntime): Html {
  const current = rt.currentJobId();
  const queued = rt.queuedJobIds();
  return html`<section id="printer-status" data-refresh-on="printer:${rt.id} jobs-of:${rt.id}" aria-labelledby="status-h">
<h2 id="status-h">Status</h2>
${printerStatus(rt)}
<p>${current === null ? 'Nothing on the device.' : html`Printing <a href="/jobs/${current}">job ${current}</a>.`}</p>
${queued.length === 0 ? html`<p class="muted">Queue empty.</p>` : html`<p>Queue (${queued.length}):</p><ol class="queue">${queued.slice(0, 50).map((id) => html`<li><a href="/jobs/${id}">Job ${id}</a></li>`)}</ol>${queued.length > 50 ? html`<p class="muted">and ${queued.length - 50} more.</p>` : ''}`}
</section>`;
}

export function printerPage(service: PrintService, rt: PrinterRuntime, host: string): Html {
  const def = rt.effectiveDefinition();
  const uris = ippUris(service, rt, host);
  const recent = queryJobs(service, { printerId: rt.id, size: RECENT });
  const where = location(rt);
  return html`<h1>${rt.displayName}</h1>
<div class="columns">
<section aria-labelledby="identity-h">
<h2 id="identity-h">Identity</h2>
<dl class="facts">
<dt>Name</dt><dd><code>${rt.definition.name}</code>${uris.length > 1 ? html` <span class="chip">default printer</span>` : ''}</dd>
<dt>Model</dt><dd>${def.manufacturer} ${def.model}</dd>
${where !== '' ? html`<dt>Location</dt><dd>${where}</dd>` : ''}
<dt>Graph id</dt><dd>${copyable(rt.id, 'Graph id')}</dd>
<dt>IPP URI</dt><dd>${uris.map((u, i) => html`${i > 0 ? html`<br>` : ''}${copyable(u, i === 0 ? 'IPP URI' : 'default IPP URI')}`)}</dd>
<dt>Speed</dt><dd>${def.speed.impressionsPerMinute} impressions a minute, ${def.speed.warmUpSeconds} s warm-up</dd>
<dt>Registered</dt><dd>${time(rt.state.registeredDateTime)}</dd>
</dl>
</section>
${printerStatusSection(service, rt)}
</div>
<section aria-labelledby="faults-h" class="faults" data-printer-id="${rt.id}">
<h2 id="faults-h">Faults</h2>
<p class="muted">Reports a status for this printer exactly as its printer application would over Graph: a stopped printer stops the job it is printing, which carries on when the fault clears.</p>
<div class="button-row" role="group" aria-label="Stop the printer with">
${QUICK_FAULTS.map((d) => html`<button type="button" data-fault="${d}">${sentence(d)}</button>`)}
</div>
<form class="other-fault" data-other-fault>
<label>Other condition <select name="detail">${PRINTER_STATE_DETAILS.filter((d) => d !== 'none').map((d) => html`<option value="${d}">${sentence(d)}</option>`)}</select></label>
<label class="check"><input type="checkbox" name="stops" checked> stops printing</label>
<button type="submit">Report</button>
</form>
<p><button type="button" class="primary" data-clear-fault>Clear fault</button></p>
<p class="error" role="alert" data-error></p>
</section>
<section aria-labelledby="caps-h">
<h2 id="caps-h">Capabilities and defaults</h2>
${capabilitiesTable(def)}
</section>
<section aria-labelledby="recent-h">
<h2 id="recent-h">Recent jobs</h2>
${jobsTable(service, recent.jobs, { newest: true, filter: { printerId: rt.id }, size: RECENT, caption: `Recent jobs on ${rt.displayName}` })}
<p><a href="/jobs?printer=${rt.id}">All <span data-live-total>${recent.total}</span> jobs on this printer</a></p>
</section>`;
}
