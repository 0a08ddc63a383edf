// Get-Subscriptions (RFC 3995 §11.2.5): the printer's subscriptions, or one
// job's (notify-job-id), or the user's own (my-subscriptions), up to limit.

import { DelimiterTag } from '../codec/index.js';
import { opBoolean, opInteger } from '../operation-context.js';
import { requestedNames } from '../requested-attributes.js';
import { subscriptionAttributes } from '../subscription-request.js';
import type { Operation } from './operation.js';

export const getSubscriptions: Operation = {
  name: 'Get-Subscriptions',
  target: 'printer',
  handle(ctx) {
    const jobId = opInteger(ctx, 'notify-job-id');
    const mine = opBoolean(ctx, 'my-subscriptions') === true;
    const limit = opInteger(ctx, 'limit');
    const want = requestedNames(ctx.operation);
    let subs = ctx.door.subscriptions.list(ctx.printer.id).filter((s) => (jobId === undefined ? s.jobId === null : s.jobId === String(jobId)));
    if (mine) subs = subs.filter((s) => s.owner.toLowerCase() === ctx.user.toLowerCase());
    if (limit !== undefined && limit > 0) subs = subs.slice(0, limit);
    for (const s of subs) {
      const all = subscriptionAttributes(ctx, s);
      ctx.response.group(DelimiterTag.subscriptionAttributes, want === null || want.has('all') ? all : all.filter((a) => want.has(a.name)));
    }
  },
};
