// Get-Notifications (RFC 3996 §5, the ippget pull method): events of the
// listed subscriptions from the given sequence numbers; with notify-wait the
// response waits (up to notify-get-interval) for an event when there is none.

import { attr, DelimiterTag, type IppAttribute } from '../codec/index.js';
import { IppError } from '../ipp-error.js';
import { opBoolean, opIntegers, type OperationContext } from '../operation-context.js';
import type { NotificationEvent, Subscription } from '../subscriptions.js';
import { printerUri } from '../uris.js';
import { assertSubscriber } from './subscription-target.js';
import type { Operation } from './operation.js';

/** notify-get-interval: how soon a client should ask again (RFC 3996 §5.2). */
const GET_INTERVAL_SECONDS = 30;

export const getNotifications: Operation = {
  name: 'Get-Notifications',
  target: 'printer',
  async handle(ctx) {
    const ids = opIntegers(ctx, 'notify-subscription-ids');
    if (ids === undefined || ids.length === 0) throw new IppError('client-error-bad-request', 'Get-Notifications needs notify-subscription-ids (RFC 3996 §5.1).');
    const from = opIntegers(ctx, 'notify-sequence-numbers') ?? [];
    const subs = ids.map((id) => {
      const s = ctx.door.subscriptions.get(id);
      if (s === undefined || s.printerId !== ctx.printer.id) {
        throw new IppError('client-error-not-found', `Subscription ${id} does not exist (or has expired) on this printer.`, [attr.integer('notify-subscription-ids', id)]);
      }
      assertSubscriber(ctx, s);
      return s;
    });
    const collect = (): Array<[Subscription, NotificationEvent]> =>
      subs.flatMap((s, i) => ctx.door.subscriptions.events(s, from[i]).map((e): [Subscription, NotificationEvent] => [s, e]));
    let events = collect();
    if (events.length === 0 && opBoolean(ctx, 'notify-wait') === true && subs.some((s) => !s.ended)) {
      await waitForEvent(ctx, new Set(subs.map((s) => s.id)), GET_INTERVAL_SECONDS * 1000);
      events = collect();
    }
    const complete = subs.every((s) => s.ended);
    ctx.response.status = complete ? 'successful-ok-events-complete' : 'successful-ok';
    ctx.response.operation.push(attr.integer('printer-up-time', ctx.door.upTime()));
    if (!complete) ctx.response.operation.push(attr.integer('notify-get-interval', GET_INTERVAL_SECONDS));
    for (const [s, e] of events) ctx.response.group(DelimiterTag.eventNotificationAttributes, eventAttributes(ctx, s, e));
  },
};

/**
 * RFC 3996 §5.1 notify-wait (event wait mode): the response is held until one
 * of the request's own subscriptions has an event, or the wait (on the
 * emulator's clock) ends; another subscription's event does not end it.
 */
function waitForEvent(ctx: OperationContext, ids: ReadonlySet<number>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const signal = ctx.door.subscriptions.signal;
    const done = (): void => {
      signal.off('event', onEvent);
      ctx.door.clock.clearTimeout(timer);
      resolve();
    };
    const onEvent = (queued: number[]): void => {
      if (queued.some((id) => ids.has(id))) done();
    };
    const timer = ctx.door.clock.setTimeout(done, ms);
    signal.on('event', onEvent);
  });
}

/** Event notification attributes (RFC 3995 §9.1), as they were when the event happened. */
function eventAttributes(ctx: OperationContext, s: Subscription, e: NotificationEvent): IppAttribute[] {
  const name = ctx.service.runtime(s.printerId).definition.name;
  const out: IppAttribute[] = [
    attr.charset('notify-charset', s.charset),
    attr.naturalLanguage('notify-natural-language', s.naturalLanguage),
    attr.integer('notify-subscription-id', s.id),
    attr.uri('notify-printer-uri', printerUri(ctx.http.host, name)),
    attr.keyword('notify-subscribed-event', e.event),
    attr.integer('notify-sequence-number', e.sequence),
    attr.integer('printer-up-time', e.snapshot.printerUpTime),
    attr.text('notify-text', e.text.slice(0, 1023)),
  ];
  if (s.userData !== null) out.push(attr.octetString('notify-user-data', s.userData));
  const job = e.snapshot.job;
  if (job !== undefined) {
    out.push(
      attr.integer('notify-job-id', Number(job.id)),
      attr.enum('job-state', job.state),
      attr.keyword('job-state-reasons', ...(job.reasons as [string, ...string[]])),
      attr.integer('job-impressions-completed', job.impressionsCompleted),
    );
    if (job.name !== '') out.push(attr.name('job-name', job.name));
  }
  const p = e.snapshot.printer;
  out.push(
    attr.name('printer-name', name),
    attr.enum('printer-state', p.state),
    attr.keyword('printer-state-reasons', ...(p.reasons as [string, ...string[]])),
    attr.boolean('printer-is-accepting-jobs', p.isAcceptingJobs),
  );
  return out;
}
