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
});
