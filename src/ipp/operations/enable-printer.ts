// Enable-Printer (RFC 3998): printer-is-accepting-jobs true (Graph isAcceptingJobs).

import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const enablePrinter: Operation = {
  name: 'Enable-Printer',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Enabled', () => ctx.service.updatePrinter(ctx.printer.id, { isAcceptingJobs: true }));
  },
};
