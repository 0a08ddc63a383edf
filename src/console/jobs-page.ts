// /jobs: every job, newest first, filtered and paged on the server; the
// newest page takes in new jobs live.
import { JOB_PROCESSING_STATES } from '../model/print-types.js';
import type { PrintService } from '../core/print-service.js';
import { html, type Html } from './html.js';
import { jobsTable } from './job-rows.js';
import { DEFAULT_PAGE_SIZE, knownOwners, queryJobs, type JobQuery } from './job-query.js';

function href(query: JobQuery, cursor: { before?: number; after?: number }): string {
  const p = new URLSearchParams();
  if (query.printerId !== undefined) p.set('printer', query.printerId);
  if (query.state !== undefined) p.set('state', query.state);
  if (query.owner !== undefined) p.set('owner', query.owner);
  if (query.door !== undefined) p.set('door', query.door);
  if (query.size !== DEFAULT_PAGE_SIZE) p.set('size', String(query.size));
  if (cursor.before !== undefined) p.set('before', String(cursor.before));
  if (cursor.after !== undefined) p.set('after', String(cursor.after));
  const s = p.toString();
  return s === '' ? '/jobs' : `/jobs?${s}`;
}

function option(value: string, label: string, selected: boolean): Html {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

export function jobsPage(service: PrintService, query: JobQuery): Html {
  const page = queryJobs(service, query);
  const newest = page.newerAfter === null;
  const filtered = query.printerId !== undefined || query.state !== undefined || query.owner !== undefined || query.door !== undefined;
  const owners = knownOwners(service);
  const pager = html`<nav class="pager" aria-label="Job pages">
${newest ? html`<span class="muted">Newest</span>` : html`<a href="${href(query, {})}">Newest</a>`}
${page.newerAfter === null ? '' : html`<a href="${href(query, { after: page.newerAfter })}" rel="prev">← Newer</a>`}
${page.olderBefore === null ? '' : html`<a href="${href(query, { before: page.olderBefore })}" rel="next">Older →</a>`}
</nav>`;
  return html`<h1>Jobs</h1>
<form class="filters" method="get" action="/jobs" role="search" aria-label="Filter jobs">
<label>Printer <select name="printer">${option('', 'Any printer', query.printerId === undefined)}${service
    .printerIds()
    .map((id) => option(id, service.runtime(id).displayName, query.printerId === id))}</select></label>
<label>State <select name="state">${option('', 'Any state', query.state === undefined)}${JOB_PROCESSING_STATES.filter((s) => s !== 'unknown').map((s) =>
    option(s, s, query.state === s),
  )}</select></label>
<label>Owner <input name="owner" list="owners" value="${query.owner ?? ''}" placeholder="user@contoso.com" autocomplete="off" size="22"></label>
<datalist id="owners">${owners.map((o) => html`<option value="${o}"></option>`)}</datalist>
<label>Door <select name="door">${option('', 'Graph or IPP', query.door === undefined)}${option('graph', 'Graph', query.door === 'graph')}${option('ipp', 'IPP', query.door === 'ipp')}</select></label>
${query.size !== DEFAULT_PAGE_SIZE ? html`<input type="hidden" name="size" value="${query.size}">` : ''}
<button type="submit">Filter</button>
${filtered ? html`<a href="/jobs">Clear filters</a>` : ''}
</form>
<p class="count"><span data-live-total>${page.total}</span> ${filtered ? 'matching jobs' : 'jobs'}${page.jobs.length > 1 ? html`; this page: job ${page.jobs[0]!.id} back to job ${page.jobs[page.jobs.length - 1]!.id}` : ''}.</p>
${pager}
${jobsTable(service, page.jobs, { newest, filter: query, size: query.size, caption: 'Jobs, newest first' })}
${pager}`;
}
