// Subscription objects and their event queues (RFC 3995), read with the ippget
// pull method (RFC 3996). The IPP door saves the subscriptions (not their
// queued events, which live for ippget-event-life only) so that they survive a
// restart, with their ids, leases and sequence numbers.

import { EventEmitter } from 'node:events';
import type { Clock } from '../core/clock.js';

/** Event keywords a subscription may ask for (RFC 3995 §5.3.3.4). */
export const NOTIFY_EVENTS = [
  'none',
  'job-state-changed',
  'job-created',
  'job-completed',
  'job-stopped',
  'job-config-changed',
  'printer-state-changed',
  'printer-stopped',
  'printer-restarted',
  'printer-shutdown',
  'printer-config-changed',
  'printer-queue-order-changed',
] as const;

/** RFC 3995 §5.3.3.4: job-state-changed covers these, printer-state-changed covers those. */
const COVERED_BY: Record<string, string> = {
  'job-created': 'job-state-changed',
  'job-completed': 'job-state-changed',
  'job-stopped': 'job-state-changed',
  'printer-stopped': 'printer-state-changed',
  'printer-restarted': 'printer-state-changed',
  'printer-shutdown': 'printer-state-changed',
};

/** Values copied into an event when it happens (RFC 3995 §9.1 event notification content). */
export interface EventSnapshot {
  printerUpTime: number;
  job?: { id: string; state: number; reasons: string[]; name: string; impressionsCompleted: number };
  printer: { state: number; reasons: string[]; isAcceptingJobs: boolean };
}

export interface NotificationEvent {
  sequence: number;
  at: number;
  /** The event keyword that occurred (notify-subscribed-event). */
  event: string;
  text: string;
  snapshot: EventSnapshot;
}

export interface Subscription {
  id: number;
  printerId: string;
  /** Set for a per-job subscription (Create-Job-Subscriptions or a job creation request). */
  jobId: string | null;
  events: string[];
  owner: string;
  userData: Uint8Array | null;
  /** Seconds; 0 = never expires. Always 0 for job subscriptions (they end with their job). */
  leaseSeconds: number;
  /** Clock ms when the lease runs out, or null for never. */
  expiresAt: number | null;
  timeInterval: number;
  charset: string;
  naturalLanguage: string;
  /** The sequence number of the last event (notify-sequence-number). */
  sequence: number;
  queue: NotificationEvent[];
  /** The job of a job subscription reached a final state: no further events. */
  ended: boolean;
}

/** A subscription as saved across a restart: no event queue, user data in base64. */
export type SavedSubscription = Omit<Subscription, 'queue' | 'userData'> & { userData: string | null };

export interface SavedSubscriptions {
  nextId: number;
  subscriptions: SavedSubscription[];
}

export interface SubscriptionLimits {
  /** ippget-event-life: seconds an event stays retrievable (RFC 3996 §5.3). */
  eventLifeSeconds: number;
  /** notify-max-events-supported: events kept per subscription. */
  maxEvents: number;
}

export class SubscriptionStore {
  private readonly subscriptions = new Map<number, Subscription>();
  private nextId = 1;
  /** 'event' fires with the ids of the subscriptions that queued an event, so Get-Notifications with notify-wait can return. */
  // Typed out: the inferred EventEmitter<[never]> breaks consumers that check .d.ts files (skipLibCheck false).
  readonly signal: EventEmitter = new EventEmitter();

  constructor(
    private readonly clock: Clock,
    readonly limits: SubscriptionLimits,
  ) {
    this.signal.setMaxListeners(0);
  }

  create(input: Omit<Subscription, 'id' | 'sequence' | 'queue' | 'ended' | 'expiresAt'>): Subscription {
    const s: Subscription = {
      ...input,
      id: this.nextId++,
      sequence: 0,
      queue: [],
      ended: false,
      expiresAt: input.leaseSeconds > 0 ? this.clock.now() + input.leaseSeconds * 1000 : null,
    };
    this.subscriptions.set(s.id, s);
    return s;
  }

