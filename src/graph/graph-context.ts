import type { FastifyRequest } from 'fastify';
import { PrintsimError } from '../model/errors.js';
import type { PrintService } from '../core/print-service.js';
import type { SigningKey } from '../auth/signing-key.js';
import type { GraphFaults } from './faults/graph-faults.js';
import { TokenVerifier, type Principal } from '../auth/tokens.js';
import type { GraphVersion, GraphView } from './serialize.js';

export interface GraphDeps {
  service: PrintService;
  signingKey: SigningKey;
  /** Faults a test asked for (none by default). */
  faults?: GraphFaults;
}

/** The origin clients used to reach printsim, so generated links point back at it. */
export function requestOrigin(req: FastifyRequest): string {
  const host = req.headers.host ?? `${req.hostname}`;
  return `${req.protocol}://${host}`;
}

export function viewOf(req: FastifyRequest, version: GraphVersion): GraphView {
  return { origin: requestOrigin(req), version };
}

const principals = new WeakMap<FastifyRequest, Principal>();
/** One cache of verified tokens per signing key, so emulators side by side never share one. */
const verifiers = new WeakMap<SigningKey, TokenVerifier>();

/** Verifies the bearer token once per request (401 when absent or bad). Tokens use wall time. */
export function principalOf(req: FastifyRequest, deps: GraphDeps): Principal {
  let p = principals.get(req);
  if (p === undefined) {
    let verifier = verifiers.get(deps.signingKey);
    if (verifier === undefined) verifiers.set(deps.signingKey, (verifier = new TokenVerifier(deps.signingKey)));
    p = verifier.verify(req.headers.authorization, Date.now());
    principals.set(req, p);
  }
  return p;
}

export function requestUrl(req: FastifyRequest): URL {
  return new URL(req.url, requestOrigin(req));
}

/** A JSON object body, or a 400 saying what arrived instead. */
export function objectBody(req: FastifyRequest, optional = false): Record<string, unknown> {
  const b = req.body;
  if (b === undefined || b === null || b === '') {
    if (optional) return {};
    throw new PrintsimError('badRequest', 'The request body is empty; a JSON object is required.');
  }
  if (typeof b !== 'object' || Array.isArray(b)) {
    throw new PrintsimError('badRequest', 'The request body must be a JSON object.');
  }
  return b as Record<string, unknown>;
}

/** Rejects properties outside `allowed` (annotations such as `@odata.type` are ignored). */
export function onlyKeys(body: Record<string, unknown>, allowed: string[], what: string): void {
  for (const k of Object.keys(body)) {
    if (k.startsWith('@odata.') || k.includes('@odata.')) continue;
    if (!allowed.includes(k)) {
      throw new PrintsimError('badRequest', `Property '${k}' cannot be set on ${what} (allowed: ${allowed.join(', ')}).`, { fields: [k] });
    }
  }
}

export function stringProp(body: Record<string, unknown>, key: string, opts: { required?: boolean; maxLength?: number } = {}): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (opts.required === true) throw new PrintsimError('badRequest', `Property '${key}' is required.`, { fields: [key] });
    return undefined;
  }
  if (typeof v !== 'string') throw new PrintsimError('badRequest', `Property '${key}' must be a string.`, { fields: [key] });
  if (opts.required === true && v.trim() === '') throw new PrintsimError('badRequest', `Property '${key}' must not be empty.`, { fields: [key] });
  if (opts.maxLength !== undefined && v.length > opts.maxLength) {
    throw new PrintsimError('badRequest', `Property '${key}' is longer than ${opts.maxLength} characters.`, { fields: [key] });
  }
  return v;
}

export function boolProp(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new PrintsimError('badRequest', `Property '${key}' must be true or false.`, { fields: [key] });
  return v;
}

/** Takes the last path segment of an `@odata.bind` URL for `collection` (e.g. printers). */
export function bindId(value: unknown, collection: string, key: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new PrintsimError('badRequest', `Property '${key}' must be a URL such as https://graph.microsoft.com/v1.0/print/${collection}/{id}.`, { fields: [key] });
  }
  const m = new RegExp(`/print/${collection}/([^/?#]+)/?$`).exec(value) ?? new RegExp(`^([A-Za-z0-9-]+)$`).exec(value);
  if (m === null) {
    throw new PrintsimError('badRequest', `Property '${key}' ('${value}') does not name a ${collection.replace(/s$/, '')}: expected .../print/${collection}/{id}.`, { fields: [key] });
  }
  return decodeURIComponent(m[1]!);
}
