// A seeded mini-fuzz over the JSON bodies of every Graph and control route:
// valid bodies with one value swapped for a random one, unknown properties,
// random whole bodies, broken JSON, nesting around the limit and odd content
// types. Whatever arrives, the answer is never a 5xx, every error carries the
// Graph error body, and the printers can still be read and written afterwards.
// Bounded by count, not time (the generous timeout only guards a hang on a busy
// machine); a failure names the seed and request to replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { startEmulator } from '../support/harness.js';
import { prng } from '../support/prng.js';
import { expectGraphErrorBody, observableState, PRINTER, send, setUpBodyRoutes, type BodyRoutes } from '../support/body-routes.js';

const SEED = 0x5eed_0012;
const REQUESTS = 2_000;

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const STRINGS = [
  '', ' ', 'x', 'color', 'idle', 'stopped', 'completed', 'jobStarted', 'A4', 'none', '__proto__', 'constructor', 'null', '1',
  '\u0000', '\ud800', 'é'.repeat(200), 'x'.repeat(2_000), '%E0%A4%A', 'https://graph.microsoft.com/v1.0/print/printers/x', '{"a":1}',
];
const NUMBERS = [0, -0, 1, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 600, 503];
const KEYS = ['a', 'state', 'details', 'description', 'displayName', 'location', 'configuration', '__proto__', 'constructor', '@odata.type', 'x@odata.bind', ''];

/** A random JSON value, at most `depth` levels deep. */
function value(rand: Rand, depth: number): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.55) {
    const k = rand();
    if (k < 0.15) return null;
    if (k < 0.25) return rand() < 0.5;
    if (k < 0.55) return pick(rand, NUMBERS);
    return pick(rand, STRINGS);
  }
  if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => value(rand, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 4); i > 0; i--) o[pick(rand, KEYS)] = value(rand, depth - 1);
  return o;
}

/** The paths (as key lists) of every value inside `o`, so a mutation can land anywhere. */
function paths(o: unknown, prefix: string[] = []): string[][] {
  if (typeof o !== 'object' || o === null) return [prefix];
  const out: string[][] = prefix.length > 0 ? [prefix] : [];
  for (const [k, v] of Object.entries(o)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function replaced(o: Record<string, unknown>, at: string[], v: unknown): Record<string, unknown> {
  const copy = structuredClone(o);
  let cur: Record<string, unknown> = copy;
  for (const k of at.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  if (at.length > 0) cur[at[at.length - 1]!] = v;
  return copy;
}

function nested(n: number): string {
  return `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
}

/** One fuzzed body for a route's valid body: [text or object, content type]. */
function mutate(rand: Rand, valid: Record<string, unknown>): { body: string | object; contentType: string } {
  const json = 'application/json';
  const m = rand();
  if (m < 0.4) {
    const all = paths(valid);
    if (all.length === 0) return { body: { [pick(rand, KEYS)]: value(rand, 3) }, contentType: json };
    return { body: replaced(valid, pick(rand, all), value(rand, 3)), contentType: json };
  }
  if (m < 0.5) return { body: { ...valid, [pick(rand, KEYS) + String(Math.floor(rand() * 10))]: value(rand, 2) }, contentType: json };
  if (m < 0.6) return { body: JSON.stringify(value(rand, 4)) ?? 'null', contentType: json };
  if (m < 0.7) {
    const text = JSON.stringify(valid);
    return { body: text.slice(0, Math.floor(rand() * text.length)), contentType: json };
  }
  if (m < 0.8) {
    const key = Object.keys(valid)[0] ?? 'a';
    const depth = pick(rand, [30, 31, 32, 33, 64, 1_000, 20_000]);
    return { body: `{"${key}":${nested(depth)}}`, contentType: json };
  }
  if (m < 0.87) return { body: JSON.stringify(valid), contentType: pick(rand, ['text/plain', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'application/json-patch+json']) };
  if (m < 0.93) return { body: pick(rand, ['{', '}', '[1,]', '{"a":1}}', '\u0000', 'nul', '{"a":1e999}', '"just a string"', '{"__proto__":{"x":1}}']), contentType: json };
  return { body: valid, contentType: json };
}

describe('Graph body fuzz', () => {
  let emu: Emulator;
  let r: BodyRoutes;

  beforeAll(async () => {
    emu = await startEmulator();
    r = await setUpBodyRoutes(emu);
  });
  afterAll(async () => {
    await emu.close();
  });

  it(`${REQUESTS} mutated bodies (seed ${SEED}): no 5xx, every error in the Graph error body`, async () => {
    const rand = prng(SEED);
    const counts = new Map<number, number>();
    const failures: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const route = pick(rand, r.routes);
      const { body, contentType } = mutate(rand, route.valid);
      const a = await send(emu, route.method, route.path, route.token, body, contentType);
      counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
      // A fault rule that was taken would fail the next Graph requests on purpose (503 and the like): drop it.
      if (route.path === '/emulator/faults/graph' && a.status === 201) expect((await send(emu, 'DELETE', route.path, route.token)).status).toBe(204);
      const e = (a.json as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } } | undefined)?.error;
      const graphBody =
        typeof e?.code === 'string' && typeof e.message === 'string' && typeof e.innerError?.date === 'string' &&
        typeof e.innerError['request-id'] === 'string' && typeof e.innerError['client-request-id'] === 'string';
      if (a.status >= 500 || (a.status >= 400 && !graphBody)) {
        const shown = typeof body === 'string' ? body : JSON.stringify(body);
        failures.push(`#${i} ${route.name} ${route.method} ${route.path} [${contentType}] ${shown.slice(0, 200)} -> ${a.status} ${a.text.slice(0, 200)}`);
      }
    }
    expect(failures.slice(0, 5), `${failures.length} of ${REQUESTS} requests failed`).toEqual([]);
    // The fuzz reached the routes' own checks and their success paths, not only the parser.
    expect(counts.get(400) ?? 0).toBeGreaterThan(REQUESTS / 4);
    expect([...counts.keys()].some((s) => s >= 200 && s < 300)).toBe(true);

    // Everything still reads, and a write still lands.
    await observableState(emu, r);
    const patched = await send(emu, 'PATCH', `/v1.0${PRINTER}`, r.admin, { displayName: 'After the fuzz', location: { building: 'Building 1' } });
    expect(patched.status, patched.text).toBe(200);
    const got = await send(emu, 'GET', `/v1.0${PRINTER}`, r.admin);
    expect(got.json).toMatchObject({ displayName: 'After the fuzz', location: { building: 'Building 1' } });
    expectGraphErrorBody(await send(emu, 'PATCH', `/v1.0${PRINTER}`, r.admin, `{"location":${nested(20_000)}}`), 400, 'deep after fuzz');
  }, 300_000);
});
