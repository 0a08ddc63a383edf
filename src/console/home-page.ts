// /: the printers at a glance and the latest jobs.
import type { PrintService } from '../core/print-service.js';
import { html, type Html } from './html.js';
import { jobsTable } from './job-rows.js';
import { queryJobs } from './job-query.js';
import { printerCard } from './printer-view.js';

const LATEST = 10;

export function homePage(service: PrintService, host: string): Html {
  const latest = queryJobs(service, { size: LATEST });
  return html`<h1>Printers</h1>
<div class="cards">${service.printerIds().map((id) => printerCard(service, service.runtime(id), host))}</div>
<h2>Latest jobs</h2>
${jobsTable(service, latest.jobs, { newest: true, filter: {}, size: LATEST, caption: 'Latest jobs' })}
<p><a href="/jobs">All <span data-live-total>${latest.total}</span> jobs</a></p>`;
}
