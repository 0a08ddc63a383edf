import { copyFileSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { FilePool } from './file-pool.js';
import { RENDER_POOL_PREFIX } from './spool.js';
import { copyFile, link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import type { SpoolFiles } from '../model/ports.js';

// An output may be a hard link to its document, so outputs are replaced by
// rename (a new inode) and never rewritten in place: that would change the document.

/** Hard links are refused across devices and on some file systems; a copy does the same job there. */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** Files made ahead for this thread's writes, by spool folder (pool-render-N beside outputs/). */
const pools = new Map<string, FilePool>();
const POOL_FILES = 8;

/**
 * Writes `data` as a new file named `path`: into a file made ahead (no inode
 * to make on this thread, see FilePool), then renamed over the name.
 */
function place(path: string, data: Uint8Array | string): void {
  const spoolDir = dirname(dirname(path));
  let pool = pools.get(spoolDir);
  if (pool === undefined) pools.set(spoolDir, (pool = new FilePool(join(spoolDir, `${RENDER_POOL_PREFIX}${threadId}`), POOL_FILES)));
  const file = pool.take();
  if (file === null) {
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
    return;
  }
  try {
    writeFileSync(file, data);
    renameSync(file, path);
  } catch (e) {
    pool.release(file);
    throw e;
  }
}

/** For a render thread, which may block: each operation is one or two system calls. */
export const syncSpoolFiles: SpoolFiles = {
  read: (path) => readFileSync(path),
  write: place,
  replace: place,
  same(from, to) {
    try {
      linkSync(from, to);
    } catch (e) {
      if (code(e) === 'EEXIST') {
        unlinkSync(to);
        syncSpoolFiles.same(from, to);
      } else if (NO_LINK.has(code(e) ?? '')) copyFileSync(from, to);
      else throw e;
    }
  },
};

/** For the thread that answers requests (an in-process renderer). */
export const asyncSpoolFiles: SpoolFiles = {
  read: (path) => readFile(path),
  write: (path, data) => writeFile(path, data),
  async replace(path, data) {
    const tmp = `${path}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, path);
  },
  async same(from, to) {
    try {
      await link(from, to);
    } catch (e) {
      if (code(e) === 'EEXIST') {
        await unlink(to);
        await asyncSpoolFiles.same(from, to);
      } else if (NO_LINK.has(code(e) ?? '')) await copyFile(from, to);
      else throw e;
    }
  },
};
