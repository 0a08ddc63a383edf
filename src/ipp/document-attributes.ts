// Document objects (PWG 5100.5): each document of a job, numbered from 1.

import type { DocumentRecord, JobRecord } from '../model/records.js';
import { attr, DOCUMENT_STATE, JOB_STATE, type IppAttribute } from './codec/index.js';
import { IppError } from './ipp-error.js';
import type { IppDoor } from './ipp-door.js';
import { extrasOf } from './job-extras.js';
import { ippJobState } from './job-state.js';
import { opInteger, type OperationContext } from './operation-context.js';
import { jobPrinterUri, jobUri } from './uris.js';

/** The document-number operation attribute and its document (PWG 5100.5). */
export function documentOf(ctx: OperationContext, job: JobRecord): { doc: DocumentRecord; number: number } {
  const number = opInteger(ctx, 'document-number');
  if (number === undefined) throw new IppError('client-error-bad-request', 'This operation needs document-number (PWG 5100.5).');
  const doc = job.documents[number - 1];
  if (doc === undefined || !doc.complete) throw new IppError('client-error-not-found', `Job ${job.id} has no document ${number}.`);
  return { doc, number };
}

export function documentAttributes(door: IppDoor, job: JobRecord, doc: DocumentRecord, number: number, host: string): IppAttribute[] {
  const def = door.service.runtime(job.printerId).definition;
  const jobState = ippJobState(door.service, job).state;
  // A document is where its job is; pending-held has no document counterpart (PWG 5100.5 document-state).
  const state = jobState === JOB_STATE['pending-held'] ? DOCUMENT_STATE.pending : jobState;
  const supplied = extrasOf(job).documents?.[number - 1];
  const closed = job.leaf !== 'paused.uploadPending';
  const out: IppAttribute[] = [
    attr.integer('document-number', number),
    attr.integer('document-job-id', Number(job.id)),
    attr.uri('document-job-uri', jobUri(host, def.name, job.id)),
    attr.uri('document-printer-uri', jobPrinterUri(host, def.name, extrasOf(job).viaDefaultUri === true)),
    attr.name('document-name', doc.displayName || `Document ${number}`),
    attr.mimeMediaType('document-format', doc.contentType || 'application/octet-stream'),
    attr.enum('document-state', state),
    attr.keyword('document-state-reasons', 'none'),
    attr.uri('document-uuid', `urn:uuid:${doc.id}`),
    attr.integer('k-octets', Math.ceil(doc.size / 1024)),
    attr.boolean('last-document', closed && number === job.documents.filter((d) => d.complete).length),
    attr.integer('time-at-creation', door.upTimeOf(doc.uploadedDateTime ?? job.createdDateTime)),
    attr.dateTime('date-time-at-creation', new Date(doc.uploadedDateTime ?? job.createdDateTime)),
    job.completedDateTime === null ? attr.oob('time-at-completed', 'no-value') : attr.integer('time-at-completed', door.upTimeOf(job.completedDateTime)),
  ];
  if (supplied !== undefined) {
    out.push(attr.mimeMediaType('document-format-supplied', supplied.format));
    if (supplied.detected !== null) out.push(attr.mimeMediaType('document-format-detected', supplied.detected));
    out.push(attr.keyword('compression-supplied', supplied.compression));
  }
  return out;
}
