import type { FastifyInstance } from 'fastify';
import { PrintsimError } from '../../model/errors.js';
import { intProp, objectBody, objectProp, onlyKeys, stringProp } from '../../http/json-body.js';
import { requestOrigin, viewOf, type GraphDeps } from '../graph-context.js';
import { parseQuery } from '../odata.js';
import { contextUrl, documentJson, uploadSessionJson, type GraphVersion } from '../serialize.js';
import { jobFor } from './jobs.js';

/** Pre-authenticated download links live this long (the real service's are short-lived too). */
const DOWNLOAD_LINK_MS = 15 * 60 * 1000;

export interface DownloadLinks {
  links: Map<string, { jobId: string; documentId: string; expires: number }>;
}

// Graph printDocument: get, createUploadSession, $value (api/printdocument-*.md).
export function documentRoutes(app: FastifyInstance, deps: GraphDeps, version: GraphVersion, downloads: DownloadLinks): void {
  const { service } = deps;

  for (const base of ['/print/printers/:printerId', '/print/shares/:shareId']) {
    app.get(`${base}/jobs/:jobId/documents`, async (req) => {
      const { job, parent } = jobFor(deps, req, 'documents.get');
      parseQuery(req.query as Record<string, unknown>, { allowed: [] });
      const v = viewOf(req, version);
      return { '@odata.context': contextUrl(v, `${parent.context}/jobs('${job.id}')/documents`), value: job.documents.map(documentJson) };
    });

    app.get(`${base}/jobs/:jobId/documents/:documentId`, async (req) => {
      const { job, parent } = jobFor(deps, req, 'documents.get');
      const { documentId } = req.params as { documentId: string };
      const v = viewOf(req, version);
      return {
        '@odata.context': contextUrl(v, `${parent.context}/jobs('${job.id}')/documents/$entity`),
        ...documentJson(service.getDocument(job, documentId)),
      };
    });

    app.post(`${base}/jobs/:jobId/documents/:documentId/createUploadSession`, async (req) => {
      const { job, principal } = jobFor(deps, req, 'documents.createUploadSession');
      // Applications upload only into a job they hold through their task (printdocument-createuploadsession.md).
      if (principal.kind === 'app') service.assertAppControlsJob(job, principal.appId, 'upload to');
      const { documentId } = req.params as { documentId: string };
      const body = objectBody(req);
      onlyKeys(body, ['properties'], 'an upload session request');
      const p = objectProp(body, 'properties', { required: true, type: 'printDocumentUploadProperties' })!;
      onlyKeys(p, ['documentName', 'contentType', 'size'], 'printDocumentUploadProperties', 'properties');
      // They become IPP document-name, a name(MAX), and document-format, a mimeMediaType (RFC 8011 §5.1.3, §5.1.10).
      const documentName = stringProp(p, 'documentName', { at: 'properties', required: true, maxLength: 255 })!;
      const contentType = stringProp(p, 'contentType', { at: 'properties', required: true, maxLength: 255 })!;
      const size = intProp(p, 'size', { at: 'properties', required: true, min: 1, max: Number.MAX_SAFE_INTEGER })!;
      const session = await service.createUploadSession(job, documentId, { documentName, contentType, size });
      return uploadSessionJson(viewOf(req, version), session);
    });

    app.get(`${base}/jobs/:jobId/documents/:documentId/$value`, async (req, reply) => {
      const { job } = jobFor(deps, req, 'documents.content');
      const { documentId } = req.params as { documentId: string };
      const doc = service.getDocument(job, documentId);
      if (!doc.complete) throw new PrintsimError('notFound', `Document '${doc.id}' has no content yet: its upload is not complete.`);
      const token = randomToken();
      downloads.links.set(token, { jobId: job.id, documentId: doc.id, expires: Date.now() + DOWNLOAD_LINK_MS });
      reply.code(302).header('location', `${requestOrigin(req)}/downloads/${doc.id}?tempauthtoken=${token}`);
      return reply.send();
    });
  }
}

function randomToken(): string {
  // Not a seeded value on purpose: it guards a pre-authenticated URL.
  return globalThis.crypto.randomUUID().replace(/-/g, '');
}
