import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobFilter, JobListQuery, TaskFilter } from '../model/job-queries.js';
import type { RecordKind, RecordStore as RecordStorePort } from '../model/ports.js';

/**
 * Version 2 keeps rows in a rowid table: a job's JSON (about 1.6 KB) fits in
 * its page there, and new rows append, so the jobs one commit touches share
 * pages. Version 1 (WITHOUT ROWID) put each such row on an overflow page too:
 * about 85 KB of WAL per printed job.
 *
 * Version 3 moves jobs and tasks to tables of their own with the columns
 * their lists filter and sort on, indexed, so finished jobs are read from
 * here page by page instead of being held in memory. A job's row is keyed by
 * its sequence number (the rowid), so new jobs append and keyset pages are
 * range scans.
 */
const SCHEMA_VERSION = 3;
const CREATE_RECORDS = `CREATE TABLE records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);`;
const CREATE_JOBS = `CREATE TABLE jobs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  printer_id TEXT NOT NULL,
  owner_upn TEXT NOT NULL,
  owner TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  door TEXT NOT NULL,
  leaf TEXT NOT NULL,
  finished INTEGER NOT NULL,
  fetchable INTEGER NOT NULL,
  completed_ms INTEGER,
  body TEXT NOT NULL
);
CREATE INDEX jobs_printer ON jobs (printer_id, seq);
CREATE INDEX jobs_printer_upn ON jobs (printer_id, owner_upn, seq);
CREATE INDEX jobs_owner ON jobs (owner, seq);
CREATE INDEX jobs_leaf ON jobs (leaf, seq);
CREATE INDEX jobs_printer_finished ON jobs (printer_id, finished, completed_ms, seq);
CREATE INDEX jobs_finished ON jobs (finished, completed_ms);
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  definition_id TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX tasks_job ON tasks (job_id);
CREATE INDEX tasks_definition ON tasks (definition_id);`;

/** A queued write: the record to serialize at flush time, or DELETED. */
const DELETED = Symbol('deleted');
interface PendingWrite {
  kind: RecordKind;
  id: string;
  body: unknown;
}

/** The indexed columns of a job row, read from its record (tolerant of partial records). */
interface JobColumns {
  seq: number | null;
  printerId: string;
  ownerUpn: string;
  owner: string;
  ownerName: string;
  door: string;
  leaf: string;
  finished: number;
  fetchable: number;
  completedMs: number | null;
}

function jobColumns(id: string, body: unknown): JobColumns {
  const j = (body ?? {}) as Record<string, unknown>;
  const by = (j.createdBy ?? {}) as { userPrincipalName?: unknown; displayName?: unknown };
  const upn = typeof by.userPrincipalName === 'string' ? by.userPrincipalName : '';
  const name = upn !== '' ? upn : typeof by.displayName === 'string' ? by.displayName : '';
  const completed = typeof j.completedDateTime === 'string' ? Date.parse(j.completedDateTime) : NaN;
  const seq = typeof j.seq === 'number' ? j.seq : /^\d{1,15}$/.test(id) ? Number(id) : null;
  return {
    seq,
    printerId: typeof j.printerId === 'string' ? j.printerId : '',
    ownerUpn: upn.toLowerCase(),
    owner: name.toLowerCase(),
    ownerName: name,
    door: typeof j.door === 'string' ? j.door : '',
    leaf: typeof j.leaf === 'string' ? j.leaf : '',
    // completedDateTime is set exactly when a job reaches a final state (and cleared by a restart).
    finished: typeof j.completedDateTime === 'string' ? 1 : 0,
    fetchable: j.isFetchable === true ? 1 : 0,
    completedMs: Number.isFinite(completed) ? completed : null,
  };
}

function taskColumns(body: unknown): { jobId: string; definitionId: string } {
  const t = (body ?? {}) as { jobId?: unknown; definitionId?: unknown };
  return { jobId: typeof t.jobId === 'string' ? t.jobId : '', definitionId: typeof t.definitionId === 'string' ? t.definitionId : '' };
}

