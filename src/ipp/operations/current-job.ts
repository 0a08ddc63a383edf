// The job on the device, for Cancel-Current-Job and Suspend-Current-Job (RFC
// 3998): job-id, when given, must name it.

import type { JobRecord } from '../../model/records.js';
import { IppError } from '../ipp-error.js';
import { opInteger, type OperationContext } from '../operation-context.js';

export function currentJob(ctx: OperationContext): JobRecord {
  const id = ctx.printer.currentJobId();
  const asked = opInteger(ctx, 'job-id');
  if (id === null) throw new IppError('client-error-not-possible', `Printer '${ctx.printer.definition.name}' has no job in progress.`);
  if (asked !== undefined && String(asked) !== id) {
    throw new IppError('client-error-not-possible', `Job ${asked} is not the current job (job ${id} is).`);
  }
  return ctx.service.getJob(id);
}
