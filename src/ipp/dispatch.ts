// One decoded request in, one response out: the checks RFC 8011 §4.1 makes of
// every request (version, request-id, the first two operation attributes,
// charset, operation, target), then the operation's handler. Every error
// becomes a status code through ipp-error.ts.

import type { Readable } from 'node:stream';
import type { JobRecord } from '../model/records.js';
import {
  attr,
  DelimiterTag,
  firstString,
  getAttr,
  statusCode as statusCodeOf,
  ValueTag,
  type IppAttribute,
  type IppGroup,
  type IppMessage,
} from './codec/index.js';
import type { IppDoor } from './ipp-door.js';
import { badRequest, IppError, toIppError } from './ipp-error.js';
import { ippNamesOf } from './job-template-mapping.js';
import { IppResponse, opInteger, opString, type HttpInfo, type OperationContext } from './operation-context.js';
import type { Operation } from './operations/operation.js';
import { parseTarget } from './uris.js';
import { assertWithin, NAME_MAX } from './value-limits.js';

/** RFC 8011 §4.1.8 / PWG 5100.12: versions printsim answers. */
const VERSIONS = new Set(['1.0', '1.1', '2.0', '2.1', '2.2']);

export interface Dispatched {
  response: IppMessage;
  /** An error that is printsim's fault, for the log. */
  internal?: unknown;
}

export async function dispatch(
  door: IppDoor,
  operations: ReadonlyMap<number, Operation>,
  request: IppMessage,
  document: Readable,
  http: HttpInfo,
): Promise<Dispatched> {
  let response = new IppResponse();
  let internal: unknown;
  try {
    await run(door, operations, request, document, http, response);
  } catch (e) {
    const err = toIppError(e, (fields) => unsupportedFor(request, fields));
    if (err.status === 'server-error-internal-error') internal = e;
    response = new IppResponse();
    response.status = err.status;
    response.message = err.message;
    response.unsupported.push(...err.unsupported);
  }
  return { response: toMessage(request, response), ...(internal === undefined ? {} : { internal }) };
}

/** Operation ids of each handler map, sorted once. */
const idsOf = new WeakMap<ReadonlyMap<number, Operation>, readonly number[]>();
function sortedIds(operations: ReadonlyMap<number, Operation>): readonly number[] {
  let ids = idsOf.get(operations);
  if (ids === undefined) idsOf.set(operations, (ids = [...operations.keys()].sort((a, b) => a - b)));
  return ids;
}

async function run(
  door: IppDoor,
  operations: ReadonlyMap<number, Operation>,
  request: IppMessage,
  document: Readable,
  http: HttpInfo,
  response: IppResponse,
): Promise<void> {
  const version = `${request.version.major}.${request.version.minor}`;
  if (!VERSIONS.has(version)) {
    throw new IppError('server-error-version-not-supported', `IPP version ${version} is not supported (supported: ${[...VERSIONS].join(', ')}).`);
  }
  // RFC 8011 §4.1.1: request-id is 1..2^31-1.
  if (request.requestId <= 0) badRequest(`request-id must be 1 or more, got ${request.requestId} (RFC 8011 §4.1.1).`);
  const operation = request.groups[0];
  // RFC 8011 §4.1.4: attributes-charset then attributes-natural-language open the operation group.
  if (
    operation === undefined ||
    operation.tag !== DelimiterTag.operationAttributes ||
    operation.attributes[0]?.name !== 'attributes-charset' ||
    operation.attributes[1]?.name !== 'attributes-natural-language'
  ) {
    badRequest('The operation attributes must start with attributes-charset then attributes-natural-language (RFC 8011 §4.1.4).');
  }
  const charset = operation.attributes[0]!;
  if (charset.tag !== ValueTag.charset || operation.attributes[1]!.tag !== ValueTag.naturalLanguage) {
    badRequest('attributes-charset must be a charset and attributes-natural-language a naturalLanguage (RFC 8011 §4.1.4).');
  }
  const cs = String(charset.values[0]).toLowerCase();
  if (cs !== 'utf-8' && cs !== 'us-ascii') {
    throw new IppError('client-error-charset-not-supported', `attributes-charset '${cs}' is not supported (utf-8, us-ascii).`, [charset]);
  }
  if (request.groups.filter((g) => g.tag === DelimiterTag.operationAttributes).length > 1) {
    badRequest('A request has exactly one operation attributes group (RFC 8011 §4.1.4).');
  }
  const op = operations.get(request.code);
  if (op === undefined) {
    throw new IppError('server-error-operation-not-supported', `Operation 0x${request.code.toString(16).padStart(4, '0')} is not supported by printsim (see operations-supported).`);
  }

  const ctx: OperationContext = {
    door,
    service: door.service,
    http,
    request,
    operation,
    document,
    printer: door.defaultPrinter(),
    viaDefaultUri: true,
    job: null,
    user: 'anonymous',
    response,
    operationIds: sortedIds(operations),
  };
  resolveTarget(ctx, op);
  const requesting = opString(ctx, 'requesting-user-name', [ValueTag.nameWithoutLanguage, ValueTag.nameWithLanguage]);
  // It becomes the job's owner: a name(MAX), 255 octets (RFC 8011 §5.1.3).
  if (requesting !== undefined) assertWithin(getAttr(ctx.operation, 'requesting-user-name')!, NAME_MAX);
  ctx.user = http.basicUser ?? (requesting !== undefined && requesting !== '' ? requesting : 'anonymous');
  await op.handle(ctx);
}

