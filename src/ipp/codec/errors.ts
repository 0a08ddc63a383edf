// Typed errors of the codec. The IPP door turns IppDecodeError into HTTP 400
// (kind 'noHeader') or client-error-bad-request echoing `header.requestId`.

import type { IppHeader } from './message.js';

export type IppDecodeErrorKind =
  /** Fewer than the 8 header bytes (RFC 8010 §3.1.1). */
  | 'noHeader'
  /** The input ends inside a field or before end-of-attributes-tag. */
  | 'truncated'
  /** A tag that is never valid: 0x00, or an extension tag with the high bit set. */
  | 'badTag'
  /** A length that is negative as SIGNED-SHORT or wrong for the value syntax. */
  | 'badLength'
  /** A valid tag or name-length in a place the encoding does not allow. */
  | 'badStructure'
  /** Value bytes that do not form a value of their syntax. */
  | 'badValue'
  /** Collections nested deeper than maxCollectionDepth. */
  | 'tooDeep';

export class IppDecodeError extends Error {
  override readonly name = 'IppDecodeError';

  constructor(
    readonly kind: IppDecodeErrorKind,
    message: string,
    /** Byte offset of the field that failed. */
    readonly offset: number,
    /** The parsed header; absent only for kind 'noHeader'. */
    readonly header?: IppHeader,
  ) {
    super(`IPP decode failed at byte ${offset}: ${message}`);
  }
}

export type IppEncodeErrorKind =
  /** A value of the wrong type for its tag, or out of range. */
  | 'badValue'
  /** A name or value longer than the 32767 bytes a SIGNED-SHORT length allows. */
  | 'tooLong'
  /** A tag that cannot be written where it was given. */
  | 'badTag'
  /** Collections nested deeper than the encoder allows (or a cycle). */
  | 'tooDeep';

export class IppEncodeError extends Error {
  override readonly name = 'IppEncodeError';

  constructor(
    readonly kind: IppEncodeErrorKind,
    message: string,
    /** Where: attribute names from the group down, e.g. `media-col.media-size`. */
    readonly path: string,
  ) {
    super(`IPP encode failed${path ? ` at ${path}` : ''}: ${message}`);
  }
}
