import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordStore } from './record-store.js';

describe('RecordStore write queue', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function file(): string {
    const d = mkdtempSync(join(tmpdir(), 'printsim-store-'));
    dirs.push(d);
    return join(d, 'printsim.sqlite');
  }

  it('commits queued writes in their latest state by the next turn, and on close', async () => {
    const path = file();
    const store = new RecordStore(path);
    const job = { id: '1', leaf: 'pending' };
    store.put('job', '1', job);
    job.leaf = 'completed';
    await store.committed();
    const reader = new RecordStore(path);
    expect(reader.all('job')).toEqual([{ id: '1', leaf: 'completed' }]);
    reader.close();

    store.put('share', 's', { id: 's' });
    store.delete('job', '1');
    store.close();
    const reopened = new RecordStore(path);
    expect(reopened.all('job')).toEqual([]);
    expect(reopened.all('share')).toEqual([{ id: 's' }]);
    reopened.close();
  });

  it('drops the writes of a transaction that throws, keeping earlier ones', () => {
    const store = new RecordStore(':memory:');
    store.put('meta', 'a', { id: 'a', value: 1 });
    expect(() =>
      store.transaction(() => {
        store.put('meta', 'a', { id: 'a', value: 2 });
        store.put('meta', 'b', { id: 'b', value: 2 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.all('meta')).toEqual([{ id: 'a', value: 1 }]);
    store.close();
  });

  it('refuses a record it cannot serialize where it is put, and keeps every other write', async () => {
    const errors: unknown[] = [];
    const store = new RecordStore(':memory:', { onError: (e) => errors.push(e) });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => store.put('meta', 'x', cyclic)).toThrow(/meta record 'x' cannot be saved.*circular/i);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) deep = { location: deep };
    expect(() => store.put('printer', 'p', deep)).toThrow(/printer record 'p' cannot be saved/);
    store.put('share', 's', { id: 's' });
    await expect(store.committed()).resolves.toBeUndefined();
    expect(store.all('meta')).toEqual([]);
    expect(store.all('printer')).toEqual([]);
    expect(store.all('share')).toEqual([{ id: 's' }]);
    expect(errors).toEqual([]);
    store.close();
  });

  it('leaves out a record that became unserializable after it was queued, reports it, and commits the rest', async () => {
    const errors: unknown[] = [];
    const store = new RecordStore(':memory:', { onError: (e) => errors.push(e) });
    const bad: Record<string, unknown> = { id: 'b' };
    store.put('meta', 'b', bad);
    store.put('meta', 'a', { id: 'a' });
    store.put('job', '1', { id: '1', seq: 1, printerId: 'p', leaf: 'pending' });
    bad.self = bad;
    await expect(store.committed()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/meta record 'b' was not saved/);
    expect(store.all('meta')).toEqual([{ id: 'a' }]);
    expect(store.job('1')).toMatchObject({ leaf: 'pending' });
    // Later writes are not held back by the bad one.
    store.put('meta', 'c', { id: 'c' });
    await store.committed();
    expect(store.all<{ id: string }>('meta').map((m) => m.id).sort()).toEqual(['a', 'c']);
    store.close();
  });

  it('opens a version 1 database (WITHOUT ROWID) and keeps its records', () => {
    const path = file();
    const v1 = new Database(path);
    v1.exec('CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID');
    v1.prepare('INSERT INTO records VALUES (?, ?, ?)').run('job', '7', JSON.stringify({ id: '7', leaf: 'completed' }));
    v1.pragma('user_version = 1');
    v1.close();
    const store = new RecordStore(path);
    expect(store.all('job')).toEqual([{ id: '7', leaf: 'completed' }]);
    store.put('job', '7', { id: '7', leaf: 'canceled' });
    store.close();
    const reopened = new RecordStore(path);
    expect(reopened.all('job')).toEqual([{ id: '7', leaf: 'canceled' }]);
    reopened.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(3);
    raw.close();
  });

  it('moves the jobs and tasks of a version 2 database into indexed tables, keeping every record', () => {
    const path = file();
    const v2 = new Database(path);
    v2.exec('CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id))');
    const insert = v2.prepare('INSERT INTO records VALUES (?, ?, ?)');
    const job = (seq: number, printerId: string, upn: string | null, done: boolean) => ({
      id: String(seq),
      seq,
      printerId,
      door: 'graph',
      leaf: done ? 'completed' : 'pending',
      isFetchable: !done,
      createdBy: { id: null, displayName: upn === null ? 'Guest' : upn.toUpperCase(), userPrincipalName: upn, ipAddress: null },
      completedDateTime: done ? new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString() : null,
    });
    const jobs = [job(1, 'p1', 'alice@contoso.com', true), job(2, 'p2', 'bob@contoso.com', true), job(3, 'p1', null, true), job(4, 'p1', 'alice@contoso.com', false)];
    for (const j of jobs) insert.run('job', j.id, JSON.stringify(j));
    insert.run('task', 't1', JSON.stringify({ id: 't1', jobId: '1', definitionId: 'd1' }));
    insert.run('share', 's', JSON.stringify({ id: 's' }));
    v2.pragma('user_version = 2');
    v2.close();

    const store = new RecordStore(path);
    expect(store.all('job')).toEqual(jobs);
    expect(store.all('share')).toEqual([{ id: 's' }]);
    expect(store.tasks({ jobId: '1' })).toEqual([{ id: 't1', jobId: '1', definitionId: 'd1' }]);
    expect(store.tasks({ definitionId: 'd1', unfinishedJobs: true })).toEqual([]);
    expect(store.jobIds({ printerId: 'p1', order: 'seqDesc' })).toEqual(['4', '3', '1']);
    expect(store.jobIds({ ownerUpn: 'ALICE@contoso.com' })).toEqual(['1', '4']);
    expect(store.jobIds({ owner: 'guest' })).toEqual(['3']);
    expect(store.jobIds({ printerId: 'p1', finished: true, order: 'completedDesc', limit: 1, offset: 1 })).toEqual(['1']);
    expect(store.jobIds({ isFetchable: true })).toEqual(['4']);
    expect(store.jobIds({ leaves: [] })).toEqual([]);
    expect(store.jobIds({ afterSeq: 1, beforeSeq: 4 })).toEqual(['2', '3']);
    expect(store.countJobs({ finished: true })).toBe(3);
    expect(store.finishedJobCounts()).toEqual(new Map([['p1', 2], ['p2', 1]]));
    expect(store.jobOwners(10).sort()).toEqual(['Guest', 'alice@contoso.com', 'bob@contoso.com']);
    store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(3);
    expect(raw.prepare("SELECT COUNT(*) AS n FROM records WHERE kind IN ('job', 'task')").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('answers reads with the writes still queued', () => {
    const store = new RecordStore(':memory:');
    const j = { id: '9', seq: 9, printerId: 'p', leaf: 'pending' };
    store.put('job', '9', j);
    expect(store.job('9')).toBe(j);
    expect(store.jobIds({ printerId: 'p' })).toEqual(['9']);
    store.delete('job', '9');
    expect(store.job('9')).toBeUndefined();
    expect(store.countJobs({})).toBe(0);
    store.close();
  });

  it('refuses a database from a newer printsim', () => {
    const path = file();
    const future = new Database(path);
    future.pragma('user_version = 99');
    future.close();
    expect(() => new RecordStore(path)).toThrow(/schema version 99 is not supported/);
  });
});

