import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PrinterDefinition } from '../model/printer-definition.js';
import type { JobFilesRenderer, JobRenderResult } from '../model/ports.js';
import { RenderError, type RenderErrorCode } from '../render/render-error.js';
import type { WorkerReply, WorkerRequest } from './render-worker.js';

export interface WorkerRenderer extends JobFilesRenderer {
  /** Stops the worker threads (pending renders fail). */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** The printer numbers this worker has been sent. */
  printers: Set<number>;
}

interface Pending {
  resolve: (out: JobRenderResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Renders jobs in worker threads, so a burst of jobs never stalls the event
 * loop that answers Graph and IPP requests: pdf-lib parsing, drawing and
 * deflating are CPU-bound, and the worker reads and writes the spool itself,
 * so only paths go in and a small summary comes back. Workers start on first
 * use, take jobs round-robin, and are unref'd so they never keep a process alive.
 */
export function createWorkerRenderer(options: { proof?: boolean; threads?: number } = {}): WorkerRenderer {
  const threads = Math.max(1, options.threads ?? 1);
  const workers: Array<Slot> = [];
  // Printers are sent once per worker and then named by a number (a
  // definition is ~3 KB to clone); the core hands the same object until it changes.
  const printerIds = new WeakMap<PrinterDefinition, number>();
  let nextPrinterId = 1;
  let nextId = 1;
  let turn = 0;
  let closed = false;

  const spawn = (): Slot => {
    const worker = startWorker();
    worker.unref();
    const slot: Slot = { worker, pending: new Map<number, Pending>(), printers: new Set<number>() };
    worker.on('message', (reply: WorkerReply) => {
      const p = slot.pending.get(reply.id);
      if (p === undefined) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if (reply.ok) p.resolve(reply.result);
      else if (reply.code !== null) p.reject(new RenderError(reply.code as RenderErrorCode, reply.message));
      else {
        const e: NodeJS.ErrnoException = new Error(reply.message);
        if (reply.errno !== null) e.code = reply.errno;
        if (reply.stack !== undefined) e.stack = reply.stack;
        p.reject(e);
      }
    });
    const fail = (e: unknown): void => {
      for (const p of slot.pending.values()) p.reject(e);
      slot.pending.clear();
      const i = workers.indexOf(slot);
      if (i >= 0) workers.splice(i, 1);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the render worker exited (code ${code})`)));
    workers.push(slot);
    return slot;
  };

  const renderer = ((request) => {
    if (closed) return Promise.reject(new Error('the renderer is closed'));
    const slot = workers.length < threads ? spawn() : workers[turn++ % workers.length]!;
    const id = nextId++;
    let printerId = printerIds.get(request.printer);
    if (printerId === undefined) printerIds.set(request.printer, (printerId = nextPrinterId++));
    const known = slot.printers.has(printerId);
    slot.printers.add(printerId);
    const { printer, ...rest } = request;
    const msg: WorkerRequest = { id, request: rest, printerId, ...(known ? {} : { printer }), proof: options.proof === true };
    return new Promise<JobRenderResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage(msg);
    });
  }) as WorkerRenderer;

  renderer.close = async () => {
    closed = true;
    await Promise.all(workers.splice(0).map((w) => w.worker.terminate()));
  };
  return renderer;
}

/**
 * The compiled worker next to this module; from source, a bootstrap that
 * registers tsx inside the worker first (a worker's entry is loaded before
 * `--import` hooks apply on Node 20).
 */
function startWorker(): Worker {
  const js = new URL('./render-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true });
}
