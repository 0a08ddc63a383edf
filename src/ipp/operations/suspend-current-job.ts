// Suspend-Current-Job (RFC 3998): the job on the device steps aside as
// processing-stopped / job-suspended, the printer goes on with the queue,
// and Resume-Job queues it again.

import { setExtras } from '../job-extras.js';
import { assertOperator } from '../operation-context.js';
import { currentJob } from './current-job.js';
import type { Operation } from './operation.js';

export const suspendCurrentJob: Operation = {
  name: 'Suspend-Current-Job',
  target: 'printer',
  handle(ctx) {
    assertOperator(ctx);
    const job = currentJob(ctx);
    setExtras(job, { suspended: true });
    ctx.service.suspendJob(job, `suspended by ${ctx.user} (IPP Suspend-Current-Job)`);
  },
};
