// What every operation handler gets: the decoded request, its target printer
// (and job), the requesting user, and the response it fills in.

import type { Readable } from 'node:stream';
import type { PrintService } from '../core/print-service.js';
import type { PrinterRuntime } from '../core/printer-runtime.js';
import type { JobRecord } from '../model/records.js';
import {
  DelimiterTag,
  getAttr,
  getGroups,
  ValueTag,
  type IppAttribute,
  type IppGroup,
  type IppMessage,
  type StatusCodeKeyword,
} from './codec/index.js';
import type { IppDoor } from './ipp-door.js';
import { badRequest, IppError } from './ipp-error.js';
import { jobOwner } from './job-attributes.js';

export interface HttpInfo {
  /** Host header: the authority in every URI printsim sends back. */
  host: string;
  /** User of an HTTP Basic Authorization header, when there is one. */
  basicUser: string | null;
  remoteAddress: string;
}

export class IppResponse {
  status: StatusCodeKeyword = 'successful-ok';
  /** status-message (RFC 8011 §4.1.6.2). */
  message: string | null = null;
  /** Operation attributes after charset, natural language and status-message. */
  readonly operation: IppAttribute[] = [];
  /** The unsupported-attributes group (RFC 8011 §4.1.7). */
  readonly unsupported: IppAttribute[] = [];
  readonly groups: IppGroup[] = [];

  group(tag: number, attributes: IppAttribute[]): void {
    this.groups.push({ tag, attributes });
  }

  /** Reports ignored attributes: successful-ok becomes ok-ignored-or-substituted (RFC 8011 §4.1.7). */
  ignore(...attributes: IppAttribute[]): void {
    if (attributes.length === 0) return;
    this.unsupported.push(...attributes);
    if (this.status === 'successful-ok') this.status = 'successful-ok-ignored-or-substituted-attributes';
  }
}

export interface OperationContext {
  door: IppDoor;
  service: PrintService;
  http: HttpInfo;
  request: IppMessage;
  /** The operation attributes group (always the first group, RFC 8011 §4.1.4). */
  operation: IppGroup;
  /** Document data after end-of-attributes-tag. */
  document: Readable;
  printer: PrinterRuntime;
  /** The request named the printer by the default URI /ipp/print rather than /ipp/print/NAME. */
  viaDefaultUri: boolean;
  /** The target job of job operations (job-uri, or printer-uri + job-id). */
  job: JobRecord | null;
  /** The authenticated or requesting user (RFC 8011 §9.3). */
  user: string;
  response: IppResponse;
  /** operations-supported (RFC 8011 §5.4.15): the ids this door has handlers for, in order. */
  operationIds: readonly number[];
}

// --------------------------------------------------------------- operation attributes

function typed(a: IppAttribute | undefined, tags: number[], what: string): IppAttribute | undefined {
  if (a === undefined) return undefined;
  const ok = tags.includes(a.tag) && (a.valueTags === undefined || a.valueTags.every((t) => tags.includes(t)));
  if (!ok) badRequest(`${a.name} must be ${what} (RFC 8011 §4.1.3).`, [a]);
  return a;
}

/** A single-valued text/name/keyword/uri/mimeMediaType operation attribute. */
export function opString(ctx: OperationContext, name: string, tags: number[] = STRING_TAGS): string | undefined {
  const a = typed(getAttr(ctx.operation, name), tags, 'a string');
  if (a === undefined) return undefined;
  if (a.values.length !== 1) badRequest(`${name} takes one value.`, [a]);
  const v = a.values[0];
  return typeof v === 'string' ? v : (v as { value: string }).value;
}

export function opInteger(ctx: OperationContext, name: string): number | undefined {
  const a = typed(getAttr(ctx.operation, name), [ValueTag.integer], 'an integer');
  if (a === undefined) return undefined;
  if (a.values.length !== 1) badRequest(`${name} takes one value.`, [a]);
  return a.values[0] as number;
}

export function opIntegers(ctx: OperationContext, name: string): number[] | undefined {
  const a = typed(getAttr(ctx.operation, name), [ValueTag.integer], '1setOf integer');
  return a === undefined ? undefined : (a.values as number[]);
}

export function opBoolean(ctx: OperationContext, name: string): boolean | undefined {
  const a = typed(getAttr(ctx.operation, name), [ValueTag.boolean], 'a boolean');
  if (a === undefined) return undefined;
  if (a.values.length !== 1) badRequest(`${name} takes one value.`, [a]);
  return a.values[0] as boolean;
}

export function opKeywords(ctx: OperationContext, name: string): string[] | undefined {
  const a = typed(getAttr(ctx.operation, name), [ValueTag.keyword], '1setOf keyword');
  return a === undefined ? undefined : (a.values as string[]);
}

export const STRING_TAGS: number[] = [
  ValueTag.textWithoutLanguage,
  ValueTag.textWithLanguage,
  ValueTag.nameWithoutLanguage,
  ValueTag.nameWithLanguage,
  ValueTag.keyword,
  ValueTag.uri,
  ValueTag.mimeMediaType,
];

/** The job attributes groups of the request (Job Template attributes), merged. */
export function jobGroupAttributes(ctx: OperationContext): IppAttribute[] {
  return getGroups(ctx.request, DelimiterTag.jobAttributes).flatMap((g) => g.attributes);
}

// --------------------------------------------------------------- targets and rights

export function requireJob(ctx: OperationContext): JobRecord {
  if (ctx.job === null) badRequest('This operation needs job-id with printer-uri, or job-uri (RFC 8011 §4.3).');
  return ctx.job;
}

/** The job's owner or an operator may change it (RFC 8011 §4.3.3, §5.4 ownership). */
export function mayAlter(ctx: OperationContext, job: JobRecord): boolean {
  return ctx.door.isOperator(ctx.user) || jobOwner(job).toLowerCase() === ctx.user.toLowerCase();
}

export function assertMayAlter(ctx: OperationContext, job: JobRecord): void {
  if (!mayAlter(ctx, job)) {
    throw new IppError('client-error-not-authorized', `Job ${job.id} belongs to '${jobOwner(job)}'; only its owner or an operator (${[...ctx.door.operators].join(', ') || 'none configured'}) may change it.`);
  }
}

export function assertOperator(ctx: OperationContext): void {
  if (!ctx.door.isOperator(ctx.user)) {
    throw new IppError(
      'client-error-not-authorized',
      `Only an operator may do this; '${ctx.user}' is not one (operators: ${[...ctx.door.operators].join(', ') || 'none configured'}).`,
    );
  }
}
