// Startup-Printer (RFC 3998): undoes Shutdown-Printer.

import { unpausePrinter } from '../printer-pause.js';
import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const startupPrinter: Operation = {
  name: 'Startup-Printer',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Started up', () => {
      ctx.service.updatePrinter(ctx.printer.id, { isAcceptingJobs: true });
      unpausePrinter(ctx.service, ctx.printer, ['shutdown']);
    });
  },
};
