// Helpers of the printer operations that change printer state (RFC 8011
// §4.2.7-§4.2.9, RFC 3998): operator only, and a state change event.

import type { OperationContext } from '../operation-context.js';
import { assertOperator } from '../operation-context.js';

/** Runs a printer administration change as an operator and announces it. */
export function adminChange(ctx: OperationContext, what: string, change: () => void, keywords?: string[]): void {
  assertOperator(ctx);
  change();
  ctx.door.stateChanged(ctx.printer.id, `${what} by ${ctx.user}.`, keywords);
}
