import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatedClock, SystemClock } from './clock.js';

describe('SystemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits out a delay longer than one Node timer allows (a hold until next month), and can still be cleared', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const clock = new SystemClock();
    const fired: string[] = [];
    const fortyDays = 40 * 24 * 3600 * 1000;
    clock.setTimeout(() => fired.push('far'), fortyDays);
    const cleared = clock.setTimeout(() => fired.push('cleared'), fortyDays);
    clock.setTimeout(() => fired.push('near'), 1000);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(['near']);
    vi.advanceTimersByTime(30 * 24 * 3600 * 1000);
    expect(fired).toEqual(['near']);
    clock.clearTimeout(cleared);
    vi.advanceTimersByTime(fortyDays - 30 * 24 * 3600 * 1000 - 1000 - 1);
    expect(fired).toEqual(['near']);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['near', 'far']);
  });
});

describe('SimulatedClock', () => {
  it('fires due timers in time order when advanced, and never by itself', () => {
    const clock = new SimulatedClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(2), 2000);
    clock.setTimeout(() => fired.push(1), 1000);
    expect(fired).toEqual([]);
    clock.advance(1500);
    expect(fired).toEqual([1]);
    clock.advance(500);
    expect(fired).toEqual([1, 2]);
    expect(clock.now()).toBe(2000);
  });
});
