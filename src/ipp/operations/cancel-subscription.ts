// Cancel-Subscription (RFC 3995 §11.2.7).

import { assertSubscriber, subscriptionOf } from './subscription-target.js';
import type { Operation } from './operation.js';

export const cancelSubscription: Operation = {
  name: 'Cancel-Subscription',
  target: 'printer',
  handle(ctx) {
    const s = subscriptionOf(ctx);
    assertSubscriber(ctx, s);
    ctx.door.subscriptions.cancel(s.id);
  },
};
