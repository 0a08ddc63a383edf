// Hold-New-Jobs (RFC 3998): jobs submitted from now on wait as pending-held
// (printer-state-reasons hold-new-jobs) until Release-Held-New-Jobs.

import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const holdNewJobs: Operation = {
  name: 'Hold-New-Jobs',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Holding new jobs', () => {
      ctx.service.setHoldNewJobs(ctx.printer.id, true, `Hold-New-Jobs by ${ctx.user}`);
    });
  },
};
