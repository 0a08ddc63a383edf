// Helpers of the printer operations that change printer state (RFC 8011
// §4.2.7-§4.2.9, RFC 3998): operator only, the operator's message, and a
// state change event.

import { attr, ValueTag } from '../codec/index.js';
import { IppError } from '../ipp-error.js';
import type { OperationContext } from '../operation-context.js';
import { assertOperator, opString } from '../operation-context.js';

const TEXT_TAGS = [ValueTag.textWithoutLanguage, ValueTag.textWithLanguage];

/** Runs a printer administration change as an operator and announces it. */
export function adminChange(ctx: OperationContext, what: string, change: () => void, keywords?: string[]): void {
  assertOperator(ctx);
  const message = operatorMessage(ctx);
  change();
  // RFC 3998 §3.1.1 (and each printer operation after it): the printer-message-from-operator
  // operation attribute becomes the Printer's printer-message-from-operator.
  if (message !== undefined) ctx.door.printerExtras(ctx.printer.id).messageFromOperator = message;
  ctx.door.stateChanged(ctx.printer.id, `${what} by ${ctx.user}.`, keywords);
}

/** printer-message-from-operator (text(127), RFC 3998 §3.1.1), checked before anything changes. */
function operatorMessage(ctx: OperationContext): string | undefined {
  const message = opString(ctx, 'printer-message-from-operator', TEXT_TAGS);
  if (message !== undefined && Buffer.byteLength(message) > 127) {
    throw new IppError('client-error-request-value-too-long', 'printer-message-from-operator is text(127): at most 127 octets (RFC 3998 §3.1.1).', [
      attr.text('printer-message-from-operator', message),
    ]);
  }
  return message;
}
