// Restart-Job (RFC 8011 §4.3.7): a finished job prints again under its own id.

import { assertMayAlter, requireJob } from '../operation-context.js';
import { setExtras } from '../job-extras.js';
import type { Operation } from './operation.js';

export const restartJob: Operation = {
  name: 'Restart-Job',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    setExtras(job, { canceledBy: undefined, timedOut: undefined, suspended: undefined });
    ctx.service.restartJob(job, `restarted by ${ctx.user} (IPP Restart-Job)`);
  },
};
