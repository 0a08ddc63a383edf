// Subscription Template attributes of a request (RFC 3995 §5.3): the groups of
// Create-Printer-Subscriptions / Create-Job-Subscriptions, or of a job
// creation request, each becoming a subscription or a notify-status-code.

import type { JobRecord } from '../model/records.js';
import {
  attr,
  DelimiterTag,
  getAttr,
  getGroups,
  ValueTag,
  type IppAttribute,
  type IppGroup,
  type StatusCodeKeyword,
} from './codec/index.js';
import type { OperationContext } from './operation-context.js';
import { NOTIFY_EVENTS, type Subscription } from './subscriptions.js';
import { printerUri } from './uris.js';

/** notify-lease-duration-default (RFC 3995 §5.3.8): a day. */
export const DEFAULT_LEASE_SECONDS = 86400;
const MAX_LEASE_SECONDS = 67108863;

type Outcome = { subscription: Subscription; ignored: IppAttribute[] } | { status: StatusCodeKeyword; ignored: IppAttribute[] };

/** One subscription-attributes group of the request (RFC 3995 §11.1.1-§11.1.2). */
export function subscribe(ctx: OperationContext, group: IppGroup, jobId: string | null): Outcome {
  const ignored: IppAttribute[] = [];
  const one = (name: string, tags: number[]): IppAttribute | undefined => {
    const a = getAttr(group, name);
    if (a === undefined) return undefined;
    if (!tags.includes(a.tag)) {
      ignored.push(a);
      return undefined;
    }
    return a;
  };
  if (one('notify-recipient-uri', [ValueTag.uri]) !== undefined) {
    // printsim delivers by ippget only (notify-schemes-supported is absent).
    return { status: 'client-error-uri-scheme-not-supported', ignored: [getAttr(group, 'notify-recipient-uri')!] };
  }
  const method = one('notify-pull-method', [ValueTag.keyword]);
  if (method === undefined) return { status: 'client-error-bad-request', ignored };
  if (method.values[0] !== 'ippget') return { status: 'client-error-attributes-or-values-not-supported', ignored: [method] };
  const eventsAttr = one('notify-events', [ValueTag.keyword]);
  const asked = eventsAttr === undefined ? ['job-completed'] : (eventsAttr.values as string[]);
  const events = asked.filter((e) => (NOTIFY_EVENTS as readonly string[]).includes(e) && e !== 'none');
  if (events.length < asked.length) ignored.push(attr.keyword('notify-events', ...(asked.filter((e) => !events.includes(e)) as [string, ...string[]])));
  if (events.length === 0) return { status: 'client-error-attributes-or-values-not-supported', ignored };
  let lease = 0;
  if (jobId === null) {
    const l = one('notify-lease-duration', [ValueTag.integer]);
    lease = l === undefined ? DEFAULT_LEASE_SECONDS : Math.min(MAX_LEASE_SECONDS, Math.max(0, l.values[0] as number));
  } else if (getAttr(group, 'notify-lease-duration') !== undefined) {
    // RFC 3995 §5.3.8: per-job subscriptions last as long as their job.
    ignored.push(getAttr(group, 'notify-lease-duration')!);
  }
  const userData = one('notify-user-data', [ValueTag.octetString]);
  const data = userData === undefined ? null : (userData.values[0] as Uint8Array);
  if (data !== null && data.length > 63) return { status: 'client-error-request-value-too-long', ignored: [userData!] };
  const interval = one('notify-time-interval', [ValueTag.integer]);
  const charset = one('notify-charset', [ValueTag.charset]);
  const language = one('notify-natural-language', [ValueTag.naturalLanguage]);
  const subscription = ctx.door.subscriptions.create({
    printerId: ctx.printer.id,
    jobId,
    events,
    owner: ctx.user,
    userData: data,
    leaseSeconds: lease,
    timeInterval: interval === undefined ? 0 : Math.max(0, interval.values[0] as number),
    charset: charset === undefined ? 'utf-8' : String(charset.values[0]),
    naturalLanguage: language === undefined ? 'en' : String(language.values[0]),
  });
  return { subscription, ignored };
}

/**
 * Answers every subscription group with a subscription group: the id (and
 * granted lease) or notify-status-code. Returns the operation status (RFC 3995 §11.1.1.2).
 */
export function answerSubscriptions(ctx: OperationContext, groups: IppGroup[], jobId: string | null): StatusCodeKeyword {
  let made = 0;
  for (const g of groups) {
    const outcome = subscribe(ctx, g, jobId);
    const attrs: IppAttribute[] = [];
    if ('subscription' in outcome) {
      made += 1;
      attrs.push(attr.integer('notify-subscription-id', outcome.subscription.id));
      if (jobId === null) attrs.push(attr.integer('notify-lease-duration', outcome.subscription.leaseSeconds));
      if (outcome.ignored.length > 0) attrs.push(attr.keyword('notify-status-code', 'successful-ok-ignored-or-substituted-attributes'));
    } else {
      attrs.push(attr.keyword('notify-status-code', outcome.status));
    }
    ctx.response.group(DelimiterTag.subscriptionAttributes, attrs);
    ctx.response.unsupported.push(...outcome.ignored);
  }
  if (made === 0) return 'client-error-ignored-all-subscriptions';
  return made < groups.length ? 'successful-ok-ignored-subscriptions' : 'successful-ok';
}

/** Subscription groups in a job creation request become per-job subscriptions (RFC 3995 §11.1.3). */
export function createRequestSubscriptions(ctx: OperationContext, job: JobRecord): void {
  const groups = getGroups(ctx.request, DelimiterTag.subscriptionAttributes);
  if (groups.length === 0) return;
  const status = answerSubscriptions(ctx, groups, job.id);
  if (status !== 'successful-ok' && ctx.response.status === 'successful-ok') ctx.response.status = 'successful-ok-ignored-subscriptions';
}

/** A subscription's attributes (RFC 3995 §5.3, §5.4) for Get-Subscription-Attributes and Get-Subscriptions. */
export function subscriptionAttributes(ctx: OperationContext, s: Subscription): IppAttribute[] {
  const door = ctx.door;
  const name = door.service.runtime(s.printerId).definition.name;
  const out: IppAttribute[] = [
    attr.integer('notify-subscription-id', s.id),
    attr.uri('notify-printer-uri', printerUri(ctx.http.host, name)),
    attr.name('notify-subscriber-user-name', s.owner),
    attr.keyword('notify-events', ...(s.events as [string, ...string[]])),
    attr.keyword('notify-pull-method', 'ippget'),
    attr.integer('notify-time-interval', s.timeInterval),
    attr.charset('notify-charset', s.charset),
    attr.naturalLanguage('notify-natural-language', s.naturalLanguage),
    attr.integer('notify-sequence-number', s.sequence),
    // RFC 3995 §5.4.4 notify-printer-up-time: the Printer's printer-up-time, to read the lease expiration time against.
    attr.integer('notify-printer-up-time', door.upTime()),
  ];
  if (s.jobId !== null) out.push(attr.integer('notify-job-id', Number(s.jobId)));
  else {
    out.push(attr.integer('notify-lease-duration', s.leaseSeconds));
    out.push(attr.integer('notify-lease-expiration-time', s.expiresAt === null ? 0 : door.upTime(s.expiresAt)));
  }
  if (s.userData !== null) out.push(attr.octetString('notify-user-data', s.userData));
  return out;
}
