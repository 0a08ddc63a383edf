// notify-subscription-id of the subscription operations (RFC 3995 §11.2),
// and who may change a subscription: its subscriber or an operator.

import { IppError } from '../ipp-error.js';
import { opInteger, type OperationContext } from '../operation-context.js';
import type { Subscription } from '../subscriptions.js';

export function subscriptionOf(ctx: OperationContext): Subscription {
  const id = opInteger(ctx, 'notify-subscription-id');
  if (id === undefined) throw new IppError('client-error-bad-request', 'This operation needs notify-subscription-id (RFC 3995 §11.2).');
  const s = ctx.door.subscriptions.get(id);
  if (s === undefined || s.printerId !== ctx.printer.id) throw new IppError('client-error-not-found', `Subscription ${id} does not exist (or has expired) on this printer.`);
  return s;
}

export function assertSubscriber(ctx: OperationContext, s: Subscription): void {
  if (!ctx.door.isOperator(ctx.user) && s.owner.toLowerCase() !== ctx.user.toLowerCase()) {
    throw new IppError('client-error-not-authorized', `Subscription ${s.id} belongs to '${s.owner}'.`);
  }
}
