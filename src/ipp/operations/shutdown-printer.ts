// Shutdown-Printer (RFC 3998): the printer stops (reason shutdown) and takes
// no jobs until Startup-Printer; printsim keeps answering IPP meanwhile.

import { pausePrinter } from '../printer-pause.js';
import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const shutdownPrinter: Operation = {
  name: 'Shutdown-Printer',
  target: 'printer',
  handle(ctx) {
    adminChange(
      ctx,
      'Shut down',
      () => {
        ctx.service.updatePrinter(ctx.printer.id, { isAcceptingJobs: false });
        pausePrinter(ctx.service, ctx.printer, `Shut down by ${ctx.user} (IPP Shutdown-Printer).`, 'shutdown');
      },
      ['printer-shutdown', 'printer-state-changed'],
    );
  },
};
