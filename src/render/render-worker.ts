// The worker-thread side of createWorkerRenderer: renders one request at a time
// and posts back the result (the PDF's buffer is transferred, not copied).
import { parentPort } from 'node:worker_threads';
import type { RenderRequest } from '../core/renderer.js';
import { createJobRenderer } from './job-renderer.js';
import { isRenderError } from './render-error.js';

export interface WorkerRequest {
  id: number;
  request: RenderRequest;
  proof: boolean;
}

export type WorkerReply =
  | { id: number; ok: true; pdf: Uint8Array; manifest: unknown; warnings: string[]; impressions: number }
  /** The output is the request's own document: the caller's bytes stand in, so nothing is posted back. */
  | { id: number; ok: true; unchanged: true; manifest: unknown; warnings: string[]; impressions: number }
  | { id: number; ok: false; code: string | null; message: string; stack?: string };

const port = parentPort;
if (port !== null) {
  const renderers = new Map<boolean, ReturnType<typeof createJobRenderer>>();
  port.on('message', (msg: WorkerRequest) => {
    let renderer = renderers.get(msg.proof);
    if (renderer === undefined) renderers.set(msg.proof, (renderer = createJobRenderer({ proof: msg.proof })));
    renderer(msg.request).then(
      (out) => {
        if (out.pdf === msg.request.bytes) {
          const reply: WorkerReply = { id: msg.id, ok: true, unchanged: true, manifest: out.manifest, warnings: out.warnings, impressions: out.impressions };
          port.postMessage(reply);
          return;
        }
        const reply: WorkerReply = { id: msg.id, ok: true, pdf: out.pdf, manifest: out.manifest, warnings: out.warnings, impressions: out.impressions };
        port.postMessage(reply, [out.pdf.buffer as ArrayBuffer]);
      },
      (e: unknown) => {
        const err = e as Error;
        const reply: WorkerReply = {
          id: msg.id,
          ok: false,
          code: isRenderError(e) ? e.code : null,
          message: err?.message ?? String(e),
          ...(err?.stack === undefined ? {} : { stack: err.stack }),
        };
        port.postMessage(reply);
      },
    );
  });
}
