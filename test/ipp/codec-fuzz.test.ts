// Seeded fuzz of the decoder: mutations of the captured vectors must either
// decode (and then re-encode to the same bytes) or throw IppDecodeError, fast.
// The npm `ipp` parser hung or died on 0.35 % of such inputs (npm-deps.md §2).

import { describe, expect, it } from 'vitest';
import { IppDecodeError, decode, encode, type IppDecodeErrorKind } from '../../src/ipp/codec/index.js';
import { loadVector, vectorNames } from './codec-fixtures.js';
import { prng } from '../support/prng.js';

const SEED = 0x1bb5eed;
const MUTATIONS = 6000;
const KINDS: ReadonlySet<IppDecodeErrorKind> = new Set([
  'noHeader',
  'truncated',
  'badTag',
  'badLength',
  'badStructure',
  'badValue',
  'tooDeep',
]);
// Tags that steer the decoder into its less common paths.
const TAGS = [0x00, 0x01, 0x02, 0x03, 0x0f, 0x10, 0x12, 0x13, 0x17, 0x21, 0x22, 0x31, 0x32, 0x33, 0x34, 0x35, 0x37, 0x41, 0x4a, 0x7f, 0xff];
const LENGTHS = [0x0000, 0x0001, 0x0004, 0x000b, 0x7fff, 0x8000, 0x9c40, 0xffff];


type Mutation = (bytes: Uint8Array, rnd: () => number) => Uint8Array;

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
const at = (rnd: () => number, bytes: Uint8Array): number => Math.floor(rnd() * bytes.length);

const MUTATORS: ReadonlyArray<[string, Mutation]> = [
  [
    'bit flips',
    (b, rnd) => {
      const out = new Uint8Array(b);
      for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) out[at(rnd, out)] ^= 1 << Math.floor(rnd() * 8);
      return out;
    },
  ],
  ['truncation', (b, rnd) => b.slice(0, at(rnd, b))],
  [
    'length corruption',
    (b, rnd) => {
      const out = new Uint8Array(b);
      const i = Math.max(0, at(rnd, out) - 1);
      const n = rnd() < 0.5 ? pick(rnd, LENGTHS) : Math.floor(rnd() * 0x10000);
      out[i] = n >> 8;
      if (i + 1 < out.length) out[i + 1] = n & 0xff;
      return out;
    },
  ],
  [
    'tag swap',
    (b, rnd) => {
      const out = new Uint8Array(b);
      out[at(rnd, out)] = pick(rnd, TAGS);
      return out;
    },
  ],
  [
    'insert or delete bytes',
    (b, rnd) => {
      const i = at(rnd, b);
      const n = 1 + Math.floor(rnd() * 4);
      if (rnd() < 0.5) return new Uint8Array([...b.subarray(0, i), ...b.subarray(i + n)]);
      const extra = Array.from({ length: n }, () => Math.floor(rnd() * 256));
      return new Uint8Array([...b.subarray(0, i), ...extra, ...b.subarray(i)]);
    },
  ],
];

describe('decoder fuzz', () => {
  it(`${MUTATIONS} seeded mutations: a result that re-encodes, or an IppDecodeError, each in bounded time`, () => {
    const rnd = prng(SEED);
    // Mutate the attribute part plus a few data bytes: the data is never parsed.
    const vectors = vectorNames().map((name) => {
      const bytes = loadVector(name);
      return { name, bytes: bytes.slice(0, Math.min(bytes.length, decode(bytes).dataOffset + 16)) };
    });
    const outcomes = new Map<string, number>();
    const problems: string[] = [];
    let slowest = 0;
    const started = performance.now();
    for (let i = 0; i < MUTATIONS; i++) {
      const { name, bytes } = vectors[i % vectors.length];
      const [how, mutate] = pick(rnd, MUTATORS);
      const input = mutate(bytes, rnd);
      const t0 = performance.now();
      let outcome: string;
      try {
        const { message, dataOffset } = decode(input);
        outcome = 'decoded';
        if (dataOffset < 9 || dataOffset > input.length) problems.push(`${name}/${how} #${i}: dataOffset ${dataOffset}`);
        // The decoder is lossless, so whatever it accepts must encode back to the same bytes.
        const again = encode(message);
        if (!Buffer.from(again).equals(Buffer.from(input.subarray(0, dataOffset)))) {
          problems.push(`${name}/${how} #${i}: re-encoding differs`);
        }
      } catch (e) {
        if (!(e instanceof IppDecodeError) || !KINDS.has(e.kind)) {
          problems.push(`${name}/${how} #${i}: threw ${String(e)}`);
          outcome = 'other';
        } else {
          outcome = e.kind;
          if (e.offset < 0 || e.offset > input.length) problems.push(`${name}/${how} #${i}: offset ${e.offset}`);
        }
      }
      slowest = Math.max(slowest, performance.now() - t0);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    const elapsed = performance.now() - started;

    expect(problems).toEqual([]);
    // Every mutation family must reach both outcomes, or the fuzz is not testing much.
    expect(outcomes.get('decoded')).toBeGreaterThan(100);
    for (const kind of ['truncated', 'badTag', 'badLength', 'badStructure', 'badValue']) {
      expect(outcomes.get(kind), kind).toBeGreaterThan(0);
    }
    // Generous bounds: a GC pause costs tens of ms on a busy CI box, a hang costs seconds.
    expect(slowest).toBeLessThan(250);
    expect(elapsed).toBeLessThan(5000);
  });
});
