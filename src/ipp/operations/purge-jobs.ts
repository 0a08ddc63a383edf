// Purge-Jobs (RFC 8011 §4.2.9): cancels every job that has not finished.
// Finished jobs stay in the history (Graph keeps them too).

import { cancelAs, isFinished } from '../job-cancel.js';
import { assertOperator } from '../operation-context.js';
import type { Operation } from './operation.js';

export const purgeJobs: Operation = {
  name: 'Purge-Jobs',
  target: 'printer',
  handle(ctx) {
    assertOperator(ctx);
    for (const job of ctx.service.listUnfinishedJobs(ctx.printer.id)) if (!isFinished(ctx, job)) cancelAs(ctx, job, 'Purge-Jobs');
  },
};
