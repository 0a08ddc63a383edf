// What Print-Job, Validate-Job, Create-Job, Send-Document and Resubmit-Job
// share: reading the Job Template attributes against the printer (RFC 8011
// §4.1.7 and ipp-attribute-fidelity), the document operation attributes, the
// job itself, and the job status group of their responses.

import type { PrintJobConfiguration } from '../model/print-types.js';
import type { DocumentRecord, JobRecord } from '../model/records.js';
import { mergeConfiguration } from '../core/validate-configuration.js';
import { attr, dateTimeToDate, DelimiterTag, getAttr, ValueTag, type IppAttribute, type IppDateTime } from './codec/index.js';
import { badRequest, IppError, unsupportedAttribute } from './ipp-error.js';
import { extrasOf, setExtras, type IppJobExtras } from './job-extras.js';
import { startHold } from './job-hold.js';
import { readJobPassword } from './job-password.js';
import { ippJobState } from './job-state.js';
import { templateRow } from './job-template-mapping.js';
import { COMPRESSIONS, openDocument, type OpenedDocument } from './open-document.js';
import { opBoolean, opString, jobGroupAttributes, type OperationContext } from './operation-context.js';
import { documentFormats, OCTET_STREAM } from './printer-attributes.js';
import { jobUri } from './uris.js';
import { assertWithin, NAME_MAX } from './value-limits.js';

export interface JobTicket {
  configuration: PrintJobConfiguration;
  /** Template attributes as accepted, echoed by Get-Job-Attributes. */
  template: IppAttribute[];
  holdUntil: string | null;
  /** job-hold-until-time (PWG 5100.7), epoch ms. */
  holdUntilTime: number | null;
  /** job-password (PWG 5100.11), base64; the job waits for it. */
  password?: string | null;
}

/**
 * Reads the Job Template attributes of the request. Unsupported attributes and
 * values are refused when ipp-attribute-fidelity is true, else ignored and
 * reported (RFC 8011 §4.1.7, §4.2.1.1).
 */
export function readJobTicket(ctx: OperationContext, attributes: IppAttribute[] = jobGroupAttributes(ctx)): JobTicket {
  const printer = ctx.printer.effectiveDefinition();
  // CUPS and ipptool's own print-job-hold.test put job-hold-until in the operation group; take template attributes from there too.
  const inOperation = ctx.operation.attributes.filter((a) => templateRow(a.name) !== undefined);
  let configuration: PrintJobConfiguration = {};
  const template: IppAttribute[] = [];
  const unsupported: IppAttribute[] = [];
  let holdUntil: string | null = null;
  let holdUntilTime: number | null = null;
  for (const a of [...inOperation, ...attributes]) {
    const row = templateRow(a.name);
    if (row === undefined) {
      unsupported.push(unsupportedAttribute(a.name));
      continue;
    }
    const accepted = row.accept(a, printer);
    if (accepted === null) {
      unsupported.push(a);
      continue;
    }
    if (accepted.partial === true) unsupported.push(a);
    configuration = mergeConfiguration(configuration, accepted.patch);
    const i = template.findIndex((x) => x.name === a.name);
    if (i >= 0) template.splice(i, 1);
    template.push(a);
    if (a.name === 'job-hold-until') holdUntil = a.values[0] as string;
    if (a.name === 'job-hold-until-time') holdUntilTime = dateTimeToDate(a.values[0] as IppDateTime).getTime();
  }
  if (unsupported.length > 0) {
    if (opBoolean(ctx, 'ipp-attribute-fidelity') === true) {
      throw new IppError(
        'client-error-attributes-or-values-not-supported',
        `The printer does not support ${unsupported.map((a) => a.name).join(', ')} as requested, and ipp-attribute-fidelity is true.`,
        unsupported,
      );
    }
    ctx.response.ignore(...unsupported);
  }
  const password = readJobPassword(ctx);
  return { configuration, template, holdUntil: holdUntil === 'no-hold' ? null : holdUntil, holdUntilTime, password };
}

export interface DocumentParams {
  format: string;
  compression: string;
  name: string;
}

/** document-format, compression and document-name of Print-Job / Send-Document (RFC 8011 §4.2.1.1). */
export function readDocumentParams(ctx: OperationContext): DocumentParams {
  const format = (opString(ctx, 'document-format', [ValueTag.mimeMediaType]) ?? OCTET_STREAM).toLowerCase();
  const supported = documentFormats(ctx.printer.effectiveDefinition());
  if (!supported.includes(format)) {
    throw new IppError('client-error-document-format-not-supported', `document-format '${format}' is not supported (supported: ${supported.join(', ')}).`, [
      attr.mimeMediaType('document-format', format),
    ]);
  }
  const compression = opString(ctx, 'compression', [ValueTag.keyword]) ?? 'none';
  if (!(COMPRESSIONS as readonly string[]).includes(compression)) {
    throw new IppError('client-error-compression-not-supported', `compression '${compression}' is not supported (supported: ${COMPRESSIONS.join(', ')}).`, [
      attr.keyword('compression', compression),
    ]);
  }
  const name = opName(ctx, 'document-name') ?? '';
  return { format, compression, name };
}

/** A name(MAX) operation attribute (job-name, document-name), refused when longer than 255 octets (RFC 8011 §5.1.3). */
function opName(ctx: OperationContext, name: string): string | undefined {
  const v = opString(ctx, name);
  if (v !== undefined) assertWithin(getAttr(ctx.operation, name)!, NAME_MAX);
  return v;
}

