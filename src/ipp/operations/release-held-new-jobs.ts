// Release-Held-New-Jobs (RFC 3998): ends Hold-New-Jobs and releases the jobs it held.

import { extrasOf, setExtras } from '../job-extras.js';
import { adminChange } from './printer-admin.js';
import type { Operation } from './operation.js';

export const releaseHeldNewJobs: Operation = {
  name: 'Release-Held-New-Jobs',
  target: 'printer',
  handle(ctx) {
    adminChange(ctx, 'Released held new jobs', () => {
      ctx.door.printerExtras(ctx.printer.id).holdNewJobs = false;
      for (const job of ctx.service.listJobs(ctx.printer.id)) {
        if (extrasOf(job).heldNewJob !== true) continue;
        setExtras(job, { heldNewJob: undefined });
        ctx.service.saveJob(job);
        if (job.leaf === 'paused.held' && extrasOf(job).holdUntil !== 'indefinite') ctx.service.releaseJob(job, `released by ${ctx.user} (IPP Release-Held-New-Jobs)`);
      }
    });
  },
};
