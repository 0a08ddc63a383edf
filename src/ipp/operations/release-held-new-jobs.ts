// Release-Held-New-Jobs (RFC 3998): ends Hold-New-Jobs and releases the jobs it
// held, but for those that job-hold-until or job-hold-until-time still holds.

import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const releaseHeldNewJobs: Operation = {
  name: 'Release-Held-New-Jobs',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Released held new jobs', () => {
      ctx.service.setHoldNewJobs(ctx.printer.id, false, `released by ${ctx.user} (IPP Release-Held-New-Jobs)`);
    });
  },
};