/** job-name of Print-Job, Create-Job and Validate-Job (RFC 8011 §4.2.1.1). */
export function readJobName(ctx: OperationContext): string | undefined {
  return opName(ctx, 'job-name');
}

/** The job's creator, from requesting-user-name or the HTTP Basic user. */
function creator(ctx: OperationContext): JobRecord['createdBy'] {
  return { id: null, displayName: ctx.user, ipAddress: ctx.http.remoteAddress, userPrincipalName: ctx.user };
}

export function assertAcceptingJobs(ctx: OperationContext): void {
  if (!ctx.printer.state.isAcceptingJobs) {
    throw new IppError('server-error-not-accepting-jobs', `Printer '${ctx.printer.definition.name}' is not accepting jobs (Disable-Printer, or isAcceptingJobs false in Graph).`);
  }
}

/** Creates the job (door 'ipp', visible in Graph at once) with its IPP extras. */
export function createIppJob(ctx: OperationContext, ticket: JobTicket, extras: Partial<IppJobExtras> = {}): JobRecord {
  assertAcceptingJobs(ctx);
  const name = readJobName(ctx);
  const job = ctx.service.createJob({
    printerId: ctx.printer.id,
    configuration: ticket.configuration,
    createdBy: creator(ctx),
    door: 'ipp',
    displayName: name ?? null,
  });
  setExtras(job, {
    template: ticket.template,
    ...(ticket.holdUntil !== null ? { holdUntil: ticket.holdUntil } : {}),
    ...(ticket.holdUntilTime !== null ? { holdUntilTime: ticket.holdUntilTime } : {}),
    ...(ctx.viaDefaultUri ? { viaDefaultUri: true } : {}),
    ...(ticket.password != null ? { password: ticket.password } : {}),
    ...extras,
  });
  ctx.service.saveJob(job);
  return job;
}

export interface IncomingDocument {
  opened: OpenedDocument;
  /** The format to print it as: document-format, or what application/octet-stream turned out to be. */
  contentType: string;
}

/**
 * Opens the request's document data and settles its format before any job is
 * made for it. Null when the request carried no document data.
 */
export async function openIncoming(ctx: OperationContext, params: DocumentParams): Promise<IncomingDocument | null> {
  const opened = await openDocument(ctx.document, params.compression);
  if (opened.empty) return null;
  if (params.format !== OCTET_STREAM) return { opened, contentType: params.format };
  // RFC 8011 §4.2.1.1: with application/octet-stream the Printer determines the format.
  const supported = documentFormats(ctx.printer.effectiveDefinition());
  if (opened.detected === null || !supported.includes(opened.detected)) {
    throw new IppError(
      'client-error-document-format-not-supported',
      `The document data is ${opened.detected ?? 'of an unknown format'}, which this printer does not print (supported: ${supported.join(', ')}).`,
      [attr.mimeMediaType('document-format', OCTET_STREAM)],
    );
  }
  return { opened, contentType: opened.detected };
}

/** Streams the opened document into a new document of the job (to the spool, never whole in memory). */
export async function storeDocument(ctx: OperationContext, job: JobRecord, params: DocumentParams, incoming: IncomingDocument): Promise<DocumentRecord> {
  const doc = ctx.service.addDocument(job);
  await ctx.service.receiveDocument(job, doc, incoming.opened.stream, { documentName: params.name || (job.displayName ?? ''), contentType: incoming.contentType });
  const docs = [...(extrasOf(job).documents ?? []), { format: params.format, compression: params.compression, detected: incoming.opened.detected }];
  setExtras(job, { documents: docs });
  ctx.service.saveJob(job);
  return doc;
}

/** The last document is in: the job is queued, or held (job-hold-until[-time], Hold-New-Jobs). */
export function startIppJob(ctx: OperationContext, job: JobRecord): void {
  ctx.door.clearTimeOut(job);
  ctx.service.startJob(job.id, undefined, startHold(job, ctx.service.clock.now()));
}

/** A job that failed while its document arrived does not linger as a Create-Job. */
export function abandon(ctx: OperationContext, job: JobRecord, why: string): void {
  if (job.leaf === 'paused.uploadPending') ctx.service.abortJob(job.id, undefined, why);
}

/** The job attributes group of job creation responses (RFC 8011 §4.2.1.2). */
export function jobStatusGroup(ctx: OperationContext, job: JobRecord): void {
  const s = ippJobState(ctx.service, job);
  const position = ctx.printer.queuePosition(job.id);
  // The job group comes before any subscription groups of the same response (RFC 3995 §11.1.3).
  ctx.response.groups.unshift({
    tag: DelimiterTag.jobAttributes,
    attributes: [
      attr.uri('job-uri', jobUri(ctx.http.host, ctx.printer.definition.name, job.id)),
      attr.integer('job-id', Number(job.id)),
      attr.enum('job-state', s.state),
      attr.keyword('job-state-reasons', ...(s.reasons as [string, ...string[]])),
      attr.text('job-state-message', s.message.slice(0, 1023)),
      attr.integer('number-of-intervening-jobs', Math.max(0, position)),
    ],
  });
}

/** last-document of Send-Document is REQUIRED (RFC 8011 §4.3.1.1). */
export function lastDocument(ctx: OperationContext): boolean {
  const a = getAttr(ctx.operation, 'last-document');
  if (a === undefined) badRequest('Send-Document needs last-document (RFC 8011 §4.3.1.1).');
  const v = opBoolean(ctx, 'last-document');
  return v === true;
}

