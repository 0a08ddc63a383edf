// What a browser sees at a printer URI (GET /ipp/print[/NAME]): state, queue
// and a link to the console; IPP itself is POST only (RFC 8010 §4).

import type { PrinterRuntime } from '../core/printer-runtime.js';
import type { IppDoor } from './ipp-door.js';
import { ippJobState } from './job-state.js';
import { jobName, jobOwner } from './job-attributes.js';
import { enumKeyword } from './codec/index.js';
import { printerUri } from './uris.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function statusPage(door: IppDoor, rt: PrinterRuntime, host: string): string {
  const def = rt.effectiveDefinition();
  const status = rt.status();
  const jobs = door.service.queryJobs({ printerId: rt.id, order: 'seqDesc', limit: 20 });
  const rows = jobs
    .map((j) => {
      const s = ippJobState(door.service, j);
      return `<tr><td>${esc(j.id)}</td><td>${esc(jobName(j))}</td><td>${esc(jobOwner(j))}</td><td>${esc(enumKeyword('job-state', s.state) ?? String(s.state))}</td><td>${esc(j.door)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(rt.displayName)} - printsim</title>
<style>body{font-family:sans-serif;margin:2em;max-width:60em}td,th{padding:.2em .8em;text-align:left}</style></head>
<body>
<h1><img src="/ipp/print/${esc(def.name)}/icon.png" alt="" width="48" height="48"> ${esc(rt.displayName)}</h1>
<p>${esc(def.manufacturer)} ${esc(def.model)}. IPP printer URI: <code>${esc(printerUri(host, def.name))}</code></p>
<p>State: <strong>${esc(status.state)}</strong> (${esc(door.printerStateReasons(rt).join(', '))})${status.description ? ` - ${esc(status.description)}` : ''}.
${rt.state.isAcceptingJobs ? 'Accepting jobs.' : 'Not accepting jobs.'}</p>
${identified(door, rt)}<p><a href="/">Open the printsim console</a></p>
<h2>Recent jobs</h2>
<table><tr><th>Job</th><th>Name</th><th>Owner</th><th>State</th><th>Door</th></tr>
${rows || '<tr><td colspan="5">No jobs yet.</td></tr>'}
</table>
</body></html>
`;
}

/** The last Identify-Printer: what a real printer would have beeped or shown. */
function identified(door: IppDoor, rt: PrinterRuntime): string {
  const i = door.printerExtras(rt.id).identified;
  if (i === null) return '';
  const when = new Date(i.at).toISOString();
  return `<p>Identified at ${esc(when)} (${esc(i.actions.join(', '))})${i.message === null ? '' : `: ${esc(i.message)}`}.</p>\n`;
}
