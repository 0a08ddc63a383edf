// The worker-thread side of createWorkerRenderer: renders one job at a time,
// reading its documents from the spool and writing its output there with
// blocking calls (this thread answers no requests), and posts back a summary.
import { parentPort } from 'node:worker_threads';
import { renderJobFiles } from './render-job-files.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import type { JobRenderRequest, JobRenderResult } from '../model/ports.js';
import { syncSpoolFiles } from '../store/spool-files.js';
import { createJobRenderer } from './job-renderer.js';
import { isRenderError } from '../render/render-error.js';

export interface WorkerRequest {
  id: number;
  request: Omit<JobRenderRequest, 'printer'>;
  /** Names the printer; its definition comes along the first time this worker sees it. */
  printerId: number;
  printer?: PrinterDefinition;
  proof: boolean;
}

export type WorkerReply =
  | { id: number; ok: true; result: JobRenderResult }
  | { id: number; ok: false; code: string | null; errno: string | null; message: string; stack?: string };

const port = parentPort;
if (port !== null) {
  const renderers = new Map<boolean, ReturnType<typeof createJobRenderer>>();
  const printers = new Map<number, PrinterDefinition>();
  port.on('message', (msg: WorkerRequest) => {
    let renderer = renderers.get(msg.proof);
    if (renderer === undefined) renderers.set(msg.proof, (renderer = createJobRenderer({ proof: msg.proof })));
    if (msg.printer !== undefined) printers.set(msg.printerId, msg.printer);
    const printer = printers.get(msg.printerId);
    const job = printer === undefined ? Promise.reject(new Error(`printer ${msg.printerId} was never sent`)) : renderJobFiles(renderer, { ...msg.request, printer }, syncSpoolFiles);
    job.then(
      (result) => port.postMessage({ id: msg.id, ok: true, result } satisfies WorkerReply),
      (e: unknown) => {
        const err = e as NodeJS.ErrnoException;
        const reply: WorkerReply = {
          id: msg.id,
          ok: false,
          code: isRenderError(e) ? e.code : null,
          errno: typeof err?.code === 'string' && !isRenderError(e) ? err.code : null,
          message: err?.message ?? String(e),
          ...(err?.stack === undefined ? {} : { stack: err.stack }),
        };
        port.postMessage(reply);
      },
    );
  });
}
