// The in-memory model of one application/ipp message (RFC 8010 §3.1): the same
// shape for requests and responses, groups and values kept in wire order so a
// decoded message encodes back to the same bytes.

import type { OutOfBandKeyword } from './tags.js';

export interface IppVersion {
  major: number;
  minor: number;
}

/** The fixed 8-byte start of every message (RFC 8010 §3.1.1, §3.4). */
export interface IppHeader {
  version: IppVersion;
  /** operation-id in a request, status-code in a response (RFC 8010 §3.4.2, §3.4.3). */
  code: number;
  requestId: number;
}

export interface IppMessage extends IppHeader {
  /** Groups in wire order; a tag may repeat (one job group per job in Get-Jobs). */
  groups: IppGroup[];
}

export interface IppGroup {
  /** A delimiter tag (RFC 8010 §3.5.1), e.g. DelimiterTag.operationAttributes. */
  tag: number;
  attributes: IppAttribute[];
}

export interface IppAttribute {
  name: string;
  /** Value tag of the first value (RFC 8010 §3.5.2). */
  tag: number;
  /** At least one value; more make a 1setOf (RFC 8010 §3.1.5). */
  values: IppValue[];
  /**
   * Per-value tags, present only when the values do not all share `tag`:
   * a 1setOf of `keyword | name` (RFC 8011 §5.1.4) may mix both.
   */
  valueTags?: number[];
}

/** textWithLanguage / nameWithLanguage (RFC 8010 §3.9). */
export interface IppStringWithLanguage {
  lang: string;
  value: string;
}

/** RFC 2579 DateAndTime, the 11-octet dateTime of RFC 8010 §3.9. */
export interface IppDateTime {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minutes: number;
  seconds: number;
  /** Tenths of a second, 0-9. */
  deciSeconds: number;
  utcDirection: '+' | '-';
  utcHours: number;
  utcMinutes: number;
}

/** RFC 8010 §3.9 resolution; units 3 = dots per inch, 4 = dots per centimetre. */
export interface IppResolution {
  x: number;
  y: number;
  units: 3 | 4;
}

export interface IppRange {
  lower: number;
  upper: number;
}

/** An out-of-band value (RFC 8010 §3.5.2, RFC 3380 §8.1): the tag is the value. */
export interface IppOutOfBand {
  outOfBand: OutOfBandKeyword;
}

/**
 * A value kept as bytes: an unregistered or extension tag, or an out-of-band
 * tag that carried data anyway. For the extension tag 0x7F, `tag` is the
 * 4-byte tag that followed it.
 */
export interface IppRawValue {
  tag: number;
  raw: Uint8Array;
}

/** A collection value: its member attributes in wire order (RFC 8010 §3.1.6). */
export type IppCollection = IppAttribute[];

export type IppValue =
  | number
  | boolean
  | string
  | IppStringWithLanguage
  | Uint8Array
  | IppDateTime
  | IppResolution
  | IppRange
  | IppCollection
  | IppOutOfBand
  | IppRawValue;
