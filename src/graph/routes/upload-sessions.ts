import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { PrintsimError } from '../../model/errors.js';
import { nextExpectedRanges } from '../../core/print-service.js';
import { documentJson } from '../serialize.js';
import type { GraphDeps } from '../graph-context.js';
import type { DownloadLinks } from './documents.js';

/** `bytes a-b/n` and `bytes=a-b/n` (both forms appear in the Graph docs). */
export function parseContentRange(header: string | undefined): { start: number; end: number; total: number } {
  if (header === undefined) {
    throw new PrintsimError('badRequest', "The Content-Range header is required, e.g. 'Content-Range: bytes 0-1023/4096'.", { innerCode: 'fragmentLengthMismatch' });
  }
  const m = /^\s*bytes[ =](\d+)-(\d+)\/(\d+)\s*$/i.exec(header);
  if (m === null) {
    throw new PrintsimError('badRequest', `Content-Range '${header}' is not of the form 'bytes start-end/total'.`, { innerCode: 'fragmentLengthMismatch' });
  }
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (start > end) throw new PrintsimError('rangeNotSatisfiable', `Content-Range '${header}' starts after it ends.`, { innerCode: 'fragmentOutOfOrder' });
  return { start, end, total };
}

function tokenOf(req: FastifyRequest): string | undefined {
  const t = (req.query as Record<string, unknown>).tempauthtoken;
  return typeof t === 'string' ? t : undefined;
}

/**
 * The pre-authenticated upload and download URLs. They need no Authorization header
 * (the Graph docs warn that sending one may fail) and accept any Content-Type.
 */
export function uploadSessionRoutes(app: FastifyInstance, deps: GraphDeps, downloads: DownloadLinks): void {
  const { service } = deps;

  // Bodies stream to the spool: no buffering, no JSON parsing, any content type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

  app.put('/uploadSessions/:sessionId', async (req, reply) => {
    const { sessionId } = req.params as { sessionId: string };
    const range = parseContentRange(req.headers['content-range']);
    const lengthHeader = req.headers['content-length'];
    const contentLength = lengthHeader === undefined ? null : Number(lengthHeader);
    const body = (req.body ?? emptyStream()) as Readable;
    const result = await service.uploadRange(sessionId, tokenOf(req), range, body, contentLength);
    if (!result.done) {
      reply.code(202);
      return { expirationDateTime: result.session.expirationDateTime, nextExpectedRanges: nextExpectedRanges(result.session) };
    }
    reply.code(201);
    const d = documentJson(result.document);
    return { ...d, documentName: result.document.displayName };
  });

  app.get('/uploadSessions/:sessionId', async (req) => {
    const { sessionId } = req.params as { sessionId: string };
    const s = service.getUploadSession(sessionId, tokenOf(req));
    return { expirationDateTime: s.expirationDateTime, nextExpectedRanges: nextExpectedRanges(s) };
  });

  app.delete('/uploadSessions/:sessionId', async (req, reply) => {
    const { sessionId } = req.params as { sessionId: string };
    service.deleteUploadSession(sessionId, tokenOf(req));
    reply.code(204);
    return reply.send();
  });

  app.get('/downloads/:documentId', async (req, reply) => {
    const { documentId } = req.params as { documentId: string };
    const token = tokenOf(req);
    const link = token === undefined ? undefined : downloads.links.get(token);
    if (link === undefined || link.documentId !== documentId || link.expires < Date.now()) {
      throw new PrintsimError('unauthenticated', 'This download link is not valid or has expired; ask for documents/{id}/$value again.');
    }
    const job = service.getJob(link.jobId);
    const doc = service.getDocument(job, documentId);
    service.markDownloaded(job, doc);
    reply.header('content-type', doc.contentType || 'application/octet-stream');
    reply.header('content-length', String(doc.size));
    reply.header('content-disposition', `attachment; filename="${encodeURIComponent(doc.displayName || doc.id)}"`);
    return reply.send(service.spool.documentStream(doc.id));
  });
}

async function* emptyGen(): AsyncGenerator<Buffer> {}
function emptyStream(): AsyncIterable<Buffer> {
  return emptyGen();
}
