import { constants, copyFile, mkdirSync, rmSync, unlink, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ignore = (): void => {};

/**
 * Empty files made ahead of need, on the thread pool. Making an inode is the
 * slowest step of spooling a small file: 40-50 us on an idle ext4 disk,
 * several hundred while renders write beside it, against a few microseconds
 * to open a file that exists. A writer takes a ready file, writes it and
 * links or renames it into place; the pool makes another one. Only names are
 * kept (no open descriptors), so a thread can end at any time.
 */
export class FilePool {
  private readonly ready: string[] = [];
  /** An empty file each new one is copied from: one thread-pool trip per file, not an open and a close. */
  private readonly template: string;
  private making = 0;
  private serial = 0;
  private closed = false;

  /** `dir` is emptied first: files left by an earlier run are nobody's. */
  constructor(
    private readonly dir: string,
    private readonly size: number,
  ) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    this.template = join(dir, 'template');
    writeFileSync(this.template, '');
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
    // A failed open is not retried until the next take(), so a full disk cannot spin here.
    let budget = this.size - this.ready.length - this.making;
    while (!this.closed && budget-- > 0) {
      this.making++;
      const path = join(this.dir, String(++this.serial));
      copyFile(this.template, path, constants.COPYFILE_EXCL, (err) => {
        this.making--;
        if (err === null && !this.closed) this.ready.push(path);
      });
    }
  }
}
