// Decodes a stream's data as pdf-lib's decodePDFRawStream does for the two
// kinds it opens while loading, object streams (ISO 32000-1 §7.5.7) and
// cross-reference streams (§7.5.8): no filter, or FlateDecode (§7.4.4), whose
// /DecodeParms pdf-lib ignores (predictors included), so they are ignored here
// too. Other filters, and filters given indirectly, give up. zlib checks the
// Adler-32 that pdf-lib's own inflater does not: damaged data gives up here
// rather than decode to something else.
import { inflateSync } from 'node:zlib';
import { type PlainDict, type PlainValue } from './plain-value.js';
import { SyntaxFault } from './value-parser.js';

export function decodeStream(dict: PlainDict, data: Uint8Array, maxLength: number): Uint8Array {
  const filter = dict.get('Filter');
  const parms = dict.get('DecodeParms');
  let filters: readonly PlainValue[];
  if (filter === undefined) {
    filters = [];
  } else if (Array.isArray(filter)) {
    // pdf-lib reads each filter's parameters from a /DecodeParms array, and throws on anything else there.
    if (parms !== undefined && parms !== null && !(Array.isArray(parms) && parms.every((p) => p === null || p instanceof Map))) {
      throw new SyntaxFault('odd /DecodeParms for a filter array');
    }
    filters = filter;
  } else {
    filters = [filter];
  }
  if (filters.length > 1 || filters.some((f) => f !== 'FlateDecode')) throw new SyntaxFault('a filter other than one FlateDecode');
  if (filters.length === 0) {
    if (data.length > maxLength) throw new SyntaxFault('stream data too long');
    return data;
  }
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, maxLength) });
  } catch (cause) {
    throw new SyntaxFault('damaged or oversized Flate data', { cause });
  }
}
