// Release-Job (RFC 8011 §4.3.6): a held job is queued again, whatever held it
// (job-hold-until, job-hold-until-time, Hold-Job, Hold-New-Jobs).

import { IppError } from '../ipp-error.js';
import { extrasOf, setExtras } from '../job-extras.js';
import { assertMayAlter, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const releaseJob: Operation = {
  name: 'Release-Job',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    const extras = extrasOf(job);
    const heldAtStart = job.leaf === 'paused.uploadPending' && (extras.holdUntil !== undefined || extras.holdUntilTime !== undefined || job.heldNewJob === true);
    if (!heldAtStart && (job.leaf !== 'paused.held' || extras.suspended === true)) {
      throw new IppError('client-error-not-possible', `Job ${job.id} is not held.`);
    }
    setExtras(job, {
      holdUntil: undefined,
      holdUntilTime: undefined,
      template: (extras.template ?? []).filter((a) => a.name !== 'job-hold-until' && a.name !== 'job-hold-until-time'),
    });
    ctx.service.saveJob(job);
    const reason = `released by ${ctx.user} (IPP Release-Job)`;
    if (job.heldNewJob === true || job.leaf === 'paused.uploadPending') ctx.service.releaseHeldNewJob(job, reason);
    if (job.leaf === 'paused.held') ctx.service.releaseJob(job, `released by ${ctx.user} (IPP Release-Job)`);
  },
};
