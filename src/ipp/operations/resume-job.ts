// Resume-Job (RFC 3998): a suspended job is queued again.

import { IppError } from '../ipp-error.js';
import { extrasOf, setExtras } from '../job-extras.js';
import { assertMayAlter, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const resumeJob: Operation = {
  name: 'Resume-Job',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    if (extrasOf(job).suspended !== true || job.leaf !== 'paused.held') {
      throw new IppError('client-error-not-possible', `Job ${job.id} is not suspended.`);
    }
    setExtras(job, { suspended: undefined });
    ctx.service.releaseJob(job, `resumed by ${ctx.user} (IPP Resume-Job)`);
  },
};
