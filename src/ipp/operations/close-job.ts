// Close-Job (PWG 5100.7): no more documents; the job prints what it has.

import { IppError } from '../ipp-error.js';
import { jobStatusGroup, startIppJob } from '../job-creation.js';
import { assertMayAlter, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const closeJob: Operation = {
  name: 'Close-Job',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    if (job.leaf !== 'paused.uploadPending') {
      throw new IppError('client-error-not-possible', `Job ${job.id} is already closed.`);
    }
    if (job.documents.some((d) => d.complete)) startIppJob(ctx, job);
    else ctx.service.abortJob(job.id, undefined, 'The job was closed without any document.');
    jobStatusGroup(ctx, job);
  },
};