/** SQL WHERE clause and parameters of a job filter. */
function jobWhere(q: JobListQuery): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[]): void => {
    if (values.length === 0) where.push('0');
    else {
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
  };
  if (q.printerId !== undefined) {
    where.push('printer_id = ?');
    params.push(q.printerId);
  }
  if (q.ownerUpn !== undefined) {
    where.push('owner_upn = ?');
    params.push(q.ownerUpn.toLowerCase());
  }
  if (q.owner !== undefined) inList('owner', (typeof q.owner === 'string' ? [q.owner] : q.owner).map((o) => o.toLowerCase()));
  if (q.leaves !== undefined) inList('leaf', q.leaves);
  if (q.finished !== undefined) where.push(q.finished ? 'finished = 1' : 'finished = 0');
  if (q.door !== undefined) {
    where.push('door = ?');
    params.push(q.door);
  }
  if (q.isFetchable !== undefined) where.push(q.isFetchable ? 'fetchable = 1' : 'fetchable = 0');
  if (q.ids !== undefined) inList('id', q.ids);
  if (q.afterSeq !== undefined) {
    where.push('seq > ?');
    params.push(q.afterSeq);
  }
  if (q.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(q.beforeSeq);
  }
  if (q.completedBefore !== undefined) {
    where.push('finished = 1 AND completed_ms < ?');
    params.push(q.completedBefore);
  }
  return { sql: where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`, params };
}

const JOB_ORDER = {
  seq: 'seq',
  seqDesc: 'seq DESC',
  completedDesc: 'completed_ms DESC, seq DESC',
  completedAsc: 'completed_ms, seq',
} as const;

/**
 * Records in SQLite (better-sqlite3): jobs and tasks in tables of their own,
 * with the columns their lists use indexed; every other kind in one table of
 * (kind, id, JSON body). The print service keeps the work in flight in memory
 * and writes through here; finished jobs are read back from here on demand.
 *
 * Writes are queued and committed together once per event-loop turn
 * (setImmediate), each record serialized once in its latest state: a job
 * changes state several times per turn, and a commit per change was the
 * largest cost of a busy server. `committed()` lets a door hold its answer
 * until its writes are in (group commit); `close()` and every read flush first,
 * so reads see every write queued before them.
 *
 * A record that cannot be serialized is refused where it is put (put throws),
 * so it never reaches the queue; one that becomes unserializable later is
 * left out of its commit and reported to `onError`, and the other records of
 * that commit land.
 */
export class RecordStore implements RecordStorePort {
  private readonly db: Database.Database;
  private readonly putStmt: Database.Statement<[string, string, string]>;
  private readonly delStmt: Database.Statement<[string, string]>;
  private readonly allStmt: Database.Statement<[string], { id: string; body: string }>;
  private readonly putJobStmt: Database.Statement<unknown[]>;
  private readonly delJobStmt: Database.Statement<[string]>;
  private readonly getJobStmt: Database.Statement<[string], { body: string }>;
  private readonly putTaskStmt: Database.Statement<[string, string, string, string]>;
  private readonly delTaskStmt: Database.Statement<[string]>;
  private readonly getTaskStmt: Database.Statement<[string], { body: string }>;
  /** Prepared job queries by SQL text (a handful of shapes recur). */
  private readonly queries = new Map<string, Database.Statement<unknown[]>>();
  private pending = new Map<string, PendingWrite>();
  /** Set while a flush is scheduled; settles when that flush has committed (or failed). */
  private scheduled: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;
  /** Earlier values of the keys a running transaction() wrote, to undo them if it throws. */
  private undo: Array<[string, PendingWrite | undefined]> | null = null;
  private readonly onError: (e: unknown) => void;

  /** `file` is a path, or ':memory:' for an embedded emulator. `onError` hears about failed background commits. */
  constructor(file: string, options: { onError?: (e: unknown) => void } = {}) {
    this.onError = options.onError ?? (() => {});
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version === 0) {
      this.db.exec(`${CREATE_RECORDS} ${CREATE_JOBS}`);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } else if (version === 1 || version === 2) {
      this.db.transaction(() => {
        if (version === 1) {
          this.db.exec(`ALTER TABLE records RENAME TO records_v1; ${CREATE_RECORDS}
            INSERT INTO records (kind, id, body) SELECT kind, id, body FROM records_v1; DROP TABLE records_v1;`);
        }
        this.db.exec(CREATE_JOBS);
        this.migrateJobsAndTasks();
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    } else if (version !== SCHEMA_VERSION) {
      throw new Error(`${file}: database schema version ${version} is not supported (expected ${SCHEMA_VERSION})`);
    }
    // An upsert keeps the row where it is: an update rewrites one table page, not the index too.
    this.putStmt = this.db.prepare('INSERT INTO records (kind, id, body) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body');
    this.delStmt = this.db.prepare('DELETE FROM records WHERE kind = ? AND id = ?');
    this.allStmt = this.db.prepare('SELECT id, body FROM records WHERE kind = ?');
    // Only the columns a job's life changes are updated, so the owner and printer indexes are left alone.
    this.putJobStmt = this.db.prepare(
      `INSERT INTO jobs (seq, id, printer_id, owner_upn, owner, owner_name, door, leaf, finished, fetchable, completed_ms, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET leaf = excluded.leaf, finished = excluded.finished, fetchable = excluded.fetchable,
         completed_ms = excluded.completed_ms, body = excluded.body`,
    );
    this.delJobStmt = this.db.prepare('DELETE FROM jobs WHERE id = ?');
    this.getJobStmt = this.db.prepare('SELECT body FROM jobs WHERE id = ?');
    this.putTaskStmt = this.db.prepare(
      'INSERT INTO tasks (id, job_id, definition_id, body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
    );
    this.delTaskStmt = this.db.prepare('DELETE FROM tasks WHERE id = ?');
    this.getTaskStmt = this.db.prepare('SELECT body FROM tasks WHERE id = ?');
  }

  /** Version 2 to 3: jobs and tasks leave the records table for their own, indexed ones. */
  private migrateJobsAndTasks(): void {
    const insertJob = this.db.prepare(
      `INSERT INTO jobs (seq, id, printer_id, owner_upn, owner, owner_name, door, leaf, finished, fetchable, completed_ms, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertTask = this.db.prepare('INSERT INTO tasks (id, job_id, definition_id, body) VALUES (?, ?, ?, ?)');
    // In slices, so a long history never sits in memory whole.
    const slice = this.db.prepare("SELECT rowid AS r, kind, id, body FROM records WHERE kind IN ('job', 'task') AND rowid > ? ORDER BY rowid LIMIT 2000");
    let after = 0;
    for (;;) {
      const rows = slice.all(after) as Array<{ r: number; kind: string; id: string; body: string }>;
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.kind === 'job') insertJob.run(...jobParams(row.id, jobColumns(row.id, JSON.parse(row.body)), row.body));
        else {
          const c = taskColumns(JSON.parse(row.body));
          insertTask.run(row.id, c.jobId, c.definitionId, row.body);
        }
      }
      after = rows[rows.length - 1]!.r;
    }
    this.db.exec("DELETE FROM records WHERE kind IN ('job', 'task')");
  }

  /**
   * Queues `body`, serialized again when the queue is committed, so later
   * changes to it land too. Throws, queueing nothing, when `body` cannot be
   * serialized (a cycle, nesting too deep for JSON.stringify).
   */
  put(kind: RecordKind, id: string, body: unknown): void {
    try {
      JSON.stringify(body);
    } catch (e) {
      throw new Error(`The ${kind} record '${id}' cannot be saved: ${(e as Error).message}`, { cause: e });
    }
    this.queue({ kind, id, body });
  }

  delete(kind: RecordKind, id: string): void {
    this.queue({ kind, id, body: DELETED });
  }

  all<T>(kind: RecordKind): T[] {
    this.flush();
    if (kind === 'job') return this.jobs<T>({});
    if (kind === 'task') return this.tasks<T>({});
    return this.allStmt.all(kind).map((r) => JSON.parse(r.body) as T);
  }

  /** One job, or undefined; a write still queued is seen (the very object queued). */
  job<T>(id: string): T | undefined {
    const w = this.pending.get(key('job', id));
    if (w !== undefined) return w.body === DELETED ? undefined : (w.body as T);
    const row = this.db.open ? this.getJobStmt.get(id) : undefined;
    return row === undefined ? undefined : (JSON.parse(row.body) as T);
  }

  /** Jobs matching `q`, in its order (creation order by default), through the indexes. */
  jobs<T>(q: JobListQuery): T[] {
    return this.queryJobs<{ body: string }>('body', q).map((r) => JSON.parse(r.body) as T);
  }

  /** Ids of the jobs matching `q` (no record is parsed). */
  jobIds(q: JobListQuery): string[] {
    return this.queryJobs<{ id: string }>('id', q).map((r) => r.id);
  }

  countJobs(q: JobFilter): number {
    this.flush();
    const { sql, params } = jobWhere(q);
    return (this.statement(`SELECT COUNT(*) AS n FROM jobs${sql}`).get(...params) as { n: number }).n;
  }

  /** Whether any job matches `q` (cheaper than counting). */
  anyJob(q: JobListQuery): boolean {
    return this.queryJobs('1', { ...q, limit: 1 }).length > 0;
  }

  /** Finished jobs per printer. */
  finishedJobCounts(): Map<string, number> {
    this.flush();
    const rows = this.statement('SELECT printer_id AS p, COUNT(*) AS n FROM jobs WHERE finished = 1 GROUP BY printer_id').all() as Array<{ p: string; n: number }>;
    return new Map(rows.map((r) => [r.p, r.n]));
  }

  /** Distinct job owners as people see them (one spelling each), by name, at most `limit`. */
  jobOwners(limit: number): string[] {
    this.flush();
    // A skip scan of the owner index: one probe per distinct owner, however many jobs each has.
    const rows = this.statement(
      `WITH RECURSIVE o(k) AS (
         SELECT MIN(owner) FROM jobs WHERE owner <> ''
         UNION ALL SELECT (SELECT MIN(owner) FROM jobs WHERE owner > o.k) FROM o WHERE o.k IS NOT NULL LIMIT ?)
       SELECT (SELECT owner_name FROM jobs WHERE owner = o.k LIMIT 1) AS name FROM o WHERE o.k IS NOT NULL`,
    ).all(limit) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  /** Tasks matching `f`. */
  tasks<T>(f: TaskFilter): T[] {
    this.flush();
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.jobId !== undefined) {
      where.push('t.job_id = ?');
      params.push(f.jobId);
    }
    if (f.definitionId !== undefined) {
      where.push('t.definition_id = ?');
      params.push(f.definitionId);
    }
    const join = f.unfinishedJobs === true ? ' JOIN jobs j ON j.id = t.job_id AND j.finished = 0' : '';
    const sql = `SELECT t.body FROM tasks t${join}${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY t.rowid`;
    return (this.statement(sql).all(...params) as Array<{ body: string }>).map((r) => JSON.parse(r.body) as T);
  }

  /** One task, or undefined; a write still queued is seen. */
  task<T>(id: string): T | undefined {
    const w = this.pending.get(key('task', id));
    if (w !== undefined) return w.body === DELETED ? undefined : (w.body as T);
    const row = this.db.open ? this.getTaskStmt.get(id) : undefined;
    return row === undefined ? undefined : (JSON.parse(row.body) as T);
  }

  private queryJobs<R>(columns: string, q: JobListQuery): R[] {
    this.flush();
    if (!this.db.open) return [];
    const { sql, params } = jobWhere(q);
    let text = `SELECT ${columns} FROM jobs${sql} ORDER BY ${JOB_ORDER[q.order ?? 'seq']}`;
    if (q.limit !== undefined || q.offset !== undefined) {
      text += ' LIMIT ? OFFSET ?';
      params.push(q.limit ?? -1, q.offset ?? 0);
    }
    return this.statement(text).all(...params) as R[];
  }

  private statement(sql: string): Database.Statement<unknown[]> {
    let s = this.queries.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      // IN lists make many shapes; keep the cache small.
      if (this.queries.size > 200) this.queries.clear();
      this.queries.set(sql, s);
    }
    return s;
  }

  /** Runs `fn` so that all of its writes land in the same commit, or none of them if it throws. */
  transaction<R>(fn: () => R): R {
    const outer = this.undo === null;
    const undo = (this.undo ??= []);
    const mark = undo.length;
    try {
      return fn();
    } catch (e) {
      for (let i = undo.length - 1; i >= mark; i--) {
        const [k, before] = undo[i]!;
        if (before === undefined) this.pending.delete(k);
        else this.pending.set(k, before);
      }
      undo.length = mark;
      throw e;
    } finally {
      if (outer) this.undo = null;
    }
  }

  /** Resolves once every write queued so far is committed; rejects if that commit fails. */
  committed(): Promise<void> {
    return this.scheduled?.promise ?? Promise.resolve();
  }

  /** Commits the queue now, in one transaction (throws if that fails). */
  flush(): void {
    if (this.pending.size === 0 && this.scheduled === null) return;
    this.commit(true);
  }

  private commit(rethrow: boolean): void {
    const scheduled = this.scheduled;
    this.scheduled = null;
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0 || !this.db.open) {
      scheduled?.resolve();
      return;
    }
    const refused: unknown[] = [];
    try {
      this.db.transaction(() => {
        for (const w of batch.values()) {
          // Each record on its own: one that fails is left out (and reported), the rest land.
          try {
            this.write(w);
          } catch (e) {
            refused.push(new Error(`The ${w.kind} record '${w.id}' was not saved: ${(e as Error).message}`, { cause: e }));
          }
        }
      })();
    } catch (e) {
      scheduled?.reject(e);
      if (rethrow) throw e;
      return;
    }
    for (const e of refused) this.onError(e);
    scheduled?.resolve();
  }

  private write(w: PendingWrite): void {
    if (w.kind === 'job') {
      if (w.body === DELETED) this.delJobStmt.run(w.id);
      else {
        const body = JSON.stringify(w.body);
        this.putJobStmt.run(...jobParams(w.id, jobColumns(w.id, w.body), body));
      }
    } else if (w.kind === 'task') {
      if (w.body === DELETED) this.delTaskStmt.run(w.id);
      else {
        const c = taskColumns(w.body);
        this.putTaskStmt.run(w.id, c.jobId, c.definitionId, JSON.stringify(w.body));
      }
    } else if (w.body === DELETED) this.delStmt.run(w.kind, w.id);
    else this.putStmt.run(w.kind, w.id, JSON.stringify(w.body));
  }

  close(): void {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }

  private queue(w: PendingWrite): void {
    // Writes after close() are dropped, as the database is gone.
    if (!this.db.open) return;
    const k = key(w.kind, w.id);
    this.undo?.push([k, this.pending.get(k)]);
    this.pending.set(k, w);
    if (this.scheduled === null) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // A failed background commit is reported here; doors awaiting committed() see it too.
      promise.catch((e: unknown) => this.onError(e));
      this.scheduled = { promise, resolve, reject };
      setImmediate(() => {
        if (this.scheduled?.promise === promise) this.commit(false);
      });
    }
  }
}

function key(kind: RecordKind, id: string): string {
  return `${kind}\u0000${id}`;
}

function jobParams(id: string, c: JobColumns, body: string): unknown[] {
  return [c.seq, id, c.printerId, c.ownerUpn, c.owner, c.ownerName, c.door, c.leaf, c.finished, c.fetchable, c.completedMs, body];
}
