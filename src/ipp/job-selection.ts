// Which jobs Get-Jobs, Cancel-Jobs and Cancel-My-Jobs look at: which-jobs
// (RFC 8011 §4.2.6.1, PWG 5100.7), my-jobs,
// job-ids (PWG 5100.7), and the order they come in.

import { isFinalLeaf, JOB_STATE_TABLE } from '../core/job-machine.js';
import type { JobLeaf, JobRecord } from '../model/records.js';
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

/** The machine's final leaves: completed, canceled, aborted. */
const FINAL_LEAVES = (Object.keys(JOB_STATE_TABLE) as JobLeaf[]).filter(isFinalLeaf);

/**
 * The final leaves `which` matches. A finished job's job-state is named as
 * its leaf (the terminating states, RFC 8011 §5.3.7); 'completed' takes all
 * three (RFC 8011 §4.2.6.1), the live-only keywords none.
 */
function finishedLeaves(which: string): JobLeaf[] {
  if (which === 'completed' || which === 'all') return FINAL_LEAVES;
  return FINAL_LEAVES.filter((leaf) => leaf === which);
}

/** The user names a job of `user` is stored under (jobOwner, without case; 'anonymous' is an unnamed owner). */
function ownerNames(ctx: OperationContext): string[] {
  const user = ctx.user.toLowerCase();
  return user === 'anonymous' ? [user, ''] : [user];
}

/**
 * One window of the printer's jobs that `which` (and `mine`) match, in the
 * order of orderedJobs: `offset` jobs skipped, at most `limit` returned. The
 * unfinished jobs come from memory; the finished ones, which follow them,
 * from the store's index, newest first, so a long history costs one page.
 */
export function selectJobs(ctx: OperationContext, which: string, mine: boolean, offset: number, limit: number | undefined): JobRecord[] {
  const live = orderedJobs(
    ctx,
    ctx.service.listUnfinishedJobs(ctx.printer.id).filter((j) => matchesWhichJobs(ctx, j, which) && (!mine || isMine(ctx, j))),
  );
  const out = live.slice(offset, limit === undefined ? undefined : offset + limit);
  const leaves = finishedLeaves(which);
  const wanted = limit === undefined ? undefined : limit - out.length;
  if (leaves.length === 0 || wanted === 0) return out;
  const finished = ctx.service.queryJobs({
    printerId: ctx.printer.id,
    finished: true,
    // Every final leaf is what finished means already; the list would only keep the planner from the printer's index.
    ...(leaves.length === FINAL_LEAVES.length ? {} : { leaves }),
    ...(mine ? { owner: ownerNames(ctx) } : {}),
    order: 'completedDesc',
    offset: Math.max(0, offset - live.length),
    ...(wanted === undefined ? {} : { limit: wanted }),
  });
  return [...out, ...finished];
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
export function orderedJobs(ctx: OperationContext, jobs: JobRecord[]): JobRecord[] {
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
