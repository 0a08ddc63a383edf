// Document data of Print-Job / Send-Document: decompressed while it streams
// (RFC 8011 §4.2.1.1 compression: none, deflate, gzip) and its first bytes
// looked at for application/octet-stream, before any job is created.

import { Readable } from 'node:stream';
import { createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { sniffContentType } from '../model/document-formats.js';

/** Bytes read before deciding what an application/octet-stream document is (a PDF header may start within 1 KiB). */
const SNIFF_BYTES = 1024;

export const COMPRESSIONS = ['none', 'deflate', 'gzip'] as const;

export interface OpenedDocument {
  /** The decompressed document, starting with the bytes already looked at. */
  stream: Readable;
  /** What the first bytes are (null: unknown, or no data at all). */
  detected: string | null;
  /** True when the body carried no document bytes. */
  empty: boolean;
}

/** `compression` is one of COMPRESSIONS (job-creation.ts checks it). */
export async function openDocument(data: Readable, compression: (typeof COMPRESSIONS)[number] | string): Promise<OpenedDocument> {
  const decoded = compression === 'none' ? data : await decompress(data, compression);
  const it = decoded[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < SNIFF_BYTES) {
    const { value, done } = await it.next();
    if (done === true) {
      ended = true;
      break;
    }
    head.push(value);
    headLength += value.length;
  }
  const first = Buffer.concat(head);
  async function* chunks(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (ended) return;
    for (;;) {
      const { value, done } = await it.next();
      if (done === true) return;
      yield value;
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), detected: sniffContentType(first), empty: first.length === 0 };
}

async function decompress(data: Readable, compression: string): Promise<Readable> {
  const raw = data[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await raw.next();
  if (first.done === true) return Readable.from([]);
  const chunk = first.value;
  // 'deflate' is RFC 1951 raw deflate (what CUPS sends); a zlib (RFC 1950)
  // header is accepted too, since some clients send that.
  const zlibHeader = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
  const inflater = compression === 'gzip' ? createGunzip() : zlibHeader ? createInflate() : createInflateRaw();
  async function* source(): AsyncGenerator<Buffer> {
    yield chunk;
    for (;;) {
      const { value, done } = await raw.next();
      if (done === true) return;
      yield value;
    }
  }
  const input = Readable.from(source(), { objectMode: false });
  // pipe() does not forward errors of the source.
  input.on('error', (e) => inflater.destroy(e));
  return input.pipe(inflater);
}
