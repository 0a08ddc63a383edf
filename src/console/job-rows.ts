// One table row per job, rendered the same way on the pages and in the live
// events, so an update replaces a row with exactly what a reload would show.
import type { PrintService } from '../core/print-service.js';
import type { JobRecord } from '../model/records.js';
import { doorLabel, jobTitle, ownerOf, stateChip, time } from './format.js';
import { html, type Html } from './html.js';
import type { JobFilter } from './job-query.js';

export function printerName(service: PrintService, printerId: string): string {
  return service.hasPrinter(printerId) ? service.runtime(printerId).displayName : printerId;
}

export function jobRow(service: PrintService, job: JobRecord): Html {
  const status = service.jobStatus(job);
  const title = jobTitle(job);
  const last = job.timeline[job.timeline.length - 1];
  return html`<tr data-job-id="${job.id}" data-seq="${job.seq}" data-state="${status.state}">
<td data-label="Job"><a href="/jobs/${job.id}">Job ${job.id}</a>${title !== '' ? html` <span class="muted">${title}</span>` : ''}</td>
<td data-label="State" class="state">${stateChip(status.state, status.details)}</td>
<td data-label="Owner">${ownerOf(job) || html`<span class="muted">—</span>`}</td>
<td data-label="Door">${doorLabel(job.door)}</td>
<td data-label="Printer"><a href="/printers/${job.printerId}">${printerName(service, job.printerId)}</a></td>
<td data-label="Created">${time(job.createdDateTime)}</td>
<td data-label="Last change">${time(last?.at)}</td>
</tr>`;
}

export interface JobsTableOptions {
  /** Whether new jobs are added at the top as they arrive (the newest page). */
  newest: boolean;
  filter: JobFilter;
  /** Rows the table keeps when new jobs push older ones out. */
  size: number;
  caption: string;
}

export function jobsTable(service: PrintService, jobs: JobRecord[], opts: JobsTableOptions): Html {
  const f = opts.filter;
  return html`<div class="table-wrap">
<table class="jobs" data-live-jobs data-newest="${opts.newest ? 'true' : 'false'}" data-size="${opts.size}"
  data-filter-printer="${f.printerId ?? ''}" data-filter-state="${f.state ?? ''}" data-filter-owner="${f.owner ?? ''}" data-filter-door="${f.door ?? ''}">
<caption class="visually-hidden">${opts.caption}</caption>
<thead><tr><th scope="col">Job</th><th scope="col">State</th><th scope="col">Owner</th><th scope="col">Door</th><th scope="col">Printer</th><th scope="col">Created</th><th scope="col">Last change</th></tr></thead>
<tbody>${jobs.map((j) => jobRow(service, j))}</tbody>
</table>
<p class="empty muted"${jobs.length > 0 ? html` hidden` : ''}>No jobs yet.</p>
</div>`;
}
