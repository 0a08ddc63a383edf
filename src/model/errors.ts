// Every error printsim reports is one of these kinds. What each kind looks like
// on the wire is the door's business: graph/graph-error.ts maps it to an HTTP
// status and Graph error code, ipp/ipp-error.ts to an IPP status-code (RFC 8011
// §4.1.6). Both maps are Record<ErrorKind, ...>, so a new kind fails the build
// until every door maps it.

export const ERROR_KINDS = [
  'badRequest',
  'invalidConfiguration',
  'unsupportedQuery',
  'documentIncomplete',
  'uploadSizeMismatch',
  'unauthenticated',
  'accessDenied',
  'notFound',
  'methodNotAllowed',
  'notAllowed',
  'notAcceptingJobs',
  'nameAlreadyExists',
  'tooLarge',
  'unsupportedMediaType',
  'rangeNotSatisfiable',
  'internal',
  // Graph-wide answers that printsim gives only when a test injects them (src/graph/faults/graph-faults.ts).
  'throttled',
  'serviceUnavailable',
  'gatewayTimeout',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export class PrintsimError extends Error {
  readonly kind: ErrorKind;
  /** Optional inner code (Graph `innerError.code`, e.g. fragmentOverlap). */
  readonly innerCode: string | undefined;
  /** Which request fields were at fault (IPP puts these in the unsupported-attributes group). */
  readonly fields: string[];

  constructor(kind: ErrorKind, message: string, options: { innerCode?: string; fields?: string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PrintsimError';
    this.kind = kind;
    this.innerCode = options.innerCode;
    this.fields = options.fields ?? [];
  }
}

export function isPrintsimError(e: unknown): e is PrintsimError {
  return e instanceof PrintsimError;
}
