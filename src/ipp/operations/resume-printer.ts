// Resume-Printer (RFC 8011 §4.2.8): takes 'paused' away; faults reported through Graph stay.

import { unpausePrinter } from '../printer-pause.js';
import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const resumePrinter: Operation = {
  name: 'Resume-Printer',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Resumed', () => {
      ctx.door.printerExtras(ctx.printer.id).pauseAfterCurrentJob = false;
      unpausePrinter(ctx.service, ctx.printer, ['paused']);
    });
  },
};
