import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Makes GUIDs for documents, shares, tasks and sessions. With a seed the
 * sequence is the same on every run (tests compare ids); without one it is random.
 */
export class IdGenerator {
  private state: number | null;

  constructor(seed?: number) {
    this.state = seed === undefined ? null : seed >>> 0 || 1;
  }

  guid(): string {
    if (this.state === null) return randomUUID();
    const b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = this.next() & 0xff;
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Buffer.from(b).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** An unguessable token (never seeded: it guards pre-authenticated URLs). */
  secret(): string {
    return randomBytes(24).toString('base64url');
  }

  // xorshift32
  private next(): number {
    let x = this.state!;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}
