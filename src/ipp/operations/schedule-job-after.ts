// Schedule-Job-After (RFC 3998): an operator moves a pending job behind
// predecessor-job-id, or to the end of the queue when none is given.

import { IppError } from '../ipp-error.js';
import { assertOperator, opInteger, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const scheduleJobAfter: Operation = {
  name: 'Schedule-Job-After',
  target: 'job',
  handle(ctx) {
    assertOperator(ctx);
    const job = requireJob(ctx);
    const predecessor = opInteger(ctx, 'predecessor-job-id');
    const queue = ctx.printer.queuedJobIds().filter((id) => id !== job.id);
    const afterId = predecessor === undefined ? queue[queue.length - 1] ?? ctx.printer.currentJobId() : String(predecessor);
    const after = afterId === null || afterId === undefined ? null : ctx.service.findJob(afterId) ?? null;
    if (predecessor !== undefined && (after === null || after.printerId !== ctx.printer.id || (!queue.includes(after.id) && ctx.printer.currentJobId() !== after.id))) {
      throw new IppError('client-error-not-possible', `predecessor-job-id ${predecessor} is not a queued or printing job of this printer.`);
    }
    ctx.service.moveJob(job, after);
    ctx.door.recordPrinterEvent(ctx.printer.id, ['printer-queue-order-changed'], `Job ${job.id} rescheduled by ${ctx.user}.`);
  },
};
