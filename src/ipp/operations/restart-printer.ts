// Restart-Printer (RFC 3998): back to a fresh start: not paused, not shut
// down, accepting jobs, not holding new ones. Jobs and faults reported through Graph stay.

import { unpausePrinter } from '../printer-pause.js';
import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const restartPrinter: Operation = {
  name: 'Restart-Printer',
  target: 'printer',
  handle(ctx) {
    adminChange(
      ctx,
      'Restarted',
      () => {
        const extras = ctx.door.printerExtras(ctx.printer.id);
        ctx.service.setHoldNewJobs(ctx.printer.id, false, `Restart-Printer by ${ctx.user}`);
        extras.pauseAfterCurrentJob = false;
        ctx.service.updatePrinter(ctx.printer.id, { isAcceptingJobs: true });
        unpausePrinter(ctx.service, ctx.printer, ['paused', 'shutdown']);
      },
      ['printer-restarted', 'printer-state-changed'],
    );
  },
};
