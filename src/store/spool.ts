import { mkdtempSync, mkdirSync, rmSync, existsSync, createReadStream, constants, type ReadStream } from 'node:fs';
import { open, readFile, writeFile, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Upload bytes gathered before one write (bounds the memory an upload holds). */
const WRITE_BATCH_BYTES = 1024 * 1024;

/**
 * The spool folder: document bytes (written at offsets as upload ranges arrive),
 * rendered outputs and their manifests. Files are named by id and never reused.
 */
export class Spool {
  readonly dir: string;
  private readonly temporary: boolean;

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

  /**
   * Streams `body` into the document at `offset`. Fails (and writes nothing
   * further) once more than `length` bytes arrive; returns the bytes written.
   * The first range to arrive creates the file (never truncating it), so an
   * upload session costs no file operation until bytes come.
   */
  async writeAt(documentId: string, offset: number, body: Readable, length: number): Promise<number> {
    const fh = await open(this.documentPath(documentId), constants.O_RDWR | constants.O_CREAT);
    let written = 0;
    // Socket chunks are 16-64 KB: gathering them into one positional writev per
    // WRITE_BATCH_BYTES saves a thread-pool round trip per chunk.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batchBytes === 0) return;
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
    return written;
  }

  async writeDocument(documentId: string, bytes: Uint8Array): Promise<void> {
    await writeFile(this.documentPath(documentId), bytes);
  }

  async readDocument(documentId: string): Promise<Buffer> {
    return readFile(this.documentPath(documentId));
  }

  documentStream(documentId: string): ReadStream {
    return createReadStream(this.documentPath(documentId));
  }

  async copyDocument(fromId: string, toId: string): Promise<void> {
    await copyFile(this.documentPath(fromId), this.documentPath(toId));
  }

  /** `pdf` as bytes, or `{ copyOf }` a document whose file is the output as it stands (copied in the kernel). */
  async writeOutput(jobId: string, pdf: Uint8Array | { copyOf: string }, manifest: unknown): Promise<void> {
    // Asynchronous even when small, and no documents are kept in memory for
    // their render: both bought IPP throughput but, under bench/graph-jobs,
    // raised create-job p99 from ~7.5 to ~11 ms (event-loop delay, GC pressure).
    await Promise.all([
      pdf instanceof Uint8Array ? writeFile(this.outputPath(jobId), pdf) : copyFile(this.documentPath(pdf.copyOf), this.outputPath(jobId)),
      writeFile(this.manifestPath(jobId), JSON.stringify(manifest, null, 2)),
    ]);
  }

  hasOutput(jobId: string): boolean {
    return existsSync(this.outputPath(jobId));
  }

  async readManifest(jobId: string): Promise<unknown> {
    return JSON.parse(await readFile(this.manifestPath(jobId), 'utf8')) as unknown;
  }

  async removeDocument(documentId: string): Promise<void> {
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
