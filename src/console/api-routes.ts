// The console's actions: sign-in, live events, printer faults, cancel, and
// "try a configuration" (preview without a job, or submit as a real job).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PrintsimError } from '../model/errors.js';
import type { PrintJobConfiguration, UserIdentity } from '../model/print-types.js';
import type { SheetManifest } from '../model/manifest.js';
import { DocumentError } from '../model/ports.js';
import { parseConfiguration, resolveConfiguration } from '../core/validate-configuration.js';
import { objectBody } from '../http/json-body.js';
import { objectId } from '../auth/tokens.js';
import { parsePrinterStatus } from '../http/printer-status-body.js';
import { checkToken, TOKEN_COOKIE } from '../http/local-access.js';
import { sampleDocument } from './sample-document.js';
import { sheetPreview } from './sheet-preview.js';
import { accessOf, type WebContext } from './web-context.js';

export const CONSOLE_USER = 'console@printsim.local';
const api = { config: { kind: 'api' } };

interface DocumentQuery {
  printer?: string;
  name?: string;
  contentType?: string;
  configuration?: string;
  proof?: string;
}

/** Who a console job belongs to: the signed-in user, else the console's own user. */
function ownerOf(req: FastifyRequest): UserIdentity {
  const access = accessOf(req);
  if (access.kind === 'signedIn' && access.principal.kind === 'user') {
    const p = access.principal;
    return { id: p.id, displayName: p.displayName, userPrincipalName: p.upn, ipAddress: req.ip };
  }
  return { id: objectId('user', CONSOLE_USER), displayName: 'printsim console', userPrincipalName: CONSOLE_USER, ipAddress: req.ip };
}

function configurationOf(raw: string | undefined): PrintJobConfiguration {
  let value: unknown = {};
  if (raw !== undefined && raw !== '') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new PrintsimError('badRequest', 'The configuration is not valid JSON.');
    }
  }
  // The same parser the Graph door uses, so messages are the API's.
  return parseConfiguration(value);
}

/** The uploaded bytes, or the built-in sample when none were sent. */
function documentOf(req: FastifyRequest, q: DocumentQuery): { bytes: Uint8Array; name: string; contentType: string } {
  const body = req.body;
  if (Buffer.isBuffer(body) && body.length > 0) {
    return { bytes: body, name: q.name || 'document', contentType: q.contentType || 'application/octet-stream' };
  }
  return { bytes: sampleDocument(), name: 'printsim-sample.pdf', contentType: 'application/pdf' };
}

export function apiRoutes(app: FastifyInstance, ctx: WebContext): void {
  const { service } = ctx;
  const printerOf = (q: DocumentQuery) => service.findPrinter(q.printer ?? '') ?? service.runtime(q.printer ?? '');

  // Documents arrive as raw bytes; their type travels in ?contentType=.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: service.maxDocumentBytes }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/console/api/session', { config: { kind: 'public' } }, async (req, reply) => {
    const { token } = objectBody(req) as { token?: unknown };
    const access = checkToken(ctx.signingKey, typeof token === 'string' ? token.trim() : undefined);
    if (access.kind !== 'signedIn') throw new PrintsimError('unauthenticated', access.kind === 'denied' ? access.reason : 'No token.');
    // A session cookie lets plain links, images and the event stream carry the token.
    reply.header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(String(token).trim())}; Path=/; HttpOnly; SameSite=Strict`);
    const p = access.principal;
    return { user: p.kind === 'user' ? p.upn : p.displayName };
  });

  app.delete('/console/api/session', { config: { kind: 'public' } }, async (_req, reply) => {
    reply.header('set-cookie', `${TOKEN_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.code(204).send();
  });

  app.get('/console/events', { ...api, exposeHeadRoute: false }, (_req, reply) => {
    ctx.events.attach(reply);
  });

  app.put('/console/api/printers/:printerId/status', api, async (req) => {
    const { printerId } = req.params as { printerId: string };
    return service.setPrinterStatus(printerId, parsePrinterStatus(objectBody(req))).status();
  });

  app.delete('/console/api/printers/:printerId/status', api, async (req) => {
    const { printerId } = req.params as { printerId: string };
    return service.setPrinterStatus(printerId, null).status();
  });

  app.post('/console/api/jobs/:jobId/cancel', api, async (req) => {
    const { jobId } = req.params as { jobId: string };
    const job = service.cancelJob(jobId, undefined, 'canceled from the console');
    return { id: job.id, status: service.jobStatus(job) };
  });

  app.post('/console/api/preview', api, async (req) => {
    const q = req.query as DocumentQuery;
    const printer = printerOf(q);
    const configuration = resolveConfiguration(configurationOf(q.configuration), printer.effectiveDefinition());
    const doc = documentOf(req, q);
    let out;
    try {
      out = await service.preview({ printerId: printer.id, bytes: doc.bytes, contentType: doc.contentType, configuration, documentName: doc.name, proof: q.proof === '1' });
    } catch (e) {
      if (!(e instanceof DocumentError)) throw e;
      // Worded like the description of a job whose document fails.
      throw new PrintsimError('badRequest', `The document could not be printed: ${e.message}`, { innerCode: e.code });
    }
    const stored = ctx.previews.add(out.pdf);
    return {
      previewId: stored.id,
      document: doc.name,
      manifest: out.manifest,
      warnings: out.warnings,
      html: sheetPreview(out.manifest as SheetManifest, { pageUrl: (p) => `/console/previews/${stored.id}/pages/${p}`, limit: 200, allHref: null }).value,
    };
  });

  app.post('/console/api/jobs', api, async (req, reply) => {
    const q = req.query as DocumentQuery;
    const configuration = configurationOf(q.configuration);
    const doc = documentOf(req, q);
    const job = service.createJob({
      printerId: printerOf(q).id,
      configuration,
      createdBy: ownerOf(req),
      door: 'graph',
      displayName: doc.name,
    });
    try {
      await service.putDocument(job, doc.bytes, { documentName: doc.name, contentType: doc.contentType });
      service.startJob(job.id);
    } catch (e) {
      service.cancelJob(job.id, undefined, 'the console could not upload the document');
      throw e;
    }
    return reply.code(201).send({ id: job.id, href: `/jobs/${job.id}` });
  });
}
