// Cancel-Current-Job (RFC 3998): an operator cancels the job being printed.

import { cancelAs } from '../job-cancel.js';
import { assertOperator } from '../operation-context.js';
import { currentJob } from './current-job.js';
import type { Operation } from './operation.js';

export const cancelCurrentJob: Operation = {
  name: 'Cancel-Current-Job',
  target: 'printer',
  handle(ctx) {
    assertOperator(ctx);
    cancelAs(ctx, currentJob(ctx), 'Cancel-Current-Job');
  },
};
