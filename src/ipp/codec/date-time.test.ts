import { describe, expect, it } from 'vitest';
import { dateTimeFromDate, dateTimeProblem, dateTimeToDate } from './date-time.js';

describe('dateTime (RFC 2579 DateAndTime)', () => {
  it('a Date to UTC fields: month 1-12, tenths of a second', () => {
    expect(dateTimeFromDate(new Date('1999-12-31T23:59:58.999Z'))).toStrictEqual({
      year: 1999,
      month: 12,
      day: 31,
      hour: 23,
      minutes: 59,
      seconds: 58,
      deciSeconds: 9,
      utcDirection: '+',
      utcHours: 0,
      utcMinutes: 0,
    });
  });

  it('fields with an offset to the instant', () => {
    const local = { year: 2024, month: 11, day: 5, hour: 8, minutes: 30, seconds: 15, deciSeconds: 5, utcHours: 5, utcMinutes: 0 };
    expect(dateTimeToDate({ ...local, utcDirection: '-' }).toISOString()).toBe('2024-11-05T13:30:15.500Z');
    expect(dateTimeToDate({ ...local, utcDirection: '+' }).toISOString()).toBe('2024-11-05T03:30:15.500Z');
    const now = new Date('2025-02-03T04:05:06.700Z');
    expect(dateTimeToDate(dateTimeFromDate(now))).toEqual(now);
  });

  it('names the field out of range', () => {
    const ok = dateTimeFromDate(new Date(0));
    expect(dateTimeProblem(ok)).toBeUndefined();
    expect(dateTimeProblem({ ...ok, seconds: 60 })).toBeUndefined();
    expect(dateTimeProblem({ ...ok, month: 13 })).toMatch(/month/);
    expect(dateTimeProblem({ ...ok, deciSeconds: 10 })).toMatch(/deciSeconds/);
    expect(dateTimeProblem({ ...ok, utcHours: 15 })).toMatch(/utcHours/);
    expect(dateTimeProblem({ ...ok, day: 1.5 })).toMatch(/day/);
    expect(dateTimeProblem({ ...ok, utcDirection: 'Z' as '+' })).toMatch(/utcDirection/);
  });
});
