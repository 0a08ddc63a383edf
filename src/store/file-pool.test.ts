import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FilePool } from './file-pool.js';

async function taken(pool: FilePool): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const f = pool.take();
    if (f !== null) return f;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error('the pool never had a file ready');
}

describe('FilePool', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('hands out empty files, makes new ones, and leaves nothing behind when closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printsim-pool-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'left-by-an-earlier-run'), 'x');
    const pool = new FilePool(dir, 2);
    expect(existsSync(join(dir, 'left-by-an-earlier-run'))).toBe(false);
    const files = [await taken(pool), await taken(pool), await taken(pool)];
    expect(new Set(files).size).toBe(3);
    for (const f of files) expect(statSync(f).size).toBe(0);
    for (const f of files) pool.release(f);
    pool.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('refills a drained pool a few files per turn, and hands out null without throwing once its folder is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printsim-pool-'));
    dirs.push(dir);
    const pool = new FilePool(dir, 8);
    await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(dir)).toHaveLength(8);
    const drained: string[] = [];
    for (let f = pool.take(); f !== null; f = pool.take()) drained.push(f);
    expect(drained).toHaveLength(8);
    // One turn later the pool has files again.
    await new Promise((r) => setImmediate(r));
    const again = pool.take();
    expect(again).not.toBeNull();
    rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 20));
    let handedOut = 0;
    while (pool.take() !== null) handedOut++;
    expect(handedOut).toBeLessThan(8);
    await new Promise((r) => setTimeout(r, 20));
    expect(pool.take()).toBeNull();
    expect(existsSync(dir)).toBe(false);
    pool.close();
  });
});
