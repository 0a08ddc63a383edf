// Server-side filtering and paging of the job list. Pages are cut by job
// sequence number (not offset), so a page stays the same while new jobs arrive.
import { JOB_PROCESSING_STATES, type PrintJobProcessingState } from '../model/print-types.js';
import { JOB_STATE_TABLE } from '../core/job-machine.js';
import type { PrintService } from '../core/print-service.js';
import type { JobDoor, JobRecord } from '../model/records.js';
import { ownerOf } from './format.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface JobFilter {
  printerId?: string;
  state?: PrintJobProcessingState;
  /** User principal name (or name), compared without case. */
  owner?: string;
  door?: JobDoor;
}

export interface JobQuery extends JobFilter {
  /** Jobs older than this sequence number (the "older" page). */
  before?: number;
  /** Jobs newer than this sequence number (the "newer" page). */
  after?: number;
  size: number;
}

export interface JobPage {
  /** Newest first. */
  jobs: JobRecord[];
  /** Jobs matching the filter, on every page. */
  total: number;
  /** Sequence number to pass as `before` for the next older page, or null on the last page. */
  olderBefore: number | null;
  /** Sequence number to pass as `after` for the next newer page, or null on the newest page. */
  newerAfter: number | null;
}

function positiveInt(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t === undefined || t === '' ? undefined : t;
}

/** Reads ?printer=&state=&owner=&door=&before=&after=&size=; unknown values are dropped, not errors. */
export function parseJobQuery(query: Record<string, string | undefined>): JobQuery {
  const state = nonEmpty(query.state);
  const door = nonEmpty(query.door);
  const out: JobQuery = { size: Math.min(MAX_PAGE_SIZE, positiveInt(query.size) ?? DEFAULT_PAGE_SIZE) };
  const printerId = nonEmpty(query.printer);
  if (printerId !== undefined) out.printerId = printerId;
  if (state !== undefined && (JOB_PROCESSING_STATES as readonly string[]).includes(state)) out.state = state as PrintJobProcessingState;
  const owner = nonEmpty(query.owner);
  if (owner !== undefined) out.owner = owner;
  if (door === 'graph' || door === 'ipp') out.door = door;
  const before = positiveInt(query.before);
  const after = positiveInt(query.after);
  if (before !== undefined) out.before = before;
  else if (after !== undefined) out.after = after;
  return out;
}

export function matchesFilter(job: JobRecord, filter: JobFilter): boolean {
  if (filter.printerId !== undefined && job.printerId !== filter.printerId) return false;
  if (filter.state !== undefined && JOB_STATE_TABLE[job.leaf].state !== filter.state) return false;
  if (filter.door !== undefined && job.door !== filter.door) return false;
  if (filter.owner !== undefined && ownerOf(job).toLowerCase() !== filter.owner.toLowerCase()) return false;
  return true;
}

export function queryJobs(service: PrintService, query: JobQuery): JobPage {
  // Jobs are kept in creation order, so matches come out oldest first.
  const matches = service.listJobs().filter((j) => matchesFilter(j, query));
  const total = matches.length;
  let from: number;
  let to: number;
  if (query.after !== undefined) {
    const after = query.after;
    from = lowerBound(matches, (j) => j.seq > after);
    to = Math.min(total, from + query.size);
  } else {
    const before = query.before;
    to = before === undefined ? total : lowerBound(matches, (j) => j.seq >= before);
    from = Math.max(0, to - query.size);
  }
  const jobs = matches.slice(from, to).reverse();
  return {
    jobs,
    total,
    olderBefore: from > 0 && jobs.length > 0 ? jobs[jobs.length - 1]!.seq : null,
    newerAfter: to < total && jobs.length > 0 ? jobs[0]!.seq : null,
  };
}

/** First index whose job satisfies `pred` (pred is false then true along the array). */
function lowerBound(jobs: JobRecord[], pred: (j: JobRecord) => boolean): number {
  let lo = 0;
  let hi = jobs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(jobs[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Distinct owners, for the filter's suggestions. */
export function knownOwners(service: PrintService, limit = 200): string[] {
  const seen = new Set<string>();
  for (const j of service.listJobs()) {
    const o = ownerOf(j);
    if (o !== '') seen.add(o);
    if (seen.size >= limit) break;
  }
  return [...seen].sort();
}
