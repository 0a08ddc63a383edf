// Builders for attributes, so handlers write `attr.keyword('sides', 'one-sided')`
// instead of tag numbers. Each builder takes one or more values (1setOf when more).

import { dateTimeFromDate } from './date-time.js';
import { enumValue } from './enums.js';
import type {
  IppAttribute,
  IppCollection,
  IppDateTime,
  IppRange,
  IppResolution,
  IppValue,
} from './message.js';
import { OUT_OF_BAND, ValueTag, type OutOfBandKeyword } from './tags.js';

function make(name: string, tag: number, values: IppValue[]): IppAttribute {
  return { name, tag, values };
}

function strings(tag: number) {
  return (name: string, first: string, ...rest: string[]): IppAttribute => make(name, tag, [first, ...rest]);
}

function withLanguage(tag: number) {
  return (name: string, lang: string, first: string, ...rest: string[]): IppAttribute =>
    make(name, tag, [first, ...rest].map((value) => ({ lang, value })));
}

export const attr = {
  integer: (name: string, first: number, ...rest: number[]): IppAttribute =>
    make(name, ValueTag.integer, [first, ...rest]),
  boolean: (name: string, first: boolean, ...rest: boolean[]): IppAttribute =>
    make(name, ValueTag.boolean, [first, ...rest]),
  /** Numbers, or keywords looked up in the enum table for `name` (see enums.ts). */
  enum: (name: string, first: number | string, ...rest: Array<number | string>): IppAttribute =>
    make(
      name,
      ValueTag.enum,
      [first, ...rest].map((v) => {
        if (typeof v === 'number') return v;
        const n = enumValue(name, v);
        if (n === undefined) throw new RangeError(`attr.enum: "${v}" is not a known value of ${name}`);
        return n;
      }),
    ),
  keyword: strings(ValueTag.keyword),
  text: strings(ValueTag.textWithoutLanguage),
  name: strings(ValueTag.nameWithoutLanguage),
  uri: strings(ValueTag.uri),
  uriScheme: strings(ValueTag.uriScheme),
  charset: strings(ValueTag.charset),
  naturalLanguage: strings(ValueTag.naturalLanguage),
  mimeMediaType: strings(ValueTag.mimeMediaType),
  textWithLanguage: withLanguage(ValueTag.textWithLanguage),
  nameWithLanguage: withLanguage(ValueTag.nameWithLanguage),
  octetString: (name: string, first: Uint8Array, ...rest: Uint8Array[]): IppAttribute =>
    make(name, ValueTag.octetString, [first, ...rest]),
  /** Dates are written in UTC. */
  dateTime: (name: string, first: Date | IppDateTime, ...rest: Array<Date | IppDateTime>): IppAttribute =>
    make(
      name,
      ValueTag.dateTime,
      [first, ...rest].map((d) => (d instanceof Date ? dateTimeFromDate(d) : d)),
    ),
  resolution: (name: string, first: IppResolution, ...rest: IppResolution[]): IppAttribute =>
    make(name, ValueTag.resolution, [first, ...rest]),
  /** `{lower, upper}` or `[lower, upper]`. */
  range: (
    name: string,
    first: IppRange | readonly [number, number],
    ...rest: Array<IppRange | readonly [number, number]>
  ): IppAttribute =>
    make(
      name,
      ValueTag.rangeOfInteger,
      [first, ...rest].map((r) => (isPair(r) ? { lower: r[0], upper: r[1] } : r)),
    ),
  /** One collection value per member list. */
  collection: (name: string, first: IppCollection, ...rest: IppCollection[]): IppAttribute =>
    make(name, ValueTag.begCollection, [first, ...rest]),
  /** An out-of-band value such as 'no-value' or 'unsupported' (RFC 8010 §3.5.2). */
  oob: (name: string, keyword: OutOfBandKeyword): IppAttribute =>
    make(name, OUT_OF_BAND[keyword], [{ outOfBand: keyword }]),
  /** Escape hatch: any tag with values already in the model's shape. */
  of: (name: string, tag: number, first: IppValue, ...rest: IppValue[]): IppAttribute =>
    make(name, tag, [first, ...rest]),
};

function isPair(r: IppRange | readonly [number, number]): r is readonly [number, number] {
  return Array.isArray(r);
}
