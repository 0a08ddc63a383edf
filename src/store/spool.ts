import { mkdtempSync, mkdirSync, rmSync, existsSync, createReadStream, constants, type ReadStream } from 'node:fs';
import { open, readFile, writeFile, copyFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Upload bytes gathered before one write (bounds the memory an upload holds). */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** Documents kept in memory for the render that reads them next, at most this many bytes together. */
const RECENT_DOCUMENT_BYTES = 16 * 1024 * 1024;

/**
 * The spool folder: document bytes (written at offsets as upload ranges arrive),
 * rendered outputs and their manifests. Files are named by id and never reused.
 */
export class Spool {
  readonly dir: string;
  private readonly temporary: boolean;
  /**
   * Whole documents that arrived in one write batch, until the render reads
   * them: a read from here saves the four thread-pool trips of readFile on
   * the job's critical path. The file stays the truth; any other write drops the copy.
   */
  private readonly recent = new Map<string, Buffer>();
  private recentBytes = 0;
  /** Writes under way per document; `raced` when another change overlapped them, so none is remembered. */
  private readonly writing = new Map<string, { count: number; raced: boolean }>();

  /** `dir` null makes a temporary folder, removed by close(). */
  constructor(dir: string | null) {
    this.temporary = dir === null;
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'printsim-spool-'));
    for (const sub of ['documents', 'outputs']) mkdirSync(join(this.dir, sub), { recursive: true });
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

  /** Creates an empty document file (upload sessions write into it at offsets). */
  async createDocument(documentId: string): Promise<void> {
    const path = this.documentPath(documentId);
    if (!existsSync(path)) await writeFile(path, new Uint8Array(0));
  }

  /**
   * Streams `body` into the document at `offset`. Fails (and writes nothing
   * further) once more than `length` bytes arrive; returns the bytes written.
   * The first range to arrive creates the file (never truncating it), so an
   * upload session costs no file operation until bytes come.
   */
  async writeAt(documentId: string, offset: number, body: Readable, length: number): Promise<number> {
    this.forget(documentId);
    let w = this.writing.get(documentId);
    if (w === undefined) this.writing.set(documentId, (w = { count: 1, raced: false }));
    else {
      w.count++;
      w.raced = true;
    }
    try {
      const written = await this.writeRange(documentId, offset, body, length);
      // A copy, so no socket buffer is held.
      if (written.whole !== null && !w.raced) this.remember(documentId, Buffer.concat(written.whole, written.bytes));
      return written.bytes;
    } finally {
      if (--w.count === 0) this.writing.delete(documentId);
    }
  }

  /** writeAt's file work; `whole` holds the document's every byte when this write created the file in one batch. */
  private async writeRange(documentId: string, offset: number, body: Readable, length: number): Promise<{ bytes: number; whole: Buffer[] | null }> {
    const path = this.documentPath(documentId);
    // Only a file this write creates holds exactly what it writes.
    let fresh = offset === 0;
    let fh: FileHandle;
    try {
      fh = await open(path, fresh ? constants.O_RDWR | constants.O_CREAT | constants.O_EXCL : constants.O_RDWR | constants.O_CREAT);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      fresh = false;
      fh = await open(path, constants.O_RDWR | constants.O_CREAT);
    }
    let written = 0;
    let flushes = 0;
    let first: Buffer[] = [];
    // Socket chunks are 16-64 KB: gathering them into one positional writev per
    // WRITE_BATCH_BYTES saves a thread-pool round trip per chunk.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batchBytes === 0) return;
      if (flushes++ === 0) first = batch;
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
      await flush();
    } finally {
      await fh.close();
    }
    return { bytes: written, whole: fresh && flushes === 1 ? first : null };
  }

  /** Drops the in-memory copy of a document about to change. */
  private forget(documentId: string): void {
    const copy = this.recent.get(documentId);
    if (copy !== undefined) {
      this.recent.delete(documentId);
      this.recentBytes -= copy.length;
    }
    const w = this.writing.get(documentId);
    if (w !== undefined) w.raced = true;
  }

  private remember(documentId: string, bytes: Buffer): void {
    if (bytes.length > RECENT_DOCUMENT_BYTES) return;
    this.recent.set(documentId, bytes);
    this.recentBytes += bytes.length;
    // Oldest first: a queue that outgrows the budget reads its tail from disk.
    for (const [id, b] of this.recent) {
      if (this.recentBytes <= RECENT_DOCUMENT_BYTES) break;
      this.recent.delete(id);
      this.recentBytes -= b.length;
    }
  }

  async writeDocument(documentId: string, bytes: Uint8Array): Promise<void> {
    this.forget(documentId);
    await writeFile(this.documentPath(documentId), bytes);
  }

  /** The document's bytes (read-only: an in-memory copy may be shared). */
  async readDocument(documentId: string): Promise<Buffer> {
    const copy = this.recent.get(documentId);
    if (copy !== undefined) {
      // Read once by its render; a second render reads the file.
      this.recent.delete(documentId);
      this.recentBytes -= copy.length;
      return copy;
    }
    return readFile(this.documentPath(documentId));
  }

  documentStream(documentId: string): ReadStream {
    return createReadStream(this.documentPath(documentId));
  }

  async documentSize(documentId: string): Promise<number> {
    try {
      return (await stat(this.documentPath(documentId))).size;
    } catch {
      return 0;
    }
  }

  async copyDocument(fromId: string, toId: string): Promise<void> {
    this.forget(toId);
    await copyFile(this.documentPath(fromId), this.documentPath(toId));
  }

  /** `pdf` as bytes, or `{ copyOf }` a document whose file is the output as it stands (copied in the kernel). */
  async writeOutput(jobId: string, pdf: Uint8Array | { copyOf: string }, manifest: unknown): Promise<void> {
    // Off the event loop even when small: writing in place under bench/graph-jobs
    // raised create-job p50 from 1.8 to 2.5 ms and event-loop delay p99 from ~7 to ~9 ms.
    const out = this.outputPath(jobId);
    const writes: Array<Promise<void>> = [writeFile(this.manifestPath(jobId), JSON.stringify(manifest, null, 2))];
    writes.push(pdf instanceof Uint8Array ? writeFile(out, pdf) : copyFile(this.documentPath(pdf.copyOf), out));
    await Promise.all(writes);
  }

  hasOutput(jobId: string): boolean {
    return existsSync(this.outputPath(jobId));
  }

  async readManifest(jobId: string): Promise<unknown> {
    return JSON.parse(await readFile(this.manifestPath(jobId), 'utf8')) as unknown;
  }

  async removeDocument(documentId: string): Promise<void> {
    this.forget(documentId);
    await rm(this.documentPath(documentId), { force: true });
  }

  close(): void {
    if (this.temporary) rmSync(this.dir, { recursive: true, force: true });
  }
}

function safe(id: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`unsafe spool id ${JSON.stringify(id)}`);
  return id;
}
