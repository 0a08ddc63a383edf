import type { RecordStore } from '../../model/ports.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { JobRecord, TaskRecord } from '../../model/records.js';

/** How much finished-job history is kept. */
export interface JobRetention {
  /** Finished jobs kept per printer, newest first (null: no limit). Default 10,000. */
  perPrinter?: number | null;
  /** Finished jobs older than this are removed (ms since they finished; null: no limit, the default). */
  maxAgeMs?: number | null;
}

export const DEFAULT_JOBS_PER_PRINTER = 10_000;
/** How often jobs past maxAgeMs are looked for. */
const AGE_SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Jobs removed per step, so a large backlog never holds the event loop long. */
const BATCH = 500;

/**
 * Removes finished jobs past the history limits, with their tasks and spool
 * files (documents, output PDF, manifest). The count limit is checked as
 * jobs finish (the removal runs batched, after the turn that finished them);
 * the age limit by a sweep on the injectable clock, and once at start.
 */
export class JobHistory {
  private readonly perPrinter: number | null;
  private readonly maxAgeMs: number | null;
  private readonly finished: Map<string, number>;
  private readonly over = new Set<string>();
  private scheduled = false;
  private timer: TimerHandle | null = null;
  private closed = false;

  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    options: JobRetention,
    private readonly removeFiles: (job: JobRecord) => Promise<void>,
    private readonly onError: (e: unknown) => void,
    /** Told the ids of removed jobs once their files are gone too. */
    private readonly onRemoved: (jobIds: string[]) => void = () => {},
  ) {
    this.perPrinter = options.perPrinter === undefined ? DEFAULT_JOBS_PER_PRINTER : options.perPrinter;
    this.maxAgeMs = options.maxAgeMs ?? null;
    this.finished = store.finishedJobCounts();
    for (const [printerId, n] of this.finished) if (this.perPrinter !== null && n > this.perPrinter) this.over.add(printerId);
    if (this.over.size > 0) this.schedule();
    if (this.maxAgeMs !== null) {
      this.sweepAge();
      this.armAgeSweep();
    }
  }

  /** A job reached a final state. */
  noteFinished(job: JobRecord): void {
    const n = (this.finished.get(job.printerId) ?? 0) + 1;
    this.finished.set(job.printerId, n);
    if (this.perPrinter !== null && n > this.perPrinter) {
      this.over.add(job.printerId);
      this.schedule();
    }
  }

  /** A finished job is printing again (IPP Restart-Job). */
  noteReopened(job: JobRecord): void {
    const n = this.finished.get(job.printerId);
    if (n !== undefined && n > 0) this.finished.set(job.printerId, n - 1);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.closed) this.sweepCount();
    });
  }

  private sweepCount(): void {
    let budget = BATCH;
    for (const printerId of [...this.over]) {
      const n = this.finished.get(printerId) ?? 0;
      const excess = this.perPrinter === null ? 0 : n - this.perPrinter;
      if (excess <= 0) {
        this.over.delete(printerId);
        continue;
      }
      const take = Math.min(excess, budget);
      const jobs = this.store.jobs<JobRecord>({ printerId, finished: true, order: 'completedAsc', limit: take });
      this.removeAll(jobs);
      this.finished.set(printerId, n - jobs.length);
      budget -= jobs.length;
      if (jobs.length < take) this.over.delete(printerId);
      if (budget <= 0) break;
    }
    if (this.over.size > 0) this.schedule();
  }

  private armAgeSweep(): void {
    if (this.closed) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.sweepAge();
      this.armAgeSweep();
    }, AGE_SWEEP_EVERY_MS);
  }

  private sweepAge(): void {
    if (this.maxAgeMs === null || this.closed) return;
    const jobs = this.store.jobs<JobRecord>({ completedBefore: this.clock.now() - this.maxAgeMs, order: 'completedAsc', limit: BATCH });
    this.removeAll(jobs);
    for (const j of jobs) {
      const n = this.finished.get(j.printerId);
      if (n !== undefined && n > 0) this.finished.set(j.printerId, n - 1);
    }
    // A backlog (the emulator was down for long) goes in steps, one per turn.
    if (jobs.length === BATCH) setImmediate(() => this.sweepAge());
  }

  private removeAll(jobs: JobRecord[]): void {
    if (jobs.length === 0) return;
    const tasks = jobs.flatMap((job) => this.store.tasks<TaskRecord>({ jobId: job.id }));
    this.store.transaction(() => {
      for (const job of jobs) this.store.delete('job', job.id);
      for (const t of tasks) this.store.delete('task', t.id);
    });
    const removing = jobs.map((job) => this.removeFiles(job).catch((e: unknown) => this.onError(e)));
    void Promise.all(removing).then(() => this.onRemoved(jobs.map((j) => j.id)));
  }
}
