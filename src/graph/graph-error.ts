import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isPrintsimError, PrintsimError, type ErrorKind } from '../model/errors.js';
import { INJECTED } from './faults/graph-faults.js';

/** What each error kind answers on the Graph door: HTTP status and `error.code`. */
export const GRAPH_ERRORS = {
  badRequest: { status: 400, code: 'invalidRequest' },
  invalidConfiguration: { status: 400, code: 'invalidRequest' },
  unsupportedQuery: { status: 400, code: 'invalidRequest' },
  documentIncomplete: { status: 400, code: 'invalidRequest' },
  uploadSizeMismatch: { status: 400, code: 'invalidRequest' },
  unauthenticated: { status: 401, code: 'unauthenticated' },
  accessDenied: { status: 403, code: 'accessDenied' },
  notFound: { status: 404, code: 'itemNotFound' },
  methodNotAllowed: { status: 405, code: 'notSupported' },
  notAllowed: { status: 409, code: 'notAllowed' },
  notAcceptingJobs: { status: 409, code: 'notAllowed' },
  nameAlreadyExists: { status: 409, code: 'nameAlreadyExists' },
  tooLarge: { status: 413, code: 'invalidRequest' },
  unsupportedMediaType: { status: 415, code: 'invalidRequest' },
  rangeNotSatisfiable: { status: 416, code: 'invalidRange' },
  internal: { status: 500, code: 'generalException' },
  // Graph-wide answers that printsim gives only when a test injects them (faults/graph-faults.ts).
  throttled: { status: 429, code: 'TooManyRequests' },
  serviceUnavailable: { status: 503, code: 'serviceNotAvailable' },
  gatewayTimeout: { status: 504, code: 'gatewayTimeout' },
} as const satisfies Record<ErrorKind, { status: number; code: string }>;

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
  return { error: { code: GRAPH_ERRORS[e.kind].code, message: e.message, innerError: inner } };
}

export function sendGraphError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const e = toPrintsimError(err);
  const { status, code } = GRAPH_ERRORS[e.kind];
  if (e.kind === 'internal' && e.innerCode !== INJECTED) req.log.error({ err: e.cause ?? err }, 'request failed');
  else req.log.debug({ code, status, msg: e.message }, 'request refused');
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="printsim", error="invalid_token"');
  return reply.code(status).type('application/json').send(graphErrorBody(e, req));
}
