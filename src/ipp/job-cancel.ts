// Canceling a job through IPP (Cancel-Job and the operations that cancel
// several): owner or operator, and only a job that has not finished.

import type { JobRecord } from '../model/records.js';
import { IppError } from './ipp-error.js';
import { setExtras } from './job-extras.js';
import { ippJobState } from './job-state.js';
import { assertMayAlter, mayAlter, type OperationContext } from './operation-context.js';
import { isMine } from './job-selection.js';
import { JOB_STATE } from './codec/index.js';

export function isFinished(ctx: OperationContext, job: JobRecord): boolean {
  return ippJobState(ctx.service, job).state >= JOB_STATE.canceled;
}

/** Cancels one job; client-error-not-possible once it has finished (RFC 8011 §4.3.3). */
export function cancelAs(ctx: OperationContext, job: JobRecord, operation: string): void {
  assertMayAlter(ctx, job);
  if (isFinished(ctx, job)) {
    throw new IppError('client-error-not-possible', `Job ${job.id} has already finished (${ippJobStateName(ctx, job)}) and cannot be canceled.`);
  }
  const byOperator = !isMine(ctx, job) && mayAlter(ctx, job);
  setExtras(job, { canceledBy: byOperator ? 'operator' : 'user' });
  ctx.service.cancelJob(job.id, undefined, `canceled by ${ctx.user} (IPP ${operation})`);
}

function ippJobStateName(ctx: OperationContext, job: JobRecord): string {
  const n = ippJobState(ctx.service, job).state;
  return Object.entries(JOB_STATE).find(([, v]) => v === n)?.[0] ?? String(n);
}