/** printer-uri, or job-uri, or printer-uri + job-id (RFC 8011 §4.1.5, §4.3). */
function resolveTarget(ctx: OperationContext, op: Operation): void {
  const printerUri = opString(ctx, 'printer-uri', [ValueTag.uri]);
  const jobUriValue = opString(ctx, 'job-uri', [ValueTag.uri]);
  const uri = printerUri ?? jobUriValue;
  if (uri === undefined) badRequest(`${op.name} needs printer-uri${op.target === 'job' ? ' (with job-id) or job-uri' : ''} (RFC 8011 §4.1.5).`);
  const target = parseTarget(uri);
  if (target === null) throw new IppError('client-error-not-found', `${uri} is not a printsim printer or job URI (ipp://HOST/ipp/print[/NAME[/jobs/ID]]).`);
  const rt = target.printerName === null ? ctx.door.defaultPrinter() : ctx.service.findPrinter(target.printerName);
  if (rt === undefined || (target.printerName !== null && rt.definition.name !== target.printerName)) {
    throw new IppError('client-error-not-found', `There is no printer '${target.printerName}' (printers: ${ctx.service.printerIds().map((id) => ctx.service.runtime(id).definition.name).join(', ')}).`);
  }
  ctx.printer = rt;
  ctx.viaDefaultUri = target.printerName === null;
  if (op.target !== 'job') return;
  const jobId = printerUri !== undefined ? opInteger(ctx, 'job-id') : target.jobId === null ? undefined : Number(target.jobId);
  if (jobId === undefined) badRequest(`${op.name} needs job-id with printer-uri, or a job-uri (RFC 8011 §4.3).`);
  ctx.job = findJob(ctx, String(jobId));
}

function findJob(ctx: OperationContext, jobId: string): JobRecord {
  const job = ctx.service.findJob(jobId);
  if (job === undefined || job.printerId !== ctx.printer.id) {
    throw new IppError('client-error-not-found', `Job ${jobId} was not found on printer '${ctx.printer.definition.name}'.`);
  }
  return job;
}

/** The request attributes behind the Graph fields a PrintsimError names. */
function unsupportedFor(request: IppMessage, fields: string[]): IppAttribute[] {
  const attrs = request.groups.filter((g) => g.tag === DelimiterTag.jobAttributes).flatMap((g) => g.attributes);
  const out: IppAttribute[] = [];
  for (const f of fields) {
    for (const name of ippNamesOf(f)) {
      const a = getAttr(attrs, name);
      if (a !== undefined && !out.includes(a)) out.push(a);
    }
  }
  return out;
}

/** The response message: operation group, unsupported attributes, then the rest (RFC 8011 §4.2.1.2). */
export function toMessage(request: Pick<IppMessage, 'version' | 'requestId' | 'groups'>, r: IppResponse): IppMessage {
  const operation: IppAttribute[] = [attr.charset('attributes-charset', 'utf-8'), attr.naturalLanguage('attributes-natural-language', naturalLanguage(request))];
  if (r.message !== null) operation.push(attr.text('status-message', r.message.length <= 255 ? r.message : `${r.message.slice(0, 252)}...`));
  operation.push(...r.operation);
  const groups: IppGroup[] = [{ tag: DelimiterTag.operationAttributes, attributes: operation }];
  if (r.unsupported.length > 0) groups.push({ tag: DelimiterTag.unsupportedAttributes, attributes: r.unsupported });
  groups.push(...r.groups);
  return { version: request.version, code: statusCodeOf(r.status), requestId: request.requestId, groups };
}

// RFC 8011 §4.1.4.2: answer in the request's language when the Printer has it; printsim has English.
function naturalLanguage(request: Pick<IppMessage, 'groups'>): string {
  const asked = firstString(request.groups[0], 'attributes-natural-language');
  return asked !== undefined && /^en(-|$)/i.test(asked) ? asked.toLowerCase() : 'en';
}

