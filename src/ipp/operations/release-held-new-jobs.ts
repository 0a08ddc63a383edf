// Release-Held-New-Jobs (RFC 3998): ends Hold-New-Jobs and releases the jobs it
// held, but for those that job-hold-until or job-hold-until-time still holds.

import { extrasOf, setExtras } from '../job-extras.js';
import { applyHold } from '../job-hold.js';
import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const releaseHeldNewJobs: Operation = {
  name: 'Release-Held-New-Jobs',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Released held new jobs', () => {
      ctx.door.printerExtras(ctx.printer.id).holdNewJobs = false;
      for (const job of ctx.service.listUnfinishedJobs(ctx.printer.id)) {
        if (extrasOf(job).heldNewJob !== true) continue;
        setExtras(job, { heldNewJob: undefined });
        ctx.service.saveJob(job);
        applyHold(ctx.service, job, `released by ${ctx.user} (IPP Release-Held-New-Jobs)`);
      }
    });
  },
};
