import { describe, expect, it } from 'vitest';
import { holdRelease, jobHoldRelease } from './hold-until.js';

// Local times, as the periods are: these hold in any TZ (January has no DST change).
const at = (day: number, h: number, m = 0): number => new Date(2026, 0, day, h, m).getTime();
// 2026-01-05 is a Monday; the 9th a Friday, the 10th a Saturday.

describe('holdRelease (RFC 8011 §5.2.2 periods, CUPS hours)', () => {
  it('prints now inside the period and holds until it begins outside it', () => {
    expect(holdRelease('day-time', at(5, 9))).toBe('now');
    expect(holdRelease('day-time', at(5, 19))).toBe(at(6, 6));
    expect(holdRelease('evening', at(5, 10, 30))).toBe(at(5, 18));
    expect(holdRelease('night', at(5, 5))).toBe('now');
    expect(holdRelease('night', at(5, 18))).toBe('now');
    expect(holdRelease('second-shift', at(5, 15, 59))).toBe(at(5, 16));
    expect(holdRelease('second-shift', at(5, 23))).toBe('now');
    expect(holdRelease('third-shift', at(5, 7, 59))).toBe('now');
    expect(holdRelease('third-shift', at(5, 8))).toBe(at(6, 0));
  });

  it('holds a weekday job for the weekend, from Friday 18:00', () => {
    expect(holdRelease('weekend', at(5, 10))).toBe(at(9, 18));
    expect(holdRelease('weekend', at(9, 17))).toBe(at(9, 18));
    expect(holdRelease('weekend', at(9, 18))).toBe('now');
    expect(holdRelease('weekend', at(10, 3))).toBe('now');
    expect(holdRelease('weekend', at(11, 23))).toBe('now');
  });

  it('rolls over the end of a month', () => {
    expect(holdRelease('day-time', new Date(2026, 0, 31, 20).getTime())).toBe(new Date(2026, 1, 1, 6).getTime());
  });

  it('knows no-hold and indefinite', () => {
    expect(holdRelease('no-hold', at(5, 10))).toBe('now');
    expect(holdRelease('indefinite', at(5, 10))).toBe('indefinite');
  });

  it('prefers job-hold-until-time, and treats a past time as now', () => {
    expect(jobHoldRelease({ holdUntil: 'indefinite', holdUntilTime: at(5, 12) }, at(5, 10))).toBe(at(5, 12));
    expect(jobHoldRelease({ holdUntilTime: at(5, 9) }, at(5, 10))).toBe('now');
    expect(jobHoldRelease({ holdUntil: 'evening' }, at(5, 10))).toBe(at(5, 18));
    expect(jobHoldRelease({}, at(5, 10))).toBe('now');
  });
});
