import type { PrintJobConfiguration } from '../model/print-types.js';
import type { PrintService } from '../core/print-service.js';
import type { PrinterRuntime } from '../core/printer-runtime.js';
import type { DocumentRecord, JobRecord, ShareRecord, TaskDefinitionRecord, TaskRecord, TaskTriggerRecord, UploadSessionRecord } from '../model/records.js';
import { nextExpectedRanges } from '../core/print-service.js';

/** Graph API version of the request: beta adds job fields. */
export type GraphVersion = 'v1.0' | 'beta';

/** Where a response is rendered: turns stored paths into absolute Graph URLs. */
export interface GraphView {
  /** e.g. http://127.0.0.1:8631 */
  origin: string;
  version: GraphVersion;
}

export function graphRoot(v: GraphView): string {
  return `${v.origin}/${v.version}`;
}

export function contextUrl(v: GraphView, fragment: string): string {
  return `${graphRoot(v)}/$metadata#${fragment}`;
}

const CONFIG_KEYS: Array<keyof PrintJobConfiguration> = [
  'feedOrientation', 'pageRanges', 'quality', 'dpi', 'orientation', 'copies', 'duplexMode', 'colorMode', 'inputBin',
  'outputBin', 'mediaSize', 'mediaType', 'margin', 'finishings', 'pagesPerSheet', 'multipageLayout', 'collate',
  'scaling', 'fitPdfToPage',
];

/** printJobConfiguration with every property present (null when unset), as Graph returns it. */
export function configurationJson(c: PrintJobConfiguration): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS) {
    const v = c[k];
    out[k] = v === undefined ? (k === 'pageRanges' || k === 'finishings' ? [] : null) : v;
  }
  return out;
}

export function documentJson(d: DocumentRecord): Record<string, unknown> {
  return {
    id: d.id,
    displayName: d.displayName,
    contentType: d.contentType,
    size: d.size,
    uploadedDateTime: d.uploadedDateTime,
    downloadedDateTime: d.downloadedDateTime,
  };
}

export function taskJson(v: GraphView, t: TaskRecord): Record<string, unknown> {
  return { id: t.id, parentUrl: `${graphRoot(v)}${t.parentUrl}`, status: { ...t.status } };
}

export function jobJson(
  v: GraphView,
  service: PrintService,
  job: JobRecord,
  opts: { documents?: boolean; tasks?: boolean } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: job.id,
    createdDateTime: job.createdDateTime,
    createdBy: { ...job.createdBy },
    status: service.jobStatus(job),
    configuration: configurationJson(job.configuration),
    isFetchable: job.isFetchable,
    redirectedFrom: job.redirectedFrom === null ? null : `${graphRoot(v)}${job.redirectedFrom}`,
    redirectedTo: job.redirectedTo === null ? null : `${graphRoot(v)}${job.redirectedTo}`,
    errorCode: job.errorCode,
    acknowledgedDateTime: job.acknowledgedDateTime,
  };
  if (v.version === 'beta') {
    out.displayName = job.displayName ?? job.documents[0]?.displayName ?? null;
    out.completedDateTime = job.completedDateTime;
  }
  if (opts.documents === true) out.documents = job.documents.map(documentJson);
  if (opts.tasks === true) out.tasks = service.tasksOfJob(job.id).map((t) => taskJson(v, t));
  return out;
}

export function printerJson(
  v: GraphView,
  service: PrintService,
  rt: PrinterRuntime,
  opts: { defaults: boolean; capabilities: boolean },
): Record<string, unknown> {
  const def = rt.effectiveDefinition();
  const share = service.listShares().filter((s) => s.printerId === rt.id);
  const out: Record<string, unknown> = {
    id: rt.id,
    displayName: def.displayName,
    manufacturer: def.manufacturer,
    model: def.model,
    registeredDateTime: rt.state.registeredDateTime,
    isShared: share.length > 0,
    hasPhysicalDevice: false,
    isAcceptingJobs: rt.state.isAcceptingJobs,
    lastSeenDateTime: service.isoNow(),
    status: rt.status(),
    location: def.location ?? null,
  };
  if (opts.defaults) out.defaults = { ...def.defaults };
  if (opts.capabilities) out.capabilities = { ...def.capabilities };
  return out;
}

export function shareJson(
  v: GraphView,
  service: PrintService,
  s: ShareRecord,
  opts: { defaults: boolean; capabilities: boolean },
): Record<string, unknown> {
  const rt = service.runtime(s.printerId);
  const def = rt.effectiveDefinition();
  const out: Record<string, unknown> = {
    id: s.id,
    displayName: s.displayName,
    manufacturer: def.manufacturer,
    model: def.model,
    isAcceptingJobs: rt.state.isAcceptingJobs,
    allowAllUsers: s.allowAllUsers,
    createdDateTime: s.createdDateTime,
    status: rt.status(),
    location: def.location ?? null,
  };
  if (opts.defaults) out.defaults = { ...def.defaults };
  if (opts.capabilities) out.capabilities = { ...def.capabilities };
  return out;
}

export function taskDefinitionJson(d: TaskDefinitionRecord): Record<string, unknown> {
  return { id: d.id, displayName: d.displayName, createdBy: { ...d.createdBy } };
}

export function triggerJson(t: TaskTriggerRecord): Record<string, unknown> {
  return { id: t.id, event: t.event };
}

export function uploadSessionJson(v: GraphView, s: UploadSessionRecord): Record<string, unknown> {
  return {
    '@odata.context': contextUrl(v, 'microsoft.graph.uploadSession'),
    uploadUrl: uploadUrl(v.origin, s),
    expirationDateTime: s.expirationDateTime,
    nextExpectedRanges: nextExpectedRanges(s),
  };
}

/** The pre-authenticated upload URL (no Authorization header needed). */
export function uploadUrl(origin: string, s: UploadSessionRecord): string {
  return `${origin}/uploadSessions/${s.id}?tempauthtoken=${s.token}`;
}
