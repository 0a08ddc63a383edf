// Server-side filtering and paging of the job list. Pages are cut by job
// sequence number (not offset), so a page stays the same while new jobs arrive,
// and each is one indexed range read from the store, however long the history.
import { JOB_PROCESSING_STATES, type PrintJobProcessingState } from '../model/print-types.js';
import { JOB_STATE_TABLE } from '../core/job-machine.js';
import type { PrintService } from '../core/print-service.js';
import type { JobFilter as StoreJobFilter } from '../model/job-queries.js';
import type { JobDoor, JobLeaf, JobRecord } from '../model/records.js';

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

/** The state machine leaves whose Graph state is `state`. */
function leavesOf(state: PrintJobProcessingState): JobLeaf[] {
  return (Object.keys(JOB_STATE_TABLE) as JobLeaf[]).filter((leaf) => JOB_STATE_TABLE[leaf].state === state);
}

/** The filter as the store's indexed columns. */
function storeFilter(filter: JobFilter): StoreJobFilter {
  const out: StoreJobFilter = {};
  if (filter.printerId !== undefined) out.printerId = filter.printerId;
  if (filter.state !== undefined) out.leaves = leavesOf(filter.state);
  if (filter.door !== undefined) out.door = filter.door;
  if (filter.owner !== undefined) out.owner = filter.owner;
  return out;
}

/** One page, newest first, answered by keyset queries on the store's indexes. */
export function queryJobs(service: PrintService, query: JobQuery): JobPage {
  const where = storeFilter(query);
  const total = service.countJobs(where);
  let jobs: JobRecord[];
  let older: boolean;
  let newer: boolean;
  if (query.after !== undefined) {
    const rows = service.queryJobs({ ...where, afterSeq: query.after, order: 'seq', limit: query.size + 1 });
    newer = rows.length > query.size;
    jobs = rows.slice(0, query.size).reverse();
    older = service.anyJob({ ...where, beforeSeq: query.after + 1 });
  } else {
    const rows = service.queryJobs({ ...where, ...(query.before === undefined ? {} : { beforeSeq: query.before }), order: 'seqDesc', limit: query.size + 1 });
    older = rows.length > query.size;
    jobs = rows.slice(0, query.size);
    newer = query.before !== undefined && service.anyJob({ ...where, afterSeq: query.before - 1 });
  }
  return {
    jobs,
    total,
    olderBefore: older && jobs.length > 0 ? jobs[jobs.length - 1]!.seq : null,
    newerAfter: newer && jobs.length > 0 ? jobs[0]!.seq : null,
  };
}

/** Distinct owners, for the filter's suggestions. */
export function knownOwners(service: PrintService, limit = 200): string[] {
  return service.jobOwners(limit);
}
