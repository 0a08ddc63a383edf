// Cancel-Jobs and Cancel-My-Jobs (PWG 5100.7): all unfinished jobs (of the
// user), or those in job-ids; when one of job-ids cannot be canceled, none is.

import type { JobRecord } from '../../model/records.js';
import { attr } from '../codec/index.js';
import { IppError } from '../ipp-error.js';
import { cancelAs, isFinished } from '../job-cancel.js';
import { mayAlter, opIntegers, type OperationContext } from '../operation-context.js';

export function cancelSelected(ctx: OperationContext, operation: string, candidates: (job: JobRecord) => boolean): void {
  const ids = opIntegers(ctx, 'job-ids');
  let selected: JobRecord[];
  if (ids === undefined) {
    selected = ctx.service.listUnfinishedJobs(ctx.printer.id).filter((j) => candidates(j) && !isFinished(ctx, j));
  } else {
    selected = [];
    const refused: number[] = [];
    for (const id of ids) {
      const found = ctx.service.findJob(String(id));
      const job = found?.printerId === ctx.printer.id ? found : undefined;
      if (job === undefined || !candidates(job) || !mayAlter(ctx, job) || isFinished(ctx, job)) refused.push(id);
      else selected.push(job);
    }
    if (refused.length > 0) {
      throw new IppError('client-error-not-possible', `${operation}: job(s) ${refused.join(', ')} cannot be canceled (unknown, finished, or not yours); none was canceled.`, [
        attr.integer('job-ids', refused[0]!, ...refused.slice(1)),
      ]);
    }
  }
  for (const job of selected) cancelAs(ctx, job, operation);
}
