// Cancel-My-Jobs (PWG 5100.7): the requesting user's unfinished jobs, or those in job-ids.

import { isMine } from '../job-selection.js';
import { cancelSelected } from './cancel-jobs-in.js';
import type { Operation } from './operation.js';

export const cancelMyJobs: Operation = {
  name: 'Cancel-My-Jobs',
  target: 'printer',
  handle(ctx) {
    cancelSelected(ctx, 'Cancel-My-Jobs', (job) => isMine(ctx, job));
  },
};
