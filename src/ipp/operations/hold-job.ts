// Hold-Job (RFC 8011 §4.3.5): a job that has not started waits as
// pending-held until Release-Job. job-hold-until may only be indefinite
// (job-hold-until-supported).

import { attr, ValueTag } from '../codec/index.js';
import { IppError } from '../ipp-error.js';
import { setExtras } from '../job-extras.js';
import { assertMayAlter, opString, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const holdJob: Operation = {
  name: 'Hold-Job',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    const until = opString(ctx, 'job-hold-until', [ValueTag.keyword, ValueTag.nameWithoutLanguage, ValueTag.nameWithLanguage]) ?? 'indefinite';
    if (until !== 'indefinite') {
      throw new IppError('client-error-attributes-or-values-not-supported', `job-hold-until '${until}' is not supported by Hold-Job (supported: indefinite).`, [
        attr.keyword('job-hold-until', until),
      ]);
    }
    if (job.leaf === 'paused.uploadPending') setExtras(job, { holdUntil: 'indefinite' });
    else if (job.leaf === 'pending') {
      setExtras(job, { holdUntil: 'indefinite' });
      ctx.service.holdJob(job, `held by ${ctx.user} (IPP Hold-Job)`);
    } else if (job.leaf !== 'paused.held') {
      throw new IppError('client-error-not-possible', `Job ${job.id} has already started or finished; only a pending job can be held.`);
    }
    ctx.service.saveJob(job);
  },
};
