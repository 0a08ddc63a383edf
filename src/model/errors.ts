// Every error printsim reports is declared here once, with the status each door
// puts on the wire: an HTTP status plus Graph error code for the Graph door, and
// an IPP status-code keyword (RFC 8011 §4.1.6) for the IPP door. Each door maps
// PrintsimError to its wire format in one place.

export type IppStatusKeyword =
  | 'client-error-bad-request'
  | 'client-error-forbidden'
  | 'client-error-not-authenticated'
  | 'client-error-not-authorized'
  | 'client-error-not-possible'
  | 'client-error-timeout'
  | 'client-error-not-found'
  | 'client-error-gone'
  | 'client-error-request-entity-too-large'
  | 'client-error-request-value-too-long'
  | 'client-error-document-format-not-supported'
  | 'client-error-attributes-or-values-not-supported'
  | 'client-error-uri-scheme-not-supported'
  | 'client-error-charset-not-supported'
  | 'client-error-conflicting-attributes'
  | 'client-error-compression-not-supported'
  | 'client-error-compression-error'
  | 'client-error-document-format-error'
  | 'client-error-document-access-error'
  | 'server-error-internal-error'
  | 'server-error-operation-not-supported'
  | 'server-error-service-unavailable'
  | 'server-error-version-not-supported'
  | 'server-error-device-error'
  | 'server-error-temporary-error'
  | 'server-error-not-accepting-jobs'
  | 'server-error-busy'
  | 'server-error-job-canceled'
  | 'server-error-multiple-document-jobs-not-supported';

export interface ErrorSpec {
  /** HTTP status for the Graph door. */
  http: number;
  /** Graph error code (`error.code`). */
  graph: string;
  /** IPP status keyword for the IPP door. */
  ipp: IppStatusKeyword;
}

export const ERRORS = {
  badRequest: { http: 400, graph: 'invalidRequest', ipp: 'client-error-bad-request' },
  invalidConfiguration: { http: 400, graph: 'invalidRequest', ipp: 'client-error-attributes-or-values-not-supported' },
  unsupportedQuery: { http: 400, graph: 'invalidRequest', ipp: 'client-error-bad-request' },
  documentIncomplete: { http: 400, graph: 'invalidRequest', ipp: 'client-error-not-possible' },
  uploadSizeMismatch: { http: 400, graph: 'invalidRequest', ipp: 'client-error-bad-request' },
  unauthenticated: { http: 401, graph: 'unauthenticated', ipp: 'client-error-not-authenticated' },
  accessDenied: { http: 403, graph: 'accessDenied', ipp: 'client-error-not-authorized' },
  notFound: { http: 404, graph: 'itemNotFound', ipp: 'client-error-not-found' },
  methodNotAllowed: { http: 405, graph: 'notSupported', ipp: 'server-error-operation-not-supported' },
  notAllowed: { http: 409, graph: 'notAllowed', ipp: 'client-error-not-possible' },
  notAcceptingJobs: { http: 409, graph: 'notAllowed', ipp: 'server-error-not-accepting-jobs' },
  nameAlreadyExists: { http: 409, graph: 'nameAlreadyExists', ipp: 'client-error-not-possible' },
  tooLarge: { http: 413, graph: 'invalidRequest', ipp: 'client-error-request-entity-too-large' },
  unsupportedMediaType: { http: 415, graph: 'invalidRequest', ipp: 'client-error-document-format-not-supported' },
  rangeNotSatisfiable: { http: 416, graph: 'invalidRange', ipp: 'client-error-bad-request' },
  internal: { http: 500, graph: 'generalException', ipp: 'server-error-internal-error' },
  // Graph-wide answers that printsim gives only when a test injects them (src/graph/faults/graph-faults.ts).
  throttled: { http: 429, graph: 'TooManyRequests', ipp: 'server-error-busy' },
  serviceUnavailable: { http: 503, graph: 'serviceNotAvailable', ipp: 'server-error-service-unavailable' },
  gatewayTimeout: { http: 504, graph: 'gatewayTimeout', ipp: 'server-error-temporary-error' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorKind = keyof typeof ERRORS;

export class PrintsimError extends Error {
  readonly kind: ErrorKind;
  readonly spec: ErrorSpec;
  /** Optional inner code (Graph `innerError.code`, e.g. fragmentOverlap). */
  readonly innerCode: string | undefined;
  /** Which request fields were at fault (IPP puts these in the unsupported-attributes group). */
  readonly fields: string[];

  constructor(kind: ErrorKind, message: string, options: { innerCode?: string; fields?: string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PrintsimError';
    this.kind = kind;
    this.spec = ERRORS[kind];
    this.innerCode = options.innerCode;
    this.fields = options.fields ?? [];
  }
}

export function isPrintsimError(e: unknown): e is PrintsimError {
  return e instanceof PrintsimError;
}
