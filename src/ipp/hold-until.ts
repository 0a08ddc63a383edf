// job-hold-until (RFC 8011 §5.2.2) names periods and leaves their hours to the
// printer. printsim uses the hours CUPS, ippserver and PAPPL use, so a job
// behaves as it would there, in the emulator's local time (the TZ environment
// variable):
//   day-time        prints now before 18:00, else at 06:00 the next morning
//   evening, night  prints now from 18:00 to 06:00, else at 18:00
//   second-shift    prints now from 16:00 to midnight, else at 16:00
//   third-shift     prints now before 08:00, else at midnight
//   weekend         prints now on Saturday and Sunday, else at 18:00 on Friday
// "If the specified time period has already started, the Job MUST be a
// candidate for processing immediately" (RFC 8011 §5.2.2).

/** job-hold-until-supported, in the order ippserver lists them. */
export const HOLD_UNTIL_SUPPORTED = ['no-hold', 'indefinite', 'day-time', 'evening', 'night', 'second-shift', 'third-shift', 'weekend'] as const;

export type HoldUntil = (typeof HOLD_UNTIL_SUPPORTED)[number];

/** When a job held with `keyword` at `now` (epoch ms) is released: a time, 'now', or 'indefinite' (Release-Job only). */
export function holdRelease(keyword: HoldUntil, now: number): number | 'now' | 'indefinite' {
  if (keyword === 'no-hold') return 'now';
  if (keyword === 'indefinite') return 'indefinite';
  const t = new Date(now);
  const hour = t.getHours();
  /** `days` from today at `h`:00 local time (Date rolls the day and month over). */
  const at = (days: number, h: number): number => new Date(t.getFullYear(), t.getMonth(), t.getDate() + days, h, 0, 0, 0).getTime();
  switch (keyword) {
    case 'day-time':
      return hour < 18 ? 'now' : at(1, 6);
    case 'evening':
    case 'night':
      return hour < 6 || hour >= 18 ? 'now' : at(0, 18);
    case 'second-shift':
      return hour >= 16 ? 'now' : at(0, 16);
    case 'third-shift':
      return hour < 8 ? 'now' : at(1, 0);
    case 'weekend': {
      const day = t.getDay();
      if (day === 0 || day === 6 || (day === 5 && hour >= 18)) return 'now';
      return at(5 - day, 18);
    }
  }
}

/**
 * When the hold a job was given ends: its job-hold-until-time if it has one
 * (PWG 5100.7; it is the more exact of the two), else its job-hold-until
 * keyword, else 'now'. A time already past is 'now'.
 */
export function jobHoldRelease(hold: { holdUntil?: string; holdUntilTime?: number }, now: number): number | 'now' | 'indefinite' {
  if (hold.holdUntilTime !== undefined) return hold.holdUntilTime > now ? hold.holdUntilTime : 'now';
  if (hold.holdUntil === undefined) return 'now';
  return holdRelease(hold.holdUntil as HoldUntil, now);
}
