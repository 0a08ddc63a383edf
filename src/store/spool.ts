import { closeSync, constants, createReadStream, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, writevSync, type ReadStream } from 'node:fs';
import { FilePool } from './file-pool.js';
import { copyFile, open, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Spool as SpoolPort } from '../model/ports.js';

/** Folders of files made ahead by render threads, one per thread, in the spool folder. */
export const RENDER_POOL_PREFIX = 'pool-render-';

/** Upload bytes gathered before one write (bounds the memory an upload holds). */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** A whole body up to this size is written with blocking calls (tens of microseconds). */
const SMALL_WRITE_BYTES = 64 * 1024;

/**
 * The spool folder: document bytes (written at offsets as upload ranges arrive),
 * rendered outputs and their manifests. Files are named by id and never reused.
 */
export class Spool implements SpoolPort {
  readonly dir: string;
  private readonly temporary: boolean;
  private readonly pool: FilePool | null;

  /** `dir` null makes a temporary folder, removed by close(). `pool`: files made ahead for small documents (0: none). */
  constructor(dir: string | null, options: { pool?: number } = {}) {
    this.temporary = dir === null;
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'printsim-spool-'));
    for (const sub of ['documents', 'outputs']) mkdirSync(join(this.dir, sub), { recursive: true });
    // Render threads keep their own ready files (spool-files.ts); an earlier run's are not outputs.
    for (const name of readdirSync(this.dir)) if (name.startsWith(RENDER_POOL_PREFIX)) rmSync(join(this.dir, name), { recursive: true, force: true });
    const size = options.pool ?? 0;
    this.pool = size > 0 ? new FilePool(join(this.dir, 'pool'), size) : null;
  }

  documentPath(documentId: string): string {
    return join(this.dir, 'documents', `${safe(documentId)}.bin`);
  }

  outputPath(jobId: string): string {
    return join(this.dir, 'outputs', `${safe(jobId)}.pdf`);
  }

  manifestPath(jobId: string): string {
    return join(this.dir, 'outputs', `${safe(jobId)}.manifest.json`);
  }

  /**
   * Streams `body` into the document at `offset`. Fails (and writes nothing
   * further) once more than `length` bytes arrive; returns the bytes written.
   * The first range to arrive creates the file (never truncating it), so an
   * upload session costs no file operation until bytes come. `whole`: the
   * body is the entire document and nothing else writes it (IPP), so a small
   * one can be renamed into place.
   */
  async writeAt(documentId: string, offset: number, body: Readable, length: number, options: { whole?: boolean } = {}): Promise<number> {
    const path = this.documentPath(documentId);
    let fh: FileHandle | null = null;
    let written = 0;
    // Socket chunks are 16-64 KB: gathering them into one positional writev per
    // WRITE_BATCH_BYTES saves a thread-pool round trip per chunk.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batchBytes === 0) return;
      fh ??= await open(path, constants.O_RDWR | constants.O_CREAT);
      await fh.writev(batch, offset + written);
      written += batchBytes;
      batch = [];
      batchBytes = 0;
    };
    try {
      for await (const chunk of body) {
        const buf = chunk as Buffer;
        if (written + batchBytes + buf.length > length) {
          throw new RangeError(`body is longer than the ${length} bytes its Content-Range declares`);
        }
        batch.push(buf);
        batchBytes += buf.length;
        if (batchBytes >= WRITE_BATCH_BYTES) await flush();
      }
      if (fh === null && batchBytes <= SMALL_WRITE_BYTES) return this.writeSmall(path, batch, offset, batchBytes, options.whole === true);
      await flush();
    } finally {
      await (fh as FileHandle | null)?.close();
    }
    return written;
  }

  /**
   * A small body, all in hand, with blocking calls: cheaper than thread-pool
   * round trips (most print jobs are this size). A new document takes a
   * ready-made file from the pool. A whole document is renamed into place;
   * a range is linked, since link() refuses an existing name, so a range that
   * finds its document begun (or being made by a large range) writes into it.
   */
  private writeSmall(path: string, batch: Buffer[], offset: number, bytes: number, whole: boolean): number {
    const pooled = this.pool?.take() ?? null;
    if (pooled !== null) {
      let placed = false;
      try {
        const fd = openSync(pooled, constants.O_RDWR);
        try {
          writevSync(fd, batch, offset);
        } finally {
          closeSync(fd);
        }
        if (whole) renameSync(pooled, path);
        else linkSync(pooled, path);
        placed = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      } finally {
        // A renamed file has no pool name left to drop.
        if (!placed || !whole) this.pool!.release(pooled);
      }
      if (placed) return bytes;
    }
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT);
    try {
      writevSync(fd, batch, offset);
    } finally {
      closeSync(fd);
    }
    return bytes;
  }

  async writeDocument(documentId: string, bytes: Uint8Array): Promise<void> {
    await writeFile(this.documentPath(documentId), bytes);
  }

  documentStream(documentId: string): ReadStream {
    return createReadStream(this.documentPath(documentId));
  }

  async copyDocument(fromId: string, toId: string): Promise<void> {
    await copyFile(this.documentPath(fromId), this.documentPath(toId));
  }

  hasOutput(jobId: string): boolean {
    return existsSync(this.outputPath(jobId));
  }

  async readManifest(jobId: string): Promise<unknown> {
    return JSON.parse(await readFile(this.manifestPath(jobId), 'utf8')) as unknown;
  }

  /** Removes a job's output PDF and manifest (a render that never reached the device). */
  async removeOutput(jobId: string): Promise<void> {
    await Promise.all([rm(this.outputPath(jobId), { force: true }), rm(this.manifestPath(jobId), { force: true })]);
  }

  async removeDocument(documentId: string): Promise<void> {
    await rm(this.documentPath(documentId), { force: true });
  }

  close(): void {
    this.pool?.close();
    if (this.temporary) rmSync(this.dir, { recursive: true, force: true });
  }
}

function safe(id: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`unsafe spool id ${JSON.stringify(id)}`);
  return id;
}
