import type { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { JobFilter, JobListQuery, TaskFilter } from './job-queries.js';
import type { EffectiveConfiguration } from './print-types.js';
import type { PrinterDefinition } from './printer-definition.js';

export interface RenderRequest {
  /** Read-only: returning this very array as `pdf` means "the document is the output" (the spool copies the file). */
  bytes: Uint8Array;
  contentType: string;
  configuration: EffectiveConfiguration;
  printer: PrinterDefinition;
  documentName: string;
  /** Draw proof marks on this output (unset: the renderer's own setting). */
  proof?: boolean;
  /** May hand the document back as the output when nothing changes it (default true). */
  keepUnchanged?: boolean;
}

export interface RenderOutput {
  pdf: Uint8Array;
  manifest: unknown;
  warnings: string[];
  /** Sides of paper the device will print (drives the simulated time). */
  impressions: number;
}

/** What the job core calls to turn a document into paper. */
export type Renderer = (request: RenderRequest) => Promise<RenderOutput>;

/** A document the renderer cannot print; the job ends `aborted` with this message. */
export class DocumentError extends Error {
  /** Stable code, also the job's `errorCode` family. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DocumentError';
    this.code = code;
  }
}

/** One job's documents in the spool, and where its output PDF and manifest go. */
export interface JobRenderRequest {
  /** Printed one after another (IPP multiple-document jobs); most jobs have one. */
  documents: Array<{ path: string; contentType: string; documentName: string }>;
  outputPath: string;
  manifestPath: string;
  configuration: EffectiveConfiguration;
  printer: PrinterDefinition;
}

export interface JobRenderResult {
  warnings: string[];
  impressions: number;
  /** The manifest's totals, when it has them (sheets, sourcePagesPrinted, ...). */
  totals: Record<string, number> | null;
}

/**
 * Renders a job from spool file to spool file. The core calls this, not a
 * Renderer, so that a render thread can read and write the spool itself and
 * only a small summary crosses back to the thread answering requests.
 */
export type JobFilesRenderer = (request: JobRenderRequest) => Promise<JobRenderResult>;

/** The file operations a job render needs; synchronous in a render thread, asynchronous on the main one. */
export interface SpoolFiles {
  read(path: string): Uint8Array | Promise<Uint8Array>;
  /** Writes `data` to `path` in place. */
  write(path: string, data: Uint8Array | string): void | Promise<void>;
  /** Replaces `path` with `data` without writing through an earlier hard link to it (an output). */
  replace(path: string, data: Uint8Array): void | Promise<void>;
  /** Makes `to` hold the bytes of `from` (a hard link where the file system allows one). */
  same(from: string, to: string): void | Promise<void>;
}

/** The kinds of record printsim persists; each is one JSON document. */
export type RecordKind = 'job' | 'uploadSession' | 'printer' | 'share' | 'taskDefinition' | 'trigger' | 'task' | 'meta' | 'doorState';

/**
 * Where records persist. The core keeps the work in flight in memory and
 * writes through here; finished jobs and their tasks are read back through
 * the indexed queries, and a restart rebuilds the rest from `all`. Every read
 * sees the writes queued before it.
 */
export interface RecordStore {
  /**
   * Queues `body`; it is serialized when the queue is committed, so later
   * changes to it land too. Throws, queueing nothing, when `body` cannot be serialized.
   */
  put(kind: RecordKind, id: string, body: unknown): void;
  delete(kind: RecordKind, id: string): void;
  all<T>(kind: RecordKind): T[];
  /** One job, or undefined. */
  job<T>(id: string): T | undefined;
  /** Jobs matching `q`, in its order, a page at a time. */
  jobs<T>(q: JobListQuery): T[];
  jobIds(q: JobListQuery): string[];
  countJobs(q: JobFilter): number;
  anyJob(q: JobListQuery): boolean;
  /** Finished jobs per printer id. */
  finishedJobCounts(): Map<string, number>;
  /** Distinct job owners (UPN, else display name), at most `limit`. */
  jobOwners(limit: number): string[];
  tasks<T>(f: TaskFilter): T[];
  task<T>(id: string): T | undefined;
  /** Runs `fn` so that all of its writes land in the same commit, or none of them if it throws. */
  transaction<R>(fn: () => R): R;
  /** Resolves once every write queued so far is committed; rejects if that commit fails. */
  committed(): Promise<void>;
  /** Commits the queue now. */
  flush(): void;
  close(): void;
}

/** Document bytes, rendered outputs and their manifests, named by id. */
export interface Spool {
  readonly dir: string;
  documentPath(documentId: string): string;
  outputPath(jobId: string): string;
  manifestPath(jobId: string): string;
  /** Streams `body` into the document at `offset`; fails once more than `length` bytes arrive. Returns the bytes written. */
  writeAt(documentId: string, offset: number, body: Readable, length: number, options?: { whole?: boolean }): Promise<number>;
  writeDocument(documentId: string, bytes: Uint8Array): Promise<void>;
  documentStream(documentId: string): ReadStream;
  copyDocument(fromId: string, toId: string): Promise<void>;
  hasOutput(jobId: string): boolean;
  readManifest(jobId: string): Promise<unknown>;
  /** Removes a job's output PDF and manifest. */
  removeOutput(jobId: string): Promise<void>;
  removeDocument(documentId: string): Promise<void>;
  close(): void;
}
