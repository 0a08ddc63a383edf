// dateTime values (RFC 8010 §3.9: the 11-octet RFC 2579 DateAndTime) and their
// conversion to and from JS Dates. Month is 1-12 and the last field is tenths of
// a second; the `ipp` npm package gets both wrong, so this is spelled out here.

import type { IppDateTime } from './message.js';

/** The UTC DateAndTime of a Date (deci-seconds truncated from milliseconds). */
export function dateTimeFromDate(date: Date): IppDateTime {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minutes: date.getUTCMinutes(),
    seconds: date.getUTCSeconds(),
    deciSeconds: Math.floor(date.getUTCMilliseconds() / 100),
    utcDirection: '+',
    utcHours: 0,
    utcMinutes: 0,
  };
}

/** The instant a DateAndTime names, honouring its offset from UTC. */
export function dateTimeToDate(v: IppDateTime): Date {
  const local = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minutes, v.seconds, v.deciSeconds * 100);
  const offsetMs = (v.utcHours * 60 + v.utcMinutes) * 60_000;
  // Local time = UTC + offset for '+', so UTC = local - offset.
  return new Date(v.utcDirection === '+' ? local - offsetMs : local + offsetMs);
}

const FIELDS: ReadonlyArray<[keyof IppDateTime, number, number]> = [
  ['year', 0, 0xffff],
  ['month', 1, 12],
  ['day', 1, 31],
  ['hour', 0, 23],
  ['minutes', 0, 59],
  // 60 allows a leap second (RFC 2579).
  ['seconds', 0, 60],
  ['deciSeconds', 0, 9],
  // RFC 2579 says 0..13; UTC+14 exists (Line Islands), so accept it.
  ['utcHours', 0, 14],
  ['utcMinutes', 0, 59],
];

/** Why a DateAndTime is out of range, or undefined when it is valid. */
export function dateTimeProblem(v: IppDateTime): string | undefined {
  for (const [field, min, max] of FIELDS) {
    const n = v[field];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      return `dateTime ${field} must be an integer ${min}-${max}, got ${String(n)}`;
    }
  }
  if (v.utcDirection !== '+' && v.utcDirection !== '-') {
    return `dateTime utcDirection must be '+' or '-', got ${String(v.utcDirection)}`;
  }
  return undefined;
}
