import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The kinds of record printsim persists; each row is one JSON document. */
export type RecordKind = 'job' | 'uploadSession' | 'printer' | 'share' | 'taskDefinition' | 'trigger' | 'task' | 'meta';

const SCHEMA_VERSION = 1;

/**
 * Records in SQLite (better-sqlite3): one table of (kind, id, JSON body).
 * The print service keeps its working set in memory and writes through here,
 * so reads never touch the disk and a restart rebuilds everything from this file.
 */
export class RecordStore {
  private readonly db: Database.Database;
  private readonly putStmt: Database.Statement<[string, string, string]>;
  private readonly delStmt: Database.Statement<[string, string]>;
  private readonly allStmt: Database.Statement<[string], { id: string; body: string }>;

  /** `file` is a path, or ':memory:' for an embedded emulator. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS records (
      kind TEXT NOT NULL,
      id TEXT NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (kind, id)
    ) WITHOUT ROWID`);
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version === 0) this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    else if (version !== SCHEMA_VERSION) {
      throw new Error(`${file}: database schema version ${version} is not supported (expected ${SCHEMA_VERSION})`);
    }
    this.putStmt = this.db.prepare('INSERT OR REPLACE INTO records (kind, id, body) VALUES (?, ?, ?)');
    this.delStmt = this.db.prepare('DELETE FROM records WHERE kind = ? AND id = ?');
    this.allStmt = this.db.prepare('SELECT id, body FROM records WHERE kind = ?');
  }

  put(kind: RecordKind, id: string, body: unknown): void {
    this.putStmt.run(kind, id, JSON.stringify(body));
  }

  delete(kind: RecordKind, id: string): void {
    this.delStmt.run(kind, id);
  }

  all<T>(kind: RecordKind): T[] {
    return this.allStmt.all(kind).map((r) => JSON.parse(r.body) as T);
  }

  /** Runs `fn` in one transaction (all of its writes land, or none). */
  transaction<R>(fn: () => R): R {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
