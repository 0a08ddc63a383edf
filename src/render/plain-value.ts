// PDF objects (ISO 32000-1 §7.3) as plain JS values, for the page-tree scan:
// a number is a number, a name its decoded text, an array an array and a
// dictionary a Map. The scan never reads a string's text nor the values it
// was told to skip, so those are markers; both were still checked as syntax.

/** An indirect reference "n g R" (§7.3.10), with the numbers as written (pdf-lib keeps "1.5 0 R" too). */
export class PlainRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** A literal or hexadecimal string (§7.3.4). */
export const STRING: unique symbol = Symbol('string');
/** A stream (§7.3.8): the page tree never needs one. */
export const STREAM: unique symbol = Symbol('stream');
/** A dictionary value read past without building it. */
export const SKIPPED: unique symbol = Symbol('skipped');

export type PlainValue = number | string | boolean | null | PlainRef | PlainValue[] | PlainDict | typeof STRING | typeof STREAM | typeof SKIPPED;
export type PlainDict = Map<string, PlainValue>;
