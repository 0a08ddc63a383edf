// Pause-Printer-After-Current-Job (RFC 3998): pause once the job on the
// device ends (moving-to-paused until then), at once when idle.

import { pausePrinter } from '../printer-pause.js';
import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const pausePrinterAfterCurrentJob: Operation = {
  name: 'Pause-Printer-After-Current-Job',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Pausing after the current job', () => {
      if (ctx.printer.currentJobId() === null) pausePrinter(ctx.service, ctx.printer, `Paused by ${ctx.user} (IPP Pause-Printer-After-Current-Job).`);
      else ctx.door.printerExtras(ctx.printer.id).pauseAfterCurrentJob = true;
    });
  },
};
