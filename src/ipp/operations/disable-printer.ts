// Disable-Printer (RFC 3998): new jobs are refused with
// server-error-not-accepting-jobs; queued ones still print.

import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const disablePrinter: Operation = {
  name: 'Disable-Printer',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Disabled', () => ctx.service.updatePrinter(ctx.printer.id, { isAcceptingJobs: false }));
  },
};
