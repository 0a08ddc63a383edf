import type { FastifyRequest } from 'fastify';
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
