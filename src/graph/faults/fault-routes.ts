import type { FastifyInstance } from 'fastify';
import { PrintsimError } from '../../model/errors.js';
import type { SigningKey } from '../../auth/signing-key.js';
import { consoleAccess } from '../../http/local-access.js';
import { describe, intProp, objectBody, onlyKeys } from '../../http/json-body.js';
import type { GraphFaults } from './graph-faults.js';

/**
 * /emulator/faults/graph: the next `count` Graph requests matching `method`
 * and `path` answer `status`. Like the other /emulator routes, open on a
 * loopback listener and behind a token from other machines.
 */
export function faultRoutes(app: FastifyInstance, faults: GraphFaults, signingKey: SigningKey): void {
  app.addHook('onRequest', async (req) => {
    const access = consoleAccess(req, signingKey);
    if (access.kind === 'denied') throw new PrintsimError('unauthenticated', `The /emulator routes of a printsim reachable from other machines need a token: ${access.reason}`);
  });

  app.post('/emulator/faults/graph', async (req, reply) => {
    const body = objectBody(req);
    onlyKeys(body, ['status', 'count', 'method', 'path', 'retryAfterSeconds'], 'a Graph fault rule');
    const status = intProp(body, 'status', { required: true, min: 100, max: 599 })!;
    const count = intProp(body, 'count', { min: 1 });
    const rule = faults.add({
      status,
      ...(count === undefined ? {} : { count }),
      ...(body.method === undefined ? {} : { method: stringOrNull(body.method, 'method', 16) }),
      ...(body.path === undefined ? {} : { path: stringOrNull(body.path, 'path', 2048) }),
      ...(body.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: body.retryAfterSeconds === null ? null : intProp(body, 'retryAfterSeconds', { min: 0 })! }),
    });
    return reply.code(201).send(rule);
  });
  app.get('/emulator/faults/graph', async () => ({ value: faults.list() }));
  app.delete('/emulator/faults/graph', async (_req, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
}

function stringOrNull(v: unknown, field: string, maxLength: number): string | null {
  if (v === null || (typeof v === 'string' && v.length <= maxLength)) return v;
  throw new PrintsimError('badRequest', `${field} must be a string of at most ${maxLength} characters, or null; got ${describe(v)}.`, { fields: [field] });
}
