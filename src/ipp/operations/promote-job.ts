// Promote-Job (RFC 3998): an operator moves a pending job to the head of the queue.

import { assertOperator, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const promoteJob: Operation = {
  name: 'Promote-Job',
  target: 'job',
  handle(ctx) {
    assertOperator(ctx);
    const job = requireJob(ctx);
    ctx.service.moveJob(job, null);
    ctx.door.recordPrinterEvent(ctx.printer.id, ['printer-queue-order-changed'], `Job ${job.id} promoted by ${ctx.user}.`);
  },
};
