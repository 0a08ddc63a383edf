import { close, constants, mkdirSync, open, rmSync, unlink } from 'node:fs';
import { join } from 'node:path';

export interface PooledFile {
  path: string;
  /** Open for reading and writing. */
  fd: number;
}

const ignore = (): void => {};

/**
 * Empty files made ahead of need, on the thread pool. Making an inode is the
 * slowest step of spooling a small document: 40-50 us on an idle ext4 disk,
 * several hundred while renders write beside it, against a few microseconds
 * to write into a file that exists. A request takes a ready file, writes it
 * and links it into place (see Spool.writeAt); the pool makes another one.
 */
export class FilePool {
  private readonly ready: PooledFile[] = [];
  private making = 0;
  private serial = 0;
  private closed = false;

  /** `dir` is emptied first: files left by an earlier run are not documents. */
  constructor(
    private readonly dir: string,
    private readonly size: number,
  ) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    this.refill();
  }

  /** A ready file, or null when none is ready (the caller makes its own). */
  take(): PooledFile | null {
    const file = this.ready.pop() ?? null;
    this.refill();
    return file;
  }

  /** Lets go of a taken file's pool name (its inode lives on under the name it was linked to), or of an unused file. */
  release(file: PooledFile): void {
    close(file.fd, ignore);
    unlink(file.path, ignore);
  }

  close(): void {
    this.closed = true;
    for (const file of this.ready.splice(0)) this.release(file);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private refill(): void {
    // A failed open is not retried until the next take(), so a full disk cannot spin here.
    let budget = this.size - this.ready.length - this.making;
    while (!this.closed && budget-- > 0) {
      this.making++;
      const path = join(this.dir, String(++this.serial));
      open(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, (err, fd) => {
        this.making--;
        if (err !== null) return;
        if (this.closed) this.release({ path, fd });
        else this.ready.push({ path, fd });
      });
    }
  }
}
