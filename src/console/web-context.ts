// What every console route shares: the service, the signing key, the live
// event hub, the thumbnail cache, and how a page is sent.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PrintService } from '../core/print-service.js';
import type { SigningKey } from '../auth/signing-key.js';
import type { ConsoleAccess } from '../http/local-access.js';
import type { ConsoleEvents } from './console-events.js';
import type { Html } from './html.js';
import { layout, type Section } from './layout.js';
import type { PreviewStore } from './preview-store.js';
import type { Thumbnails } from './thumbnails.js';

export interface WebDeps {
  service: PrintService;
  signingKey: SigningKey;
}

export interface WebContext extends WebDeps {
  events: ConsoleEvents;
  thumbnails: Thumbnails;
  previews: PreviewStore;
}

/** How a route is guarded: pages answer with the sign-in page, api with a JSON 401, public not at all. */
export type RouteKind = 'page' | 'api' | 'public';

const accessByRequest = new WeakMap<FastifyRequest, ConsoleAccess>();

export function rememberAccess(req: FastifyRequest, access: ConsoleAccess): void {
  accessByRequest.set(req, access);
}

export function accessOf(req: FastifyRequest): ConsoleAccess {
  return accessByRequest.get(req) ?? { kind: 'denied', reason: 'not checked' };
}

/** The Host a browser used, for IPP URIs that work from where it runs. */
export function requestHost(req: FastifyRequest): string {
  return req.headers.host ?? req.hostname;
}

export function listeningOn(req: FastifyRequest): string {
  const a = req.server.server.address();
  if (a === null) return 'nothing';
  if (typeof a === 'string') return a;
  return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
}

export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; section: Section; page: string; body: Html; status?: number },
): FastifyReply {
  const access = accessOf(req);
  const user =
    access.kind === 'signedIn' ? (access.principal.kind === 'user' ? access.principal.upn : access.principal.displayName) : null;
  return reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    // Only the console's own script runs; style attributes carry sheet proportions.
    .header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
    .send(layout({ title: page.title, section: page.section, page: page.page, body: page.body, user }));
}
