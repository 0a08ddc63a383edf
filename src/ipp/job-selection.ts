// Which jobs Get-Jobs, Cancel-Jobs and Cancel-My-Jobs look at: which-jobs
// (RFC 8011 §4.2.6.1, PWG 5100.7, PWG 5100.18 fetchable), my-jobs,
// job-ids (PWG 5100.7), and the order they come in.

import type { JobRecord } from '../model/records.js';
import { attr, JOB_STATE } from './codec/index.js';
import { IppError } from './ipp-error.js';
import { jobOwner } from './job-attributes.js';
import { ippJobState } from './job-state.js';
import type { OperationContext } from './operation-context.js';
import { WHICH_JOBS } from './printer-attributes.js';

export function checkWhichJobs(which: string): void {
  if (!WHICH_JOBS.includes(which)) {
    throw new IppError('client-error-attributes-or-values-not-supported', `which-jobs '${which}' is not supported (supported: ${WHICH_JOBS.join(', ')}).`, [
      attr.keyword('which-jobs', which),
    ]);
  }
}

/** which-jobs values that only unfinished jobs can match (the rest need the whole history). */
const UNFINISHED_ONLY = new Set(['not-completed', 'pending', 'pending-held', 'processing', 'processing-stopped', 'fetchable', 'proof-print']);

/** The printer's jobs that `which` can match, so a long history costs nothing when only live jobs are asked for. */
export function candidateJobs(ctx: OperationContext, which: string): JobRecord[] {
  return UNFINISHED_ONLY.has(which) ? ctx.service.listUnfinishedJobs(ctx.printer.id) : ctx.service.listJobs(ctx.printer.id);
}

export function matchesWhichJobs(ctx: OperationContext, job: JobRecord, which: string): boolean {
  const state = ippJobState(ctx.service, job).state;
  switch (which) {
    case 'completed':
      return state >= JOB_STATE.canceled;
    case 'not-completed':
      return state < JOB_STATE.canceled;
    case 'all':
      return true;
    case 'fetchable':
      return job.isFetchable;
    case 'proof-print':
      // printsim makes no proof prints (PWG 5100.11 proof-print).
      return false;
    default:
      return state === JOB_STATE[which as keyof typeof JOB_STATE];
  }
}

export function isMine(ctx: OperationContext, job: JobRecord): boolean {
  return jobOwner(job).toLowerCase() === ctx.user.toLowerCase();
}

/**
 * The printer's jobs in the order RFC 8011 §4.2.6 gives: the job printing,
 * then the queue in order, then held and incoming jobs, then finished jobs
 * newest first.
 */
export function orderedJobs(ctx: OperationContext, jobs: JobRecord[] = ctx.service.listJobs(ctx.printer.id)): JobRecord[] {
  const current = ctx.printer.currentJobId();
  const queue = new Map(ctx.printer.queuedJobIds().map((id, i) => [id, i]));
  const rank = (j: JobRecord): number => {
    if (j.id === current) return 0;
    const q = queue.get(j.id) ?? -1;
    if (q >= 0) return 1 + q / (queue.size + 1);
    return ippJobState(ctx.service, j).state < JOB_STATE.canceled ? 2 : 3;
  };
  const finishedAt = (j: JobRecord): number => (j.completedDateTime === null ? 0 : Date.parse(j.completedDateTime));
  return jobs
    .map((j) => ({ j, r: rank(j) }))
    .sort((a, b) => a.r - b.r || (a.r === 3 ? finishedAt(b.j) - finishedAt(a.j) || b.j.seq - a.j.seq : a.j.seq - b.j.seq))
    .map((x) => x.j);
}
