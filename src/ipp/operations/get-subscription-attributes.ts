// Get-Subscription-Attributes (RFC 3995 §11.2.4).

import { DelimiterTag } from '../codec/index.js';
import { requestedNames } from '../requested-attributes.js';
import { subscriptionAttributes } from '../subscription-request.js';
import { subscriptionOf } from './subscription-target.js';
import type { Operation } from './operation.js';

export const getSubscriptionAttributes: Operation = {
  name: 'Get-Subscription-Attributes',
  target: 'printer',
  handle(ctx) {
    const s = subscriptionOf(ctx);
    const want = requestedNames(ctx.operation);
    const all = subscriptionAttributes(ctx, s);
    const chosen = want === null || want.has('all') || want.has('subscription-description') || want.has('subscription-template') ? all : all.filter((a) => want.has(a.name));
    ctx.response.group(DelimiterTag.subscriptionAttributes, chosen);
  },
};
