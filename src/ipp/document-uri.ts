// Documents by reference (Print-URI and Send-URI, RFC 8011 §4.2.2, §4.3.2):
// the printer fetches document-uri itself. http and https are fetched with a
// size limit (the largest accepted document) and a time limit on the
// emulator's clock; file URIs only name files under the folder configured as
// IppOptions.documentFolder (`printsim serve --document-folder`), and are
// refused when there is none. reference-uri-schemes-supported says which.

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../core/clock.js';
import { attr, ValueTag } from './codec/index.js';
import { badRequest, IppError } from './ipp-error.js';
import { opString, type OperationContext } from './operation-context.js';

/** How long a fetch may take, headers and body, on the emulator's clock. */
export const FETCH_TIME_LIMIT_MS = 30_000;

export interface UriFetchLimits {
  /** Folder whose files file: URIs may name; null = file: is not offered. */
  documentFolder: string | null;
  maxBytes: number;
  clock: Clock;
}

/** reference-uri-schemes-supported (RFC 8011 §5.4.27). */
export function uriSchemes(documentFolder: string | null): [string, ...string[]] {
  return documentFolder === null ? ['http', 'https'] : ['http', 'https', 'file'];
}

/** The document-uri operation attribute, its scheme checked before anything is fetched or made. */
export function readDocumentUri(ctx: OperationContext): URL {
  const value = opString(ctx, 'document-uri', [ValueTag.uri]);
  if (value === undefined) badRequest(`${ctx.request.code === 0x0003 ? 'Print-URI' : 'Send-URI'} needs document-uri (RFC 8011 §4.2.2.1).`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    badRequest(`document-uri '${value}' is not a URI.`, [attr.uri('document-uri', value)]);
  }
  const scheme = url.protocol.replace(/:$/, '');
  const schemes = uriSchemes(ctx.door.documentFolder);
  if (!(schemes as string[]).includes(scheme)) {
    // RFC 8011 §4.2.2: a scheme not in reference-uri-schemes-supported.
    throw new IppError('client-error-uri-scheme-not-supported', `document-uri scheme '${scheme}' is not supported (reference-uri-schemes-supported: ${schemes.join(', ')}).`, [
      attr.uri('document-uri', value),
    ]);
  }
  return url;
}

/**
 * The document at `url` as a stream of at most `maxBytes`. A document that
 * cannot be had (not found, refused, too large, too slow, outside the folder)
 * is client-error-document-access-error (RFC 8011 §4.2.2).
 */
export async function fetchDocument(url: URL, limits: UriFetchLimits): Promise<Readable> {
  const source = url.protocol === 'file:' ? await openFile(url, limits) : await openHttp(url, limits);
  const limited = sizeLimit(limits.maxBytes, url);
  // pipeline hands a read error of the source on to the limited stream, which the spool reads.
  return pipeline(source, limited, () => undefined);
}

function accessError(url: URL, why: string): IppError {
  return new IppError('client-error-document-access-error', `The document at ${url.href} could not be fetched: ${why}.`, [attr.uri('document-uri', url.href)]);
}

async function openFile(url: URL, limits: UriFetchLimits): Promise<Readable> {
  if (limits.documentFolder === null) throw accessError(url, 'file URIs are not offered');
  let path: string;
  let folder: string;
  try {
    path = await realpath(fileURLToPath(url));
    folder = await realpath(limits.documentFolder);
  } catch {
    throw accessError(url, 'no such file');
  }

  // The real path, after links, must be inside the folder.
  if (!path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`)) throw accessError(url, 'the file is outside the document folder');
  const info = await stat(path);
  if (!info.isFile()) throw accessError(url, 'not a regular file');
  if (info.size > limits.maxBytes) throw accessError(url, `it is larger than the largest accepted document (${limits.maxBytes} bytes)`);
  return createReadStream(path);
}

async function openHttp(url: URL, limits: UriFetchLimits): Promise<Readable> {
  const controller = new AbortController();
  // One deadline for headers and body, on the injectable clock.
  const timer = limits.clock.setTimeout(() => controller.abort(new Error('timed out')), FETCH_TIME_LIMIT_MS);
  let res: Response;
  try {
    res = await fetch(url, { signal: controller.signal, redirect: 'follow' });
  } catch (e) {
    limits.clock.clearTimeout(timer);
    const why = controller.signal.aborted ? `no answer within ${FETCH_TIME_LIMIT_MS / 1000} s` : ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message;
    throw accessError(url, why);
  }
  if (!res.ok || res.body === null) {
    limits.clock.clearTimeout(timer);
    await res.body?.cancel().catch(() => undefined);
    throw accessError(url, `HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    limits.clock.clearTimeout(timer);
    controller.abort();
    throw accessError(url, `it is larger than the largest accepted document (${limits.maxBytes} bytes)`);
  }
  const body = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
  const stop = (): void => limits.clock.clearTimeout(timer);
  body.once('end', stop).once('error', stop).once('close', stop);
  return body;
}

/** Fails the stream with document-access-error past `max` bytes (a body longer than it said, or chunked). */
function sizeLimit(max: number, url: URL): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(accessError(url, `it is larger than the largest accepted document (${max} bytes)`));
      else done(null, chunk);
    },
  });
}
