// Release-Job (RFC 8011 §4.3.6): a held job is queued again, whatever held it
// (job-hold-until, job-hold-until-time, Hold-Job, Hold-New-Jobs). A job held
// for its job-password (PWG 5100.11 §6.1.2) is released only by a Release-Job
// that brings that password as its job-password operation attribute.

import { IppError } from '../ipp-error.js';
import { extrasOf, setExtras } from '../job-extras.js';
import { passwordMatches } from '../job-password.js';
import { assertMayAlter, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const releaseJob: Operation = {
  name: 'Release-Job',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    const extras = extrasOf(job);
    const heldAtStart =
      job.leaf === 'paused.uploadPending' &&
      (extras.holdUntil !== undefined || extras.holdUntilTime !== undefined || job.heldNewJob === true || extras.password !== undefined);
    if (!heldAtStart && (job.leaf !== 'paused.held' || extras.suspended === true)) {
      throw new IppError('client-error-not-possible', `Job ${job.id} is not held.`);
    }
    if (extras.password !== undefined && !passwordMatches(ctx, extras.password)) {
      // Not even an operator: the password is what stands in for the user at the printer.
      throw new IppError('client-error-not-authorized', `Job ${job.id} waits for its job-password: send it as the job-password operation attribute of Release-Job (PWG 5100.11).`);
    }
    setExtras(job, {
      holdUntil: undefined,
      holdUntilTime: undefined,
      password: undefined,
      template: (extras.template ?? []).filter((a) => a.name !== 'job-hold-until' && a.name !== 'job-hold-until-time'),
    });
    ctx.service.saveJob(job);
    const reason = `released by ${ctx.user} (IPP Release-Job)`;
    if (job.heldNewJob === true || job.leaf === 'paused.uploadPending') ctx.service.releaseHeldNewJob(job, reason);
    if (job.leaf === 'paused.held') ctx.service.releaseJob(job, `released by ${ctx.user} (IPP Release-Job)`);
  },
};
