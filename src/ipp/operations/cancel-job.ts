// Cancel-Job (RFC 8011 §4.3.3): jobs from either door.

import { cancelAs } from '../job-cancel.js';
import { requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const cancelJob: Operation = {
  name: 'Cancel-Job',
  target: 'job',
  handle(ctx) {
    cancelAs(ctx, requireJob(ctx), 'Cancel-Job');
  },
};
