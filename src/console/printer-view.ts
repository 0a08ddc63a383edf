// Printer pieces shared by the home page and the printer page.
import type { PrintService } from '../core/print-service.js';
import type { PrinterRuntime } from '../core/printer-runtime.js';
import { humanize, stateChip } from './format.js';
import { html, type Html } from './html.js';
import { copyable } from './layout.js';

/** The IPP door serves every printer at /ipp/print/NAME; the first printer also at /ipp/print. */
export function ippUris(service: PrintService, rt: PrinterRuntime, host: string): string[] {
  const uris = [`ipp://${host}/ipp/print/${rt.definition.name}`];
  if (service.printerIds()[0] === rt.id) uris.push(`ipp://${host}/ipp/print`);
  return uris;
}

export function printerStatus(rt: PrinterRuntime): Html {
  const s = rt.status();
  return html`<p class="status">${stateChip(s.state, s.details.map(humanize))}${s.description ? html` <span class="muted">${s.description}</span>` : ''}</p>
${rt.state.isAcceptingJobs ? '' : html`<p class="warning">Not accepting jobs.</p>`}`;
}

export function printerCard(service: PrintService, rt: PrinterRuntime, host: string): Html {
  const current = rt.currentJobId();
  const queued = rt.queuedJobIds();
  return html`<article class="card printer-card" id="printer-${rt.id}" data-refresh-on="printer:${rt.id} jobs-of:${rt.id}" aria-labelledby="printer-${rt.id}-name">
<h3 id="printer-${rt.id}-name"><a href="/printers/${rt.id}">${rt.displayName}</a></h3>
<p class="muted">${rt.definition.manufacturer} ${rt.state.model ?? rt.definition.model}</p>
${printerStatus(rt)}
<p>${current === null ? 'Nothing printing' : html`Printing <a href="/jobs/${current}">job ${current}</a>`}${queued.length > 0 ? `, ${queued.length} queued` : ''}.</p>
<dl class="ids">
<dt>IPP</dt><dd>${copyable(ippUris(service, rt, host)[0]!, `IPP URI of ${rt.displayName}`)}</dd>
<dt>Graph id</dt><dd>${copyable(rt.id, `Graph id of ${rt.displayName}`)}</dd>
</dl>
</article>`;
}
