// Cancel-Jobs (PWG 5100.7): an operator cancels every unfinished job, or those in job-ids.

import { assertOperator } from '../operation-context.js';
import { cancelSelected } from './cancel-jobs-in.js';
import type { Operation } from './operation.js';

export const cancelJobs: Operation = {
  name: 'Cancel-Jobs',
  target: 'printer',
  handle(ctx) {
    assertOperator(ctx);
    cancelSelected(ctx, 'Cancel-Jobs', () => true);
  },
};
