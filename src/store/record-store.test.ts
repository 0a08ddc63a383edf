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

  it('refuses a database from a newer printsim', () => {
    const path = file();
    const future = new Database(path);
    future.pragma('user_version = 99');
    future.close();
    expect(() => new RecordStore(path)).toThrow(/schema version 99 is not supported/);
  });
});

