// Create-Printer-Subscriptions (RFC 3995 §11.1.1): printer-wide ippget subscriptions.

import { DelimiterTag, getGroups } from '../codec/index.js';
import { badRequest } from '../ipp-error.js';
import { answerSubscriptions } from '../subscription-request.js';
import type { Operation } from './operation.js';

export const createPrinterSubscriptions: Operation = {
  name: 'Create-Printer-Subscriptions',
  target: 'printer',
  handle(ctx) {
    const groups = getGroups(ctx.request, DelimiterTag.subscriptionAttributes);
    if (groups.length === 0) badRequest('Create-Printer-Subscriptions needs at least one subscription attributes group (RFC 3995 §11.1.1).');
    ctx.response.status = answerSubscriptions(ctx, groups, null);
  },
};
