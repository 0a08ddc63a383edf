import { closeSync, mkdirSync, openSync, rmSync, unlink } from 'node:fs';
import { join } from 'node:path';

const ignore = (): void => {};

/**
 * Files made per idle turn at most: each is an open and a close, 40-50 us on
 * an idle ext4 disk and several hundred while renders write beside it, so a
 * drained pool cannot hold the event loop for long. A taker that finds the
 * pool empty makes its own file.
 */
const MAKE_PER_TURN = 4;

/**
 * Empty files made ahead of need. Making an inode is the slowest step of
 * spooling a small file, against a few microseconds to open a file that
 * exists. A writer takes a ready file, writes it and links or renames it into
 * place; the pool makes another one once the thread is idle (setImmediate,
 * after the turn that took one), with blocking calls. The thread pool is not
 * used: each file handed to it woke a pool thread, and on a 2-core machine
 * those wake-ups preempted the thread answering requests. Only names are kept
 * (no open descriptors), so a thread can end at any time.
 */
export class FilePool {
  private readonly ready: string[] = [];
  private serial = 0;
  private scheduled = false;
  private closed = false;

  /** `dir` is emptied first: files left by an earlier run are nobody's. */
  constructor(
    private readonly dir: string,
    private readonly size: number,
  ) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    this.refill();
  }

  /** The path of a ready empty file, or null when none is ready (the caller makes its own). */
  take(): string | null {
    const path = this.ready.pop() ?? null;
    this.refill();
    return path;
  }

  /** Drops a taken file's pool name: after a link, or when it went unused (not after a rename). */
  release(path: string): void {
    unlink(path, ignore);
  }

  close(): void {
    this.closed = true;
    this.ready.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private refill(): void {
    if (this.scheduled || this.closed || this.ready.length >= this.size) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (let made = 0; made < MAKE_PER_TURN && !this.closed && this.ready.length < this.size; made++) {
        const path = join(this.dir, String(++this.serial));
        try {
          closeSync(openSync(path, 'wx'));
        } catch {
          // A failed open (full disk, folder gone) is not retried until the next take(), so it cannot spin.
          return;
        }
        this.ready.push(path);
      }
      this.refill();
    });
  }
}
