// Downloads (output PDF, original document, manifest) and page thumbnails of
// jobs and of "try a configuration" previews.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { PrintsimError } from '../model/errors.js';
import { sampleDocument } from './sample-document.js';
import { PreviewUnavailableError } from './thumbnails.js';
import type { WebContext } from './web-context.js';

const api = { config: { kind: 'api' } };

/** The output PDF of a job as a thumbnail source; its name changes when the file does. */
export async function outputSource(ctx: WebContext, jobId: string): Promise<{ key: string; load: () => Promise<Uint8Array> }> {
  const path = ctx.service.spool.outputPath(jobId);
  // A queued job may be rendered ahead of the device: not output until the device takes it.
  const s = ctx.service.hasOutput(ctx.service.getJob(jobId)) ? await stat(path).catch(() => null) : null;
  if (s === null) throw new PrintsimError('notFound', `Job ${jobId} has no output yet.`);
  return { key: `job:${jobId}:${s.ino}:${s.mtimeMs}:${s.size}`, load: () => readFile(path) };
}

function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function pageNumber(raw: string): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new PrintsimError('badRequest', `'${raw}' is not a page number (1, 2, …).`);
  return n;
}

async function sendPng(
  ctx: WebContext,
  req: FastifyRequest,
  reply: FastifyReply,
  src: { key: string; load: () => Promise<Uint8Array> },
  page: number,
  immutable: boolean,
): Promise<FastifyReply> {
  const etag = `"${Buffer.from(`${src.key}#${page}`).toString('base64url')}"`;
  reply.header('etag', etag).header('cache-control', immutable ? 'private, max-age=3600, immutable' : 'private, no-cache');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  try {
    const png = await ctx.thumbnails.png(src.key, src.load, page);
    return reply.type('image/png').send(png);
  } catch (e) {
    if (e instanceof PreviewUnavailableError) return reply.code(503).type('text/plain').send(e.message);
    throw e;
  }
}

export function outputRoutes(app: FastifyInstance, ctx: WebContext): void {
  const { service } = ctx;

  app.get('/console/jobs/:jobId/pages/:page', api, async (req, reply) => {
    const { jobId, page } = req.params as { jobId: string; page: string };
    return sendPng(ctx, req, reply, await outputSource(ctx, jobId), pageNumber(page), false);
  });

  app.get('/console/previews/:previewId/pages/:page', api, async (req, reply) => {
    const { previewId, page } = req.params as { previewId: string; page: string };
    const preview = ctx.previews.get(previewId);
    if (preview === undefined) throw new PrintsimError('notFound', 'This preview has expired; preview the configuration again.');
    return sendPng(ctx, req, reply, { key: `preview:${preview.id}`, load: async () => preview.pdf }, pageNumber(page), true);
  });

  app.get('/console/jobs/:jobId/output', api, async (req, reply) => {
    const { jobId } = req.params as { jobId: string };
    const job = service.getJob(jobId);
    if (!service.hasOutput(job)) throw new PrintsimError('notFound', `Job ${job.id} has no output yet (state ${service.jobStatus(job).state}).`);
    reply.type('application/pdf').header('content-disposition', attachment(`job-${job.id}.pdf`));
    return reply.send(createReadStream(service.spool.outputPath(job.id)));
  });

  app.get('/console/jobs/:jobId/manifest', api, async (req, reply) => {
    const { jobId } = req.params as { jobId: string };
    const job = service.getJob(jobId);
    if (!service.hasOutput(job)) throw new PrintsimError('notFound', `Job ${job.id} has no manifest yet (state ${service.jobStatus(job).state}).`);
    reply.header('content-disposition', attachment(`job-${job.id}-manifest.json`));
    return service.spool.readManifest(job.id);
  });

  app.get('/console/jobs/:jobId/document', api, async (req, reply) => {
    const { jobId } = req.params as { jobId: string };
    const job = service.getJob(jobId);
    const doc = job.documents[0];
    if (doc === undefined || !doc.complete) throw new PrintsimError('notFound', `Job ${job.id} has no complete document.`);
    reply.type(doc.contentType || 'application/octet-stream').header('content-disposition', attachment(doc.displayName || `job-${job.id}-document`));
    return reply.send(service.spool.documentStream(doc.id));
  });

  const sample = Buffer.from(sampleDocument());
  app.get('/console/sample.pdf', { config: { kind: 'public' } }, async (_req, reply) =>
    reply.type('application/pdf').header('content-disposition', attachment('printsim-sample.pdf')).send(sample),
  );
}
