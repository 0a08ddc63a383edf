// What the core asks the record store about jobs and tasks: the shapes of its
// indexed queries. A store answers them from indexes, so a long history costs
// a page, not a scan.

/**
 * A filter over stored jobs, by the columns the store indexes. Every field is
 * optional; given ones are joined with AND. Owner names compare without case
 * (Entra UPNs are case-insensitive): pass them as they came, the store lowers them.
 */
export interface JobFilter {
  printerId?: string;
  /** createdBy.userPrincipalName ('' matches a job without one). */
  ownerUpn?: string;
  /** The owner as people see it: the UPN, else the display name, else ''; any of the names given. */
  owner?: string | readonly string[];
  /** The job's state machine leaf, any of them (an empty list matches nothing). */
  leaves?: readonly string[];
  /** Completed, canceled or aborted (completedDateTime set). */
  finished?: boolean;
  door?: string;
  isFetchable?: boolean;
  /** Only these job ids. */
  ids?: readonly string[];
}

export interface JobListQuery extends JobFilter {
  /** Keyset cursor: jobs with a greater sequence number. */
  afterSeq?: number;
  /** Keyset cursor: jobs with a smaller sequence number. */
  beforeSeq?: number;
  /** Finished before this time (epoch ms). */
  completedBefore?: number;
  /**
   * 'seq' oldest first (creation order), 'seqDesc' newest first,
   * 'completedDesc' most recently finished first (then newest), 'completedAsc' the reverse.
   */
  order?: 'seq' | 'seqDesc' | 'completedDesc' | 'completedAsc';
  limit?: number;
  offset?: number;
}

/** Tasks by the job they belong to or the task definition they come from. */
export interface TaskFilter {
  jobId?: string;
  definitionId?: string;
  /** Only tasks whose job has not finished. */
  unfinishedJobs?: boolean;
}
