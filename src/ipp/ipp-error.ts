// The one place where errors become IPP status codes (RFC 8011 §4.1.6,
// Appendix B). Handlers throw IppError, the core throws PrintsimError (mapped
// by kind in IPP_STATUS), the codec throws IppDecodeError; everything
// else is server-error-internal-error.

import { isPrintsimError, type ErrorKind } from '../model/errors.js';
import { attr, IppDecodeError, type IppAttribute, type StatusCodeKeyword } from './codec/index.js';

/** The IPP status-code each error kind answers (RFC 8011 §4.1.6). */
export const IPP_STATUS = {
  badRequest: 'client-error-bad-request',
  invalidConfiguration: 'client-error-attributes-or-values-not-supported',
  unsupportedQuery: 'client-error-bad-request',
  documentIncomplete: 'client-error-not-possible',
  uploadSizeMismatch: 'client-error-bad-request',
  unauthenticated: 'client-error-not-authenticated',
  accessDenied: 'client-error-not-authorized',
  notFound: 'client-error-not-found',
  methodNotAllowed: 'server-error-operation-not-supported',
  notAllowed: 'client-error-not-possible',
  notAcceptingJobs: 'server-error-not-accepting-jobs',
  nameAlreadyExists: 'client-error-not-possible',
  tooLarge: 'client-error-request-entity-too-large',
  unsupportedMediaType: 'client-error-document-format-not-supported',
  rangeNotSatisfiable: 'client-error-bad-request',
  internal: 'server-error-internal-error',
  // Injected into Graph only; mapped so every kind has an IPP status.
  throttled: 'server-error-busy',
  serviceUnavailable: 'server-error-service-unavailable',
  gatewayTimeout: 'server-error-temporary-error',
} as const satisfies Record<ErrorKind, StatusCodeKeyword>;

export class IppError extends Error {
  override readonly name = 'IppError';

  constructor(
    readonly status: StatusCodeKeyword,
    message: string,
    /** Goes to the unsupported-attributes group (RFC 8011 §4.1.7). */
    readonly unsupported: IppAttribute[] = [],
  ) {
    super(message);
  }
}

/** Throws client-error-bad-request: a required or malformed operation attribute (RFC 8011 §4.1.3). */
export function badRequest(message: string, unsupported: IppAttribute[] = []): never {
  throw new IppError('client-error-bad-request', message, unsupported);
}

/**
 * Maps any error to an IppError. `unsupportedFor` turns the Graph fields a
 * PrintsimError names (configuration properties) into the request attributes
 * that carried them.
 */
export function toIppError(err: unknown, unsupportedFor: (fields: string[]) => IppAttribute[] = () => []): IppError {
  if (err instanceof IppError) return err;
  if (isPrintsimError(err)) return new IppError(IPP_STATUS[err.kind], err.message, unsupportedFor(err.fields));
  if (err instanceof IppDecodeError) {
    // RFC 8011 §4.1.3: a message the Printer cannot parse is a bad request.
    return new IppError('client-error-bad-request', `The request is not valid application/ipp: ${err.message}.`);
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    // zlib failed on the document data (RFC 8011 §4.1.6 client-error-compression-error).
    return new IppError('client-error-compression-error', `The document data could not be decompressed: ${(err as Error).message}.`);
  }
  return new IppError('server-error-internal-error', 'An internal error occurred in printsim; see its log.');
}

/** The out-of-band `unsupported` value for an attribute the Printer does not know (RFC 8011 §4.1.7). */
export function unsupportedAttribute(name: string): IppAttribute {
  return attr.oob(name, 'unsupported');
}
