// The job's delays across a restart (warm-up, print time, timed hold), the
// printer's cool-down, and Hold-New-Jobs for a job started through Graph, all
// on the simulated clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/core/clock.js';
import type { JobTransition } from '../../src/core/print-service.js';
import type { JobRecord } from '../../src/model/records.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator.js';
import { DEFAULT_PRINTER_ID, makePdf } from '../support/harness.js';

// fixtures/printers/01-office-color.json: 30 impressions per minute, 8 s warm-up, 300 s cool-down.
const PAGE_MS = 2_000;
const WARM_UP_MS = 8_000;
const COOL_DOWN_MS = 300_000;
const DOWNTIME_MS = 3_600_000;

const open: Emulator[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function emulator(options: EmulatorOptions = {}): Promise<{ emu: Emulator; log: JobTransition[] }> {
  const emu = await createEmulator({ clock: 'simulated', ...options });
  open.push(emu);
  const log: JobTransition[] = [];
  emu.events.on('job', (t) => log.push(t));
  return { emu, log };
}

async function submit(emu: Emulator, pages: number, start: { holdUntil?: number } = {}): Promise<JobRecord> {
  const j = emu.service.createJob({
    printerId: DEFAULT_PRINTER_ID,
    configuration: {},
    createdBy: { id: 'u1', displayName: 'Test User', ipAddress: null, userPrincipalName: 'user@contoso.com' },
    door: 'graph',
  });
  await emu.service.putDocument(j, await makePdf(pages), { documentName: 'doc.pdf', contentType: 'application/pdf' });
  emu.service.startJob(j.id, undefined, start);
  return j;
}

/** Lets rendering (real I/O) finish without moving the simulated clock. */
async function settle(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`never settled: ${what}`);
}

const leaf = (emu: Emulator, id: string) => emu.service.getJob(id).leaf;

/** Closes `first` and opens the same data folder `DOWNTIME_MS` later. */
async function restart(first: Emulator, dir: string) {
  const stoppedAt = first.clock.now();
  await first.close();
  open.splice(open.indexOf(first), 1);
  const resumedAt = stoppedAt + DOWNTIME_MS;
  const second = await emulator({ dataDir: dir, clock: new SimulatedClock(resumedAt) });
  return { ...second, resumedAt };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'printsim-timing-'));
  dirs.push(dir);
  return dir;
}

describe('a restart resumes each delay with the time it had left', () => {
  it('in the middle of the warm-up', async () => {
    const dir = dataDir();
    const { emu } = await emulator({ dataDir: dir });
    const j = await submit(emu, 2);
    await settle(() => leaf(emu, j.id) === 'processing.transforming', 'printing');
    emu.advance(3_000);
    const second = await restart(emu, dir);
    expect(leaf(second.emu, j.id)).toBe('processing.transforming');
    const left = WARM_UP_MS - 3_000 + 2 * PAGE_MS;
    second.emu.advance(left - 1);
    expect(leaf(second.emu, j.id)).toBe('processing.transforming');
    second.emu.advance(1);
    expect(leaf(second.emu, j.id)).toBe('completed');
  });

  it('in the middle of printing', async () => {
    const dir = dataDir();
    const { emu } = await emulator({ dataDir: dir });
    const j = await submit(emu, 3);
    await settle(() => leaf(emu, j.id) === 'processing.transforming', 'printing');
    emu.advance(WARM_UP_MS + PAGE_MS + 500);
    const second = await restart(emu, dir);
    const left = 2 * PAGE_MS - 500;
    second.emu.advance(left - 1);
    expect(leaf(second.emu, j.id)).toBe('processing.transforming');
    second.emu.advance(1);
    expect(leaf(second.emu, j.id)).toBe('completed');
    const done = second.log.find((t) => t.jobId === j.id && t.to === 'completed')!;
    expect(Date.parse(done.at) - second.resumedAt).toBe(left);
    expect(done.cause).toBe('printed');
  });

  it('in the middle of a timed hold, which keeps its release time', async () => {
    const dir = dataDir();
    const { emu } = await emulator({ dataDir: dir });
    const until = emu.clock.now() + 2 * DOWNTIME_MS;
    const j = await submit(emu, 1, { holdUntil: until });
    expect(leaf(emu, j.id)).toBe('paused.held');
    emu.advance(60_000);
    const second = await restart(emu, dir);
    expect(leaf(second.emu, j.id)).toBe('paused.held');
    second.emu.advance(until - second.emu.clock.now() - 1);
    expect(leaf(second.emu, j.id)).toBe('paused.held');
    second.emu.advance(1);
    expect(leaf(second.emu, j.id)).not.toBe('paused.held');
    const released = second.log.find((t) => t.jobId === j.id && t.from === 'paused.held')!;
    expect(released).toMatchObject({ to: 'pending', cause: 'holdTime' });
    expect(Date.parse(released.at)).toBe(until);
  });
});

describe('the printer cool-down', () => {
  it('keeps the printer warm for the next job within the cool-down, and expires', async () => {
    const { emu, log } = await emulator();
    const a = await submit(emu, 1);
    await settle(() => leaf(emu, a.id) === 'processing.transforming', 'a printing');
    emu.advance(WARM_UP_MS + PAGE_MS);
    expect(leaf(emu, a.id)).toBe('completed');
    expect(emu.printer(DEFAULT_PRINTER_ID).status().state).toBe('idle');

    // Within the cool-down: no warm-up.
    emu.advance(COOL_DOWN_MS - 1);
    const t1 = emu.clock.now();
    const b = await submit(emu, 1);
    await settle(() => leaf(emu, b.id) === 'processing.transforming', 'b printing');
    emu.advance(PAGE_MS);
    expect(leaf(emu, b.id)).toBe('completed');
    expect(Date.parse(log.find((t) => t.jobId === b.id && t.to === 'completed')!.at) - t1).toBe(PAGE_MS);

    // The cool-down runs again from b's end; once it is over, the warm-up is paid.
    emu.advance(COOL_DOWN_MS);
    const t2 = emu.clock.now();
    const c = await submit(emu, 1);
    await settle(() => leaf(emu, c.id) === 'processing.transforming', 'c printing');
    emu.advance(WARM_UP_MS + PAGE_MS - 1);
    expect(leaf(emu, c.id)).toBe('processing.transforming');
    emu.advance(1);
    expect(Date.parse(log.find((t) => t.jobId === c.id && t.to === 'completed')!.at) - t2).toBe(WARM_UP_MS + PAGE_MS);
  });
});

describe('Hold-New-Jobs is the printer\'s', () => {
  it('holds a job started through Graph, and releasing queues it', async () => {
    const { emu } = await emulator({ speed: 'unlimited' });
    emu.service.setHoldNewJobs(DEFAULT_PRINTER_ID, true, 'test');
    const j = await submit(emu, 1);
    expect(leaf(emu, j.id)).toBe('paused.held');
    expect(emu.service.jobStatus(emu.service.getJob(j.id)).state).toBe('paused');
    emu.advance(DOWNTIME_MS);
    expect(leaf(emu, j.id)).toBe('paused.held');
    emu.service.setHoldNewJobs(DEFAULT_PRINTER_ID, false, 'released by test');
    await settle(() => leaf(emu, j.id) === 'completed', 'printed after the release');
  });
});
