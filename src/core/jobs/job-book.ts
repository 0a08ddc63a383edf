import type { JobFilter, JobListQuery } from '../../model/job-queries.js';
import type { RecordStore } from '../../model/ports.js';
import { isFinalLeaf } from '../job-machine.js';
import type { JobRecord } from '../../model/records.js';

/**
 * The job records: the unfinished ones in memory, where their machines and
 * queues work on them (the same object for the job's whole life, so identity
 * checks hold), every one written through to the store. A job that reaches a
 * final state leaves memory with that write; from then on it is read from the
 * store on demand, a fresh object per read, so memory is bounded by the work
 * in flight, not by the history. Lists go to the store's indexes and give the
 * live object for a job still in memory.
 */
export class JobBook {
  private readonly live = new Map<string, JobRecord>();
  /** Called when a job is written in a final state for the first time since it was live. */
  onFinished: (job: JobRecord) => void = () => {};
  /** Called when a finished job becomes live again (IPP Restart-Job). */
  onReopened: (job: JobRecord) => void = () => {};

  constructor(private readonly store: RecordStore) {}

  /** Loads the unfinished jobs into memory, in creation order, and returns them. */
  restore(): JobRecord[] {
    const jobs = this.store.jobs<JobRecord>({ finished: false });
    for (const job of jobs) {
      // A record from before completedDateTime marked every end (or an edited file) may still be final.
      if (!isFinalLeaf(job.leaf)) this.live.set(job.id, job);
    }
    return [...this.live.values()];
  }

  /** Writes the job through; a final one leaves memory, an unfinished one is (again) kept there. */
  save(job: JobRecord): void {
    const wasLive = this.live.has(job.id);
    if (isFinalLeaf(job.leaf)) {
      // A finished job removed by retention meanwhile stays removed.
      if (!wasLive && this.store.job(job.id) === undefined) return;
      this.store.put('job', job.id, job);
      if (wasLive) {
        this.live.delete(job.id);
        this.onFinished(job);
      }
      return;
    }
    // Every unfinished job is in memory, so a stored job that is not was finished: it is reopened.
    const reopened = !wasLive && this.store.job(job.id) !== undefined;
    this.store.put('job', job.id, job);
    if (wasLive) return;
    this.live.set(job.id, job);
    if (reopened) this.onReopened(job);
  }

  get(jobId: string): JobRecord | undefined {
    return this.live.get(jobId) ?? this.store.job<JobRecord>(jobId);
  }

  /** The jobs not yet completed, canceled or aborted, oldest first: cheap however long the history. */
  unfinished(printerId?: string): JobRecord[] {
    const out: JobRecord[] = [];
    for (const job of this.live.values()) if (printerId === undefined || job.printerId === printerId) out.push(job);
    return out;
  }

  isLive(jobId: string): boolean {
    return this.live.has(jobId);
  }

  /** Jobs matching `q`, through the store's indexes. */
  list(q: JobListQuery): JobRecord[] {
    return this.store.jobs<JobRecord>(q).map((j) => this.live.get(j.id) ?? j);
  }

  count(q: JobFilter): number {
    return this.store.countJobs(q);
  }

  any(q: JobListQuery): boolean {
    return this.store.anyJob(q);
  }

  /** Distinct owners (UPN, else display name), at most `limit`, sorted. */
  owners(limit: number): string[] {
    return this.store.jobOwners(limit).sort();
  }

  /** Removes a finished job's record (retention). */
  remove(job: JobRecord): void {
    if (this.live.has(job.id)) return;
    this.store.delete('job', job.id);
  }
}
