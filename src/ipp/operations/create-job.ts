// Create-Job (RFC 8011 §4.2.4): a job whose documents follow by Send-Document;
// without one within multiple-operation-time-out it is aborted (PWG 5100.7).

import { createIppJob, jobStatusGroup, readJobTicket } from '../job-creation.js';
import { createRequestSubscriptions } from '../subscription-request.js';
import type { Operation } from './operation.js';

export const createJob: Operation = {
  name: 'Create-Job',
  target: 'printer',
  handle(ctx) {
    const ticket = readJobTicket(ctx);
    const job = createIppJob(ctx, ticket);
    ctx.door.armTimeOut(job);
    createRequestSubscriptions(ctx, job);
    jobStatusGroup(ctx, job);
  },
};
