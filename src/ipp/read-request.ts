// Reads an application/ipp request body as it streams in: the attribute
// section is decoded from a growing prefix (bounded), and whatever follows
// end-of-attributes-tag is handed on as a stream, never buffered whole
// (RFC 8010 §3.1.1: the document data follows the attribute groups).

import { Readable } from 'node:stream';
import { decode, decodeHeader, IppDecodeError, type IppHeader, type IppMessage } from './codec/index.js';
import { IppError } from './ipp-error.js';

export interface IppRequestBody {
  message: IppMessage;
  /** The bytes after end-of-attributes-tag (may be empty). */
  document: Readable;
  /** Reads and drops whatever of the body nobody read, so the connection can be reused. */
  drain(): Promise<void>;
}

/** Not even the 8-byte header arrived, or the body ended before end-of-attributes-tag without a header. */
export class NoIppHeaderError extends Error {
  override readonly name = 'NoIppHeaderError';
}

/**
 * A decode failure once the header is known: answered as an IPP response
 * (client-error-bad-request or request-entity-too-large) echoing its request-id.
 */
export class IppRequestError extends Error {
  override readonly name = 'IppRequestError';
  constructor(
    readonly header: IppHeader,
    readonly error: IppError,
  ) {
    super(error.message);
  }
}

export async function readIppRequest(body: Readable, maxAttributeBytes: number): Promise<IppRequestBody> {
  const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let buf: Buffer = Buffer.alloc(0);
  // Decode again only once the prefix has doubled, so a body trickling in one
  // byte at a time costs linear, not quadratic, work.
  let nextAttempt = 8;
  for (;;) {
    const { value, done } = await it.next();
    if (done !== true) buf = buf.length === 0 ? Buffer.from(value) : Buffer.concat([buf, value]);
    if (buf.length < nextAttempt && done !== true) continue;
    const attempt = tryDecode(buf);
    if (attempt !== null && attempt.dataOffset > maxAttributeBytes) tooLarge(buf, maxAttributeBytes);
    if (attempt !== null) {
      const ended = done === true;
      return {
        message: attempt.message,
        document: rest(buf.subarray(attempt.dataOffset), it, ended),
        drain: async () => {
          if (ended) return;
          for (;;) if ((await it.next()).done === true) return;
        },
      };
    }
    if (done === true) fail(buf, 'the body ends before end-of-attributes-tag');
    if (buf.length > maxAttributeBytes) tooLarge(buf, maxAttributeBytes);
    nextAttempt = Math.max(buf.length * 2, buf.length + 4096);
  }
}

/** RFC 8011 §4.1.6: client-error-request-entity-too-large for an attribute section over the limit. */
function tooLarge(buf: Buffer, max: number): never {
  throw new IppRequestError(
    decodeHeader(buf),
    new IppError('client-error-request-entity-too-large', `The attribute groups are longer than the ${max} bytes printsim accepts.`),
  );
}

/** A decoded message, or null when more bytes are needed; other problems throw. */
function tryDecode(buf: Buffer): { message: IppMessage; dataOffset: number } | null {
  if (buf.length < 8) return null;
  try {
    return decode(buf);
  } catch (e) {
    if (e instanceof IppDecodeError && e.kind === 'truncated') return null;
    throw asRequestError(buf, e);
  }
}

function fail(buf: Buffer, why: string): never {
  if (buf.length < 8) throw new NoIppHeaderError(`The body (${buf.length} bytes) is not an IPP request: ${why}.`);
  try {
    decode(buf);
  } catch (e) {
    throw asRequestError(buf, e);
  }
  throw new NoIppHeaderError(why);
}

function asRequestError(buf: Buffer, e: unknown): unknown {
  if (!(e instanceof IppDecodeError) || e.header === undefined) return e;
  return new IppRequestError(decodeHeader(buf), new IppError('client-error-bad-request', `The request is not valid application/ipp: ${e.message}.`));
}

function rest(head: Buffer, it: AsyncIterator<Buffer>, ended: boolean): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (;;) {
      const { value, done } = await it.next();
      if (done === true) return;
      yield value;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
