// Identify-Printer (PWG 5100.13): the printer "beeps" or shows a message;
// printsim records it for the status page and the log.

import { attr } from '../codec/index.js';
import { opKeywords, opString } from '../operation-context.js';
import type { Operation } from './operation.js';

const ACTIONS = ['display', 'sound'];

export const identifyPrinter: Operation = {
  name: 'Identify-Printer',
  target: 'printer',
  handle(ctx) {
    const asked = opKeywords(ctx, 'identify-actions') ?? ['sound'];
    const unsupported = asked.filter((a) => !ACTIONS.includes(a));
    if (unsupported.length > 0) ctx.response.ignore(attr.keyword('identify-actions', unsupported[0]!, ...unsupported.slice(1)));
    const message = opString(ctx, 'message') ?? null;
    ctx.door.printerExtras(ctx.printer.id).identified = {
      actions: asked.filter((a) => ACTIONS.includes(a)),
      message,
      at: ctx.door.clock.now(),
    };
  },
};
