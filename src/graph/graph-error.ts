import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isPrintsimError, PrintsimError } from '../model/errors.js';
import { INJECTED } from './faults/graph-faults.js';

/**
 * The one place where errors become Graph error bodies
 * ({"error":{"code","message","innerError":{...}}}, Graph concepts/errors.md).
 */
export function toPrintsimError(err: unknown): PrintsimError {
  if (isPrintsimError(err)) return err;
  const fe = err as Partial<FastifyError> & { message?: string };
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PrintsimError('tooLarge', 'The request body is larger than the 1 MB allowed for JSON requests.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PrintsimError('unsupportedMediaType', `Content-Type is not supported here; send application/json.`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new PrintsimError('badRequest', 'The request body is empty; a JSON object is required.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new PrintsimError('badRequest', 'Content-Length does not match the body.');
    default:
      break;
  }
  if (err instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new PrintsimError('badRequest', `The request body is not valid JSON: ${fe.message ?? 'syntax error'}.`);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new PrintsimError('badRequest', fe.message ?? 'Bad request.');
  }
  return new PrintsimError('internal', 'An internal error occurred in printsim; see its log.', { cause: err });
}

export function graphErrorBody(e: PrintsimError, req: FastifyRequest): Record<string, unknown> {
  const inner: Record<string, unknown> = {
    date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
    'request-id': String(req.id),
    'client-request-id': String(req.headers['client-request-id'] ?? req.id),
  };
  if (e.innerCode !== undefined) inner.code = e.innerCode;
  return { error: { code: e.spec.graph, message: e.message, innerError: inner } };
}

export function sendGraphError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const e = toPrintsimError(err);
  if (e.kind === 'internal' && e.innerCode !== INJECTED) req.log.error({ err: e.cause ?? err }, 'request failed');
  else req.log.debug({ code: e.spec.graph, status: e.spec.http, msg: e.message }, 'request refused');
  if (e.spec.http === 401) reply.header('www-authenticate', 'Bearer realm="printsim", error="invalid_token"');
  return reply.code(e.spec.http).type('application/json').send(graphErrorBody(e, req));
}
