// The IPP door on the shared HTTP listener (RFC 8010 §4): POST application/ipp
// to /ipp/print (the first printer), /ipp/print/NAME or a job URI; chunked or
// not, Expect: 100-continue answered by Node. The body is parsed as it
// streams: attributes from a bounded prefix, the document straight to the
// spool. GET on a printer URI is a small status page; GET of its icons, PNGs.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encode } from './codec/index.js';
import { dispatch, toMessage } from './dispatch.js';
import type { IppDoor } from './ipp-door.js';
import { IppResponse, type HttpInfo } from './operation-context.js';
import { OPERATION_HANDLERS } from './operations/registry.js';
import { ICON_SIZES, printerIcon } from './printer-icon.js';
import { IppRequestError, NoIppHeaderError, readIppRequest } from './read-request.js';
import { statusPage } from './status-page.js';
import { IPP_PATH } from './uris.js';

/** Methods the whole server answers (Graph, the console, IPP), and those of IPP URIs. */
const SERVER_METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT';
const IPP_METHODS = 'GET, HEAD, OPTIONS, POST';

export async function ippPlugin(app: FastifyInstance, door: IppDoor): Promise<void> {
  // The handler reads the body itself, as a stream.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));
  app.setErrorHandler((err, req, reply) => {
    req.log.error({ err }, 'IPP request failed');
    void reply.code(500).type('text/plain').send('printsim: internal error; see the log\n');
  });

  const post = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => handlePost(door, req, reply);
  for (const path of [IPP_PATH, `${IPP_PATH}/:name`, `${IPP_PATH}/:name/jobs/:jobId`]) app.post(path, post);

  const page = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const { name } = req.params as { name?: string };
    const rt = name === undefined ? door.defaultPrinter() : door.service.findPrinter(name);
    if (rt === undefined || (name !== undefined && rt.definition.name !== name)) {
      return reply.code(404).type('text/plain').send(`printsim: no printer '${name}'\n`);
    }
    return reply.type('text/html; charset=utf-8').send(statusPage(door, rt, hostOf(req)));
  };
  // OPTIONS (RFC 9110 §9.3.7): `OPTIONS *` asks about the server, as IPP clients
  // probe before an upgrade (RFC 2817 §3.2, which IPP's RFC 8010 §8.2 refers to);
  // OPTIONS of a printer URI about that resource. Fastify routes `*` only through
  // a wildcard, so every other path goes on to the not-found answer.
  app.route({
    method: 'OPTIONS',
    url: '*',
    handler: async (req, reply) => {
      const path = req.url.split('?')[0]!;
      if (path === '*') return reply.code(200).header('allow', SERVER_METHODS).header('content-length', '0').send();
      if (path === IPP_PATH || path.startsWith(`${IPP_PATH}/`)) return reply.code(200).header('allow', IPP_METHODS).header('content-length', '0').send();
      return reply.callNotFound();
    },
  });
  app.get(IPP_PATH, page);
  app.get(`${IPP_PATH}/:name`, page);
  app.get(`${IPP_PATH}/:name/:file`, async (req, reply) => {
    const { name, file } = req.params as { name: string; file: string };
    const size = Object.hasOwn(ICON_SIZES, file) ? ICON_SIZES[file] : undefined;
    if (size === undefined || door.service.findPrinter(name)?.definition.name !== name) {
      return reply.code(404).type('text/plain').send(`printsim: no ${file} for printer '${name}'\n`);
    }
    return reply.type('image/png').header('cache-control', 'max-age=86400').send(printerIcon(size));
  });
}

async function handlePost(door: IppDoor, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/ipp') {
    req.raw.resume();
    return reply.code(400).type('text/plain').send(`printsim: POST to an IPP printer needs Content-Type application/ipp, got '${type || 'none'}' (RFC 8010 §4).\n`);
  }
  let body;
  try {
    body = await readIppRequest(req.raw, door.maxAttributeBytes);
  } catch (e) {
    req.raw.resume();
    if (e instanceof NoIppHeaderError) {
      // Not even an IPP header: nothing to answer in IPP.
      return reply.code(400).type('text/plain').send(`printsim: ${e.message}\n`);
    }
    if (e instanceof IppRequestError) {
      const r = new IppResponse();
      r.status = e.error.status;
      r.message = e.error.message;
      return sendIpp(reply, toMessage({ version: e.header.version, requestId: e.header.requestId, groups: [] }, r));
    }
    throw e;
  }
  const http: HttpInfo = { host: hostOf(req), basicUser: basicUser(req), remoteAddress: req.ip };
  const { response, internal } = await dispatch(door, OPERATION_HANDLERS, body.message, body.document, http);
  if (internal !== undefined) req.log.error({ err: internal }, 'IPP operation failed');
  door.persist();
  // Whatever of the body the operation did not read is dropped so the connection stays usable.
  body.drain().catch(() => undefined);
  return sendIpp(reply, response);
}

function sendIpp(reply: FastifyReply, message: Parameters<typeof encode>[0]): FastifyReply {
  return reply.code(200).type('application/ipp').send(Buffer.from(encode(message)));
}

/** The authority clients used to reach printsim, for every URI in responses. */
function hostOf(req: FastifyRequest): string {
  const host = req.headers.host;
  if (host !== undefined && /^[A-Za-z0-9.:[\]-]+$/.test(host)) return host;
  const addr = req.socket.localAddress ?? '127.0.0.1';
  return `${addr.includes(':') ? `[${addr}]` : addr}:${req.socket.localPort ?? 631}`;
}

/** RFC 7617 Basic credentials: the user becomes the requesting user (no password check: printsim has no accounts). */
function basicUser(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h === undefined || !/^basic /i.test(h)) return null;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const user = decoded.split(':')[0] ?? '';
  return user === '' ? null : user;
}
