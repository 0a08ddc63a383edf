import { mkdtempSync, mkdirSync, rmSync, existsSync, createReadStream, type ReadStream } from 'node:fs';
import { open, readFile, writeFile, copyFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

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

  /** Creates an empty document file (upload sessions write into it at offsets). */
  async createDocument(documentId: string): Promise<void> {
    const path = this.documentPath(documentId);
    if (!existsSync(path)) await writeFile(path, new Uint8Array(0));
  }

  /**
   * Streams `body` into the document at `offset`. Fails (and writes nothing
   * further) once more than `length` bytes arrive; returns the bytes written.
   */
  async writeAt(documentId: string, offset: number, body: Readable, length: number): Promise<number> {
    const fh = await open(this.documentPath(documentId), 'r+');
    let written = 0;
    try {
      for await (const chunk of body) {
        const buf = chunk as Buffer;
        if (written + buf.length > length) {
          throw new RangeError(`body is longer than the ${length} bytes its Content-Range declares`);
        }
        await fh.write(buf, 0, buf.length, offset + written);
        written += buf.length;
      }
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

  async documentSize(documentId: string): Promise<number> {
    try {
      return (await stat(this.documentPath(documentId))).size;
    } catch {
      return 0;
    }
  }

  async copyDocument(fromId: string, toId: string): Promise<void> {
    await copyFile(this.documentPath(fromId), this.documentPath(toId));
  }

  async writeOutput(jobId: string, pdf: Uint8Array, manifest: unknown): Promise<void> {
    await writeFile(this.outputPath(jobId), pdf);
    await writeFile(this.manifestPath(jobId), JSON.stringify(manifest, null, 2));
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
