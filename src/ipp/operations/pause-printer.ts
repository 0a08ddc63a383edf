// Pause-Printer (RFC 8011 §4.2.7): the printer stops (printer-state-reasons
// paused); a job on the device waits as processing-stopped.

import { pausePrinter } from '../printer-pause.js';
import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const pausePrinterOp: Operation = {
  name: 'Pause-Printer',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Paused', () => pausePrinter(ctx.service, ctx.printer, `Paused by ${ctx.user} (IPP Pause-Printer).`));
  },
};
