// Renew-Subscription (RFC 3995 §11.2.6): a new lease for a printer
// subscription; job subscriptions last as long as their job.

import { DelimiterTag, getAttr, getGroup, ValueTag } from '../codec/index.js';
import { IppError } from '../ipp-error.js';
import { DEFAULT_LEASE_SECONDS } from '../subscription-request.js';
import { assertSubscriber, subscriptionOf } from './subscription-target.js';
import type { Operation } from './operation.js';

export const renewSubscription: Operation = {
  name: 'Renew-Subscription',
  target: 'printer',
  handle(ctx) {
    const s = subscriptionOf(ctx);
    assertSubscriber(ctx, s);
    if (s.jobId !== null) throw new IppError('client-error-not-possible', `Subscription ${s.id} is a job subscription; it lasts as long as job ${s.jobId}.`);
    // The lease comes in the subscription group; some clients put it with the operation attributes.
    const lease = getAttr(getGroup(ctx.request, DelimiterTag.subscriptionAttributes), 'notify-lease-duration') ?? getAttr(ctx.operation, 'notify-lease-duration');
    if (lease !== undefined && (lease.tag !== ValueTag.integer || (lease.values[0] as number) < 0)) {
      throw new IppError('client-error-attributes-or-values-not-supported', 'notify-lease-duration must be an integer of 0 or more.', [lease]);
    }
    const seconds = lease === undefined ? DEFAULT_LEASE_SECONDS : Math.min(67108863, lease.values[0] as number);
    ctx.door.subscriptions.renew(s, seconds);
    ctx.response.operation.push({ name: 'notify-lease-duration', tag: ValueTag.integer, values: [seconds] });
  },
};
