// Job attributes for Get-Job-Attributes and Get-Jobs (RFC 8011 §5.3), for
// jobs from either door: job-originating-user-name is the creator's
// userPrincipalName, Job Template attributes come from the Graph
// configuration through the mapping table (or as they were sent, while the
// configuration still says the same).

import type { JobRecord } from '../model/records.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import { attr, type IppAttribute } from './codec/index.js';
import type { IppDoor } from './ipp-door.js';
import { extrasOf } from './job-extras.js';
import { ippJobState } from './job-state.js';
import { TEMPLATE_TABLE, type TemplateRow } from './job-template-mapping.js';
import type { JobGroup, Tagged } from './requested-attributes.js';
import { consoleUrl, jobPrinterUri, jobUri } from './uris.js';

/** job-originating-user-name of any job: who created it (RFC 8011 §5.3.6). */
export function jobOwner(job: JobRecord): string {
  return job.createdBy.userPrincipalName ?? job.createdBy.displayName ?? 'anonymous';
}

/** job-name: the Graph displayName, else the first document's name (RFC 8011 §5.3.5). */
export function jobName(job: JobRecord): string {
  const name = job.displayName ?? job.documents.find((d) => d.displayName !== '')?.displayName ?? `Job ${job.id}`;
  return name.length <= 255 ? name : name.slice(0, 255);
}

/** Whether a requested-attributes set asks for any Job Template attribute (they cost the most to build). */
export function wantsTemplate(requested: Set<string> | null, byDefault: readonly string[]): boolean {
  const names = requested ?? new Set(byDefault);
  return names.has('all') || names.has('job-template') || TEMPLATE_TABLE.some((r) => names.has(r.name));
}

export function jobAttributes(door: IppDoor, job: JobRecord, host: string, withTemplate = true): Array<Tagged<JobGroup>> {
  const service = door.service;
  const rt = service.runtime(job.printerId);
  const def = rt.effectiveDefinition();
  const out: Array<Tagged<JobGroup>> = [];
  const d = (attribute: IppAttribute): void => void out.push({ group: 'job-description', attribute });
  const state = ippJobState(service, job);
  const processingAt = job.timeline.find((e) => e.leaf.startsWith('processing'))?.at ?? null;
  const docs = job.documents.filter((x) => x.complete);
  const octets = docs.reduce((n, x) => n + x.size, 0);
  const printed = job.leaf === 'completed' ? job.impressions : 0;
  const sheets = (impressions: number): number =>
    job.configuration.duplexMode != null && job.configuration.duplexMode !== 'oneSided' ? Math.ceil(impressions / 2) : impressions;
  const position = rt.queuePosition(job.id);

  d(attr.integer('job-id', Number(job.id)));
  d(attr.uri('job-uri', jobUri(host, def.name, job.id)));
  d(attr.uri('job-printer-uri', jobPrinterUri(host, def.name, extrasOf(job).viaDefaultUri === true)));
  d(attr.uri('job-more-info', consoleUrl(host)));
  d(attr.uri('job-uuid', jobUuid(def, job)));
  d(attr.name('job-name', extrasOf(job).name ?? jobName(job)));
  d(attr.name('job-originating-user-name', jobOwner(job)));
  d(attr.enum('job-state', state.state));
  d(attr.keyword('job-state-reasons', ...(state.reasons as [string, ...string[]])));
  d(attr.text('job-state-message', state.message.length <= 1023 ? state.message : state.message.slice(0, 1023)));
  d(attr.integer('number-of-documents', docs.length));
  d(attr.integer('number-of-intervening-jobs', Math.max(0, position)));
  d(attr.name('output-device-assigned', def.name));
  d(attr.integer('time-at-creation', door.upTimeOf(job.createdDateTime)));
  d(processingAt === null ? attr.oob('time-at-processing', 'no-value') : attr.integer('time-at-processing', door.upTimeOf(processingAt)));
  d(job.completedDateTime === null ? attr.oob('time-at-completed', 'no-value') : attr.integer('time-at-completed', door.upTimeOf(job.completedDateTime)));
  d(attr.integer('job-printer-up-time', door.upTime()));
  d(attr.dateTime('date-time-at-creation', new Date(job.createdDateTime)));
  d(processingAt === null ? attr.oob('date-time-at-processing', 'no-value') : attr.dateTime('date-time-at-processing', new Date(processingAt)));
  d(job.completedDateTime === null ? attr.oob('date-time-at-completed', 'no-value') : attr.dateTime('date-time-at-completed', new Date(job.completedDateTime)));
  d(attr.integer('job-k-octets', Math.ceil(octets / 1024)));
  d(attr.integer('job-k-octets-processed', job.impressions > 0 ? Math.ceil(octets / 1024) : 0));
  d(job.impressions > 0 ? attr.integer('job-impressions', job.impressions) : attr.oob('job-impressions', 'no-value'));
  d(attr.integer('job-impressions-completed', printed));
  d(job.impressions > 0 ? attr.integer('job-media-sheets', sheets(job.impressions)) : attr.oob('job-media-sheets', 'no-value'));
  d(attr.integer('job-media-sheets-completed', sheets(printed)));
  const first = extrasOf(job).documents?.[0];
  if (first !== undefined) {
    d(attr.mimeMediaType('document-format-supplied', first.format));
    if (first.detected !== null) d(attr.mimeMediaType('document-format-detected', first.detected));
    d(attr.keyword('compression-supplied', first.compression));
  }
  if (withTemplate) for (const a of templateAttributes(job, def)) out.push({ group: 'job-template', attribute: a });
  return out;
}

/**
 * The Job Template attributes of a job: for each mapping row, the value as the
 * client sent it while the configuration still maps to it (so it is echoed
 * exactly), else what the configuration says now (Graph jobs, Graph PATCHes).
 */
export function templateAttributes(job: JobRecord, def: PrinterDefinition): IppAttribute[] {
  const sent = new Map((extrasOf(job).template ?? []).map((a) => [a.name, a]));
  const out: IppAttribute[] = [];
  for (const row of TEMPLATE_TABLE) {
    const stored = sent.get(row.name);
    if (row.graph.length === 0) {
      if (stored !== undefined) out.push(stored);
      else if (row.name === 'job-hold-until' && job.leaf === 'paused.held') out.push(attr.keyword('job-hold-until', 'indefinite'));
      continue;
    }
    if (stored !== undefined && stillMeans(row, stored, job, def)) out.push(stored);
    else {
      const derived = row.fromGraph?.(job.configuration);
      if (derived !== undefined) out.push(derived);
    }
  }
  return out;
}

function stillMeans(row: TemplateRow, stored: IppAttribute, job: JobRecord, def: PrinterDefinition): boolean {
  const accepted = row.accept(stored, def);
  if (accepted === null) return false;
  const config = job.configuration as Record<string, unknown>;
  const patch = accepted.patch as Record<string, unknown>;
  return Object.keys(patch).every((k) => JSON.stringify(patch[k] ?? null) === JSON.stringify(config[k] ?? null));
}

/** A stable urn:uuid for a job (PWG 5100.13 job-uuid): the printer's id with the job number in its last group. */
function jobUuid(def: PrinterDefinition, job: JobRecord): string {
  const id = def.id.toLowerCase();
  const tail = (BigInt(`0x${id.slice(-12)}`) ^ BigInt(job.seq)).toString(16).padStart(12, '0');
  return `urn:uuid:${id.slice(0, -12)}${tail}`;
}
