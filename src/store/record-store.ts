import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordKind, RecordStore as RecordStorePort } from '../model/ports.js';

/**
 * Version 2 keeps rows in a rowid table: a job's JSON (about 1.6 KB) fits in
 * its page there, and new rows append, so the jobs one commit touches share
 * pages. Version 1 (WITHOUT ROWID) put each such row on an overflow page too:
 * about 85 KB of WAL per printed job.
 */
const SCHEMA_VERSION = 2;
const CREATE_RECORDS = `CREATE TABLE records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);`;

/** A queued write: the record to serialize at flush time, or DELETED. */
const DELETED = Symbol('deleted');
interface PendingWrite {
  kind: RecordKind;
  id: string;
  body: unknown;
}

/**
 * Records in SQLite (better-sqlite3): one table of (kind, id, JSON body).
 * The print service keeps its working set in memory and writes through here,
 * so reads never touch the disk and a restart rebuilds everything from this file.
 *
 * Writes are queued and committed together once per event-loop turn
 * (setImmediate), each record serialized once in its latest state: a job
 * changes state several times per turn, and a commit per change was the
 * largest cost of a busy server. `committed()` lets a door hold its answer
 * until its writes are in (group commit); `close()` and `all()` flush first.
 */
export class RecordStore implements RecordStorePort {
  private readonly db: Database.Database;
  private readonly putStmt: Database.Statement<[string, string, string]>;
  private readonly delStmt: Database.Statement<[string, string]>;
  private readonly allStmt: Database.Statement<[string], { id: string; body: string }>;
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
      this.db.exec(CREATE_RECORDS);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } else if (version === 1) {
      this.db.transaction(() => {
        this.db.exec(`ALTER TABLE records RENAME TO records_v1; ${CREATE_RECORDS}
          INSERT INTO records (kind, id, body) SELECT kind, id, body FROM records_v1; DROP TABLE records_v1;`);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    } else if (version !== SCHEMA_VERSION) {
      throw new Error(`${file}: database schema version ${version} is not supported (expected ${SCHEMA_VERSION})`);
    }
    // An upsert keeps the row where it is: an update rewrites one table page, not the index too.
    this.putStmt = this.db.prepare('INSERT INTO records (kind, id, body) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body');
    this.delStmt = this.db.prepare('DELETE FROM records WHERE kind = ? AND id = ?');
    this.allStmt = this.db.prepare('SELECT id, body FROM records WHERE kind = ?');
  }

  /** Queues `body` (serialized when the queue is committed, so later changes to it land too). */
  put(kind: RecordKind, id: string, body: unknown): void {
    this.queue({ kind, id, body });
  }

  delete(kind: RecordKind, id: string): void {
    this.queue({ kind, id, body: DELETED });
  }

  all<T>(kind: RecordKind): T[] {
    this.flush();
    return this.allStmt.all(kind).map((r) => JSON.parse(r.body) as T);
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
        const [key, before] = undo[i]!;
        if (before === undefined) this.pending.delete(key);
        else this.pending.set(key, before);
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
    try {
      this.db.transaction(() => {
        for (const w of batch.values()) {
          if (w.body === DELETED) this.delStmt.run(w.kind, w.id);
          else this.putStmt.run(w.kind, w.id, JSON.stringify(w.body));
        }
      })();
    } catch (e) {
      scheduled?.reject(e);
      if (rethrow) throw e;
      return;
    }
    scheduled?.resolve();
  }

  close(): void {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }

  private queue(w: PendingWrite): void {
    // Writes after close() are dropped, as the database is gone.
    if (!this.db.open) return;
    const key = `${w.kind}\u0000${w.id}`;
    this.undo?.push([key, this.pending.get(key)]);
    this.pending.set(key, w);
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
