// Every fixed timing in printsim goes through a Clock, so tests step time instead
// of sleeping, and a restarted emulator resumes work with the time it had left.

export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers take at most 2^31 - 1 ms (about 24.8 days) and fire at once beyond it. */
const MAX_TIMER_MS = 0x7fffffff;

export class SystemClock implements Clock {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.arm(id, fn, Date.now() + Math.max(0, ms));
    return { id };
  }

  /** A time further off than one Node timer can wait is reached in several waits. */
  private arm(id: number, fn: () => void, at: number): void {
    const wait = Math.max(0, at - Date.now());
    const t = setTimeout(() => {
      if (wait > MAX_TIMER_MS) return this.arm(id, fn, at);
      this.timers.delete(id);
      fn();
    }, Math.min(wait, MAX_TIMER_MS));
    this.timers.set(id, t);
  }

  clearTimeout(handle: TimerHandle): void {
    const t = this.timers.get(handle.id);
    if (t !== undefined) {
      clearTimeout(t);
      this.timers.delete(handle.id);
    }
  }
}

interface PendingTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires due timers in time
 * order (ties in scheduling order), including timers scheduled by those timers.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private readonly pending = new Map<number, PendingTimer>();
  private nextId = 1;
  private seq = 0;

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.pending.set(id, { id, at: this.current + Math.max(0, ms), seq: this.seq++, fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle.id);
  }

  /** Number of timers waiting to fire. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms): ms must be a finite number >= 0, got ${ms}`);
    const target = this.current + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (next === undefined) break;
      this.pending.delete(next.id);
      this.current = next.at;
      next.fn();
    }
    this.current = target;
  }

  /** Fires everything scheduled now or earlier without moving time. */
  flush(): void {
    this.advance(0);
  }

  private nextDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.pending.values()) {
      if (t.at > limit) continue;
      if (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