  /** What to save: every live subscription, and the next id, so ids are never reused. */
  saved(): SavedSubscriptions {
    this.expire();
    return {
      nextId: this.nextId,
      subscriptions: [...this.subscriptions.values()].map(({ queue: _queue, userData, ...s }) => ({
        ...s,
        userData: userData === null ? null : Buffer.from(userData).toString('base64'),
      })),
    };
  }

  /** Subscriptions saved by an earlier run, with empty event queues; leases that ran out meanwhile are gone. */
  restore(saved: SavedSubscriptions): void {
    this.nextId = Math.max(this.nextId, saved.nextId);
    for (const s of saved.subscriptions) {
      this.subscriptions.set(s.id, { ...s, userData: s.userData === null ? null : new Uint8Array(Buffer.from(s.userData, 'base64')), queue: [] });
    }
    this.expire();
  }

  get(id: number): Subscription | undefined {
    this.expire();
    return this.subscriptions.get(id);
  }

  /** Subscriptions of a printer, oldest first. */
  list(printerId: string): Subscription[] {
    this.expire();
    return [...this.subscriptions.values()].filter((s) => s.printerId === printerId);
  }

  renew(s: Subscription, leaseSeconds: number): void {
    s.leaseSeconds = leaseSeconds;
    s.expiresAt = leaseSeconds > 0 ? this.clock.now() + leaseSeconds * 1000 : null;
  }

  cancel(id: number): void {
    this.subscriptions.delete(id);
  }

  /**
   * Queues an event on every subscription of the printer (and job) that asked
   * for it. `keywords` are the event and the events it implies, most specific first.
   * `snapshot` is taken once, and only when some subscription takes the event:
   * every job transition passes here, and most printers have no subscriber.
   */
  record(printerId: string, jobId: string | null, keywords: string[], text: string, snapshot: () => EventSnapshot): void {
    this.expire();
    const now = this.clock.now();
    let taken: EventSnapshot | undefined;
    const ids: number[] = [];
    for (const s of this.subscriptions.values()) {
      if (s.printerId !== printerId || s.ended) continue;
      if (s.jobId !== null && s.jobId !== jobId) continue;
      const event = keywords.find((k) => s.events.includes(k) || (COVERED_BY[k] !== undefined && s.events.includes(COVERED_BY[k])));
      if (event === undefined) continue;
      s.sequence += 1;
      s.queue.push({ sequence: s.sequence, at: now, event, text, snapshot: (taken ??= snapshot()) });
      if (s.queue.length > this.limits.maxEvents) s.queue.splice(0, s.queue.length - this.limits.maxEvents);
      ids.push(s.id);
    }
    if (ids.length > 0) this.signal.emit('event', ids);
  }

  /** A job reached a final state: its job subscriptions take no more events (RFC 3995). */
  endJob(jobId: string): void {
    for (const s of this.subscriptions.values()) if (s.jobId === jobId) s.ended = true;
  }

  /** Events of a subscription from `from` on (all retained ones when undefined). */
  events(s: Subscription, from: number | undefined): NotificationEvent[] {
    this.prune(s);
    return from === undefined ? [...s.queue] : s.queue.filter((e) => e.sequence >= from);
  }

  private prune(s: Subscription): void {
    const oldest = this.clock.now() - this.limits.eventLifeSeconds * 1000;
    const keep = s.queue.findIndex((e) => e.at >= oldest);
    if (keep !== 0) s.queue.splice(0, keep < 0 ? s.queue.length : keep);
  }

  private expire(): void {
    const now = this.clock.now();
    for (const s of this.subscriptions.values()) {
      if (s.expiresAt !== null && s.expiresAt <= now) this.subscriptions.delete(s.id);
      // An ended job subscription goes once its last event is past ippget-event-life.
      else if (s.ended) {
        this.prune(s);
        if (s.queue.length === 0) this.subscriptions.delete(s.id);
      }
    }
  }
}
