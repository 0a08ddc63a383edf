// The worker-thread side of createWorkerRenderer: renders one job at a time,
// reading its documents from the spool and writing its output there with
// blocking calls (this thread answers no requests), and posts back a summary.
import { parentPort } from 'node:worker_threads';
import { renderJobFiles } from '../core/render-job-files.js';
import type { JobRenderRequest, JobRenderResult } from '../core/renderer.js';
import { syncSpoolFiles } from '../store/spool-files.js';
import { createJobRenderer } from './job-renderer.js';
import { isRenderError } from './render-error.js';

export interface WorkerRequest {
  id: number;
  request: JobRenderRequest;
  proof: boolean;
}

export type WorkerReply =
  | { id: number; ok: true; result: JobRenderResult }
  | { id: number; ok: false; code: string | null; errno: string | null; message: string; stack?: string };

const port = parentPort;
if (port !== null) {
  const renderers = new Map<boolean, ReturnType<typeof createJobRenderer>>();
  port.on('message', (msg: WorkerRequest) => {
    let renderer = renderers.get(msg.proof);
    if (renderer === undefined) renderers.set(msg.proof, (renderer = createJobRenderer({ proof: msg.proof })));
    renderJobFiles(renderer, msg.request, syncSpoolFiles).then(
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
