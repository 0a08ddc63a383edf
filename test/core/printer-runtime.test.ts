// The printer as a device, on the simulated clock and without HTTP: one job at a
// time in queue order, warm-up once when leaving idle, faults, cancel, restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/core/clock.js';
import { isFinalLeaf } from '../../src/core/job-machine.js';
import type { PrintJobConfiguration } from '../../src/model/print-types.js';
import { passThroughRenderer } from '../../src/rip/pass-through-renderer.js';
import type { JobTransition } from '../../src/core/print-service.js';
import { startPrinterActor, type PrinterDeviceState, type PrinterEvent } from '../../src/core/printer-machine.js';
import { JOB_ERROR_CODES } from '../../src/model/records.js';
import type { JobRecord } from '../../src/model/records.js';
import type { Renderer } from '../../src/model/ports.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator.js';
import { DEFAULT_PRINTER_ID, makePdf } from '../support/harness.js';

const MONO_ID = '5c4b0d88-d8b3-430a-9605-4c205fb48f72';
// fixtures/printers/01-office-color.json: 30 impressions per minute, 8 s warm-up.
const PAGE_MS = 2_000;
const WARM_UP_MS = 8_000;
const COOL_DOWN_MS = 300_000;

interface Rig {
  emu: Emulator;
  log: JobTransition[];
}

const open: Emulator[] = [];
const dirs: string[] = [];
let shared: Rig | undefined;

afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  if (shared !== undefined) {
    // Leave the shared emulator as a fresh one: nothing queued, no fault, printers idle and cold.
    const { service } = shared.emu;
    for (const j of service.listJobs()) if (!isFinalLeaf(j.leaf)) service.cancelJob(j.id);
    for (const id of service.printerIds()) service.setPrinterStatus(id, null);
    shared.emu.advance(10 * 60_000);
  }
});

afterAll(async () => {
  await shared?.emu.close();
});

/** One emulator for the tests that need no special options (an emulator costs an RSA key). */
async function sharedRig(): Promise<Rig> {
  if (shared === undefined) {
    const emu = await createEmulator({ clock: 'simulated' });
    const log: JobTransition[] = [];
    emu.events.on('job', (t) => log.push(t));
    shared = { emu, log };
  }
  shared.log.length = 0;
  return shared;
}

async function rig(options: EmulatorOptions = {}): Promise<Rig> {
  const emu = await createEmulator({ clock: 'simulated', ...options });
  open.push(emu);
  const log: JobTransition[] = [];
  emu.events.on('job', (t) => log.push(t));
  return { emu, log };
}

async function job(emu: Emulator, pdf: Uint8Array, opts: { printerId?: string; configuration?: PrintJobConfiguration; start?: boolean } = {}): Promise<JobRecord> {
  const j = emu.service.createJob({
    printerId: opts.printerId ?? DEFAULT_PRINTER_ID,
    configuration: opts.configuration ?? {},
    createdBy: { id: 'u1', displayName: 'Test User', ipAddress: null, userPrincipalName: 'user@contoso.com' },
    door: 'graph',
  });
  await emu.service.putDocument(j, pdf, { documentName: 'doc.pdf', contentType: 'application/pdf' });
  if (opts.start !== false) emu.service.startJob(j.id);
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
const printing = (emu: Emulator, id: string) => settle(() => leaf(emu, id) === 'processing.transforming', `job ${id} printing`);
/** Simulated time (ms) at which a job reached `to`. */
const reachedAt = (log: JobTransition[], id: string, to: string): number => {
  const t = log.find((x) => x.jobId === id && x.to === to);
  if (t === undefined) throw new Error(`job ${id} never reached ${to}`);
  return Date.parse(t.at);
};

describe('printer machine', () => {
  const cases: Array<[PrinterDeviceState, PrinterEvent, PrinterDeviceState]> = [
    ['idle', { type: 'WORK' }, 'processing'],
    ['idle', { type: 'STOP' }, 'stopped'],
    ['idle', { type: 'IDLE' }, 'idle'],
    ['processing', { type: 'IDLE' }, 'idle'],
    ['processing', { type: 'STOP' }, 'stopped'],
    ['processing', { type: 'WORK' }, 'processing'],
    ['stopped', { type: 'RESUME', busy: true }, 'processing'],
    ['stopped', { type: 'RESUME', busy: false }, 'idle'],
    ['stopped', { type: 'WORK' }, 'stopped'],
  ];
  it.each(cases)('%s --%o--> %s', (from, event, to) => {
    const actor = startPrinterActor(from);
    actor.send(event);
    expect(actor.getSnapshot().value).toBe(to);
    actor.stop();
  });
});

describe('printer runtime on the simulated clock', () => {
  it('takes a job through processing to completed after warm-up + impressions at the printer speed', async () => {
    const { emu, log } = await sharedRig();
    const t0 = emu.clock.now();
    const j = await job(emu, await makePdf(3));
    expect(leaf(emu, j.id)).toBe('processing.interpreting');
    await printing(emu, j.id);
    const total = WARM_UP_MS + 3 * PAGE_MS;
    emu.advance(total - 1);
    expect(leaf(emu, j.id)).toBe('processing.transforming');
    emu.advance(1);
    expect(leaf(emu, j.id)).toBe('completed');
    expect(log.filter((t) => t.jobId === j.id).map((t) => t.to)).toEqual([
      'paused.uploadPending',
      'pending',
      'processing.interpreting',
      'processing.transforming',
      'completed',
    ]);
    expect(reachedAt(log, j.id, 'completed') - t0).toBe(total);
    expect(emu.printer(DEFAULT_PRINTER_ID).status().state).toBe('idle');
  });

  it('uses the speed of the printer: the mono printer is 40 ipm with 6 s warm-up', async () => {
    const { emu, log } = await sharedRig();
    const t0 = emu.clock.now();
    const j = await job(emu, await makePdf(4), { printerId: MONO_ID, configuration: { copies: 2 } });
    await printing(emu, j.id);
    emu.advance(60_000);
    expect(reachedAt(log, j.id, 'completed') - t0).toBe(6_000 + Math.round((8 * 60_000) / 40));
  });

  it('pays the warm-up once when leaving idle, and again after the printer cooled down', async () => {
    const { emu, log } = await sharedRig();
    const pdf = await makePdf(1);
    const t0 = emu.clock.now();
    const a = await job(emu, pdf);
    const b = await job(emu, pdf);
    await printing(emu, a.id);
    emu.advance(WARM_UP_MS + PAGE_MS);
    expect(leaf(emu, a.id)).toBe('completed');
    await printing(emu, b.id);
    emu.advance(PAGE_MS);
    expect(leaf(emu, b.id)).toBe('completed');
    expect(reachedAt(log, a.id, 'completed') - t0).toBe(WARM_UP_MS + PAGE_MS);
    expect(reachedAt(log, b.id, 'completed') - t0).toBe(WARM_UP_MS + 2 * PAGE_MS);
    expect(emu.printer(DEFAULT_PRINTER_ID).status().state).toBe('idle');

    emu.advance(COOL_DOWN_MS);
    const t1 = emu.clock.now();
    const c = await job(emu, pdf);
    await printing(emu, c.id);
    emu.advance(WARM_UP_MS + PAGE_MS);
    expect(reachedAt(log, c.id, 'completed') - t1).toBe(WARM_UP_MS + PAGE_MS);
  });

  it('prints one job at a time, in queue order', async () => {
    const { emu, log } = await sharedRig();
    const pdf = await makePdf(1);
    const jobs = [await job(emu, pdf), await job(emu, pdf), await job(emu, pdf)];
    expect(leaf(emu, jobs[0]!.id)).toMatch(/^processing\./);
    expect(jobs.slice(1).map((j) => leaf(emu, j.id))).toEqual(['pending', 'pending']);
    expect(emu.printer(DEFAULT_PRINTER_ID).queuedJobIds()).toEqual([jobs[1]!.id, jobs[2]!.id]);
    for (const j of jobs) {
      await printing(emu, j.id);
      emu.advance(WARM_UP_MS + PAGE_MS);
      expect(leaf(emu, j.id)).toBe('completed');
    }
    const acquired = log.filter((t) => t.to === 'processing.interpreting').map((t) => t.jobId);
    expect(acquired).toEqual(jobs.map((j) => j.id));
    // Never two jobs on the device: each is acquired no earlier than the previous one completed.
    for (let i = 1; i < jobs.length; i++) {
      expect(reachedAt(log, jobs[i]!.id, 'processing.interpreting')).toBe(reachedAt(log, jobs[i - 1]!.id, 'completed'));
    }
  });

  it('canceling the job on the device starts the next one at once, without a second warm-up', async () => {
    const { emu, log } = await sharedRig();
    const pdf = await makePdf(2);
    const a = await job(emu, pdf);
    const b = await job(emu, pdf);
    await printing(emu, a.id);
    emu.advance(3_000);
    const canceledAt = emu.clock.now();
    emu.service.cancelJob(a.id);
    expect(leaf(emu, a.id)).toBe('canceled');
    expect(leaf(emu, b.id)).toBe('processing.interpreting');
    expect(emu.printer(DEFAULT_PRINTER_ID).currentJobId()).toBe(b.id);
    await printing(emu, b.id);
    emu.advance(60_000);
    expect(reachedAt(log, b.id, 'completed') - canceledAt).toBe(2 * PAGE_MS);
    // The canceled job never completes later.
    expect(log.some((t) => t.jobId === a.id && t.to === 'completed')).toBe(false);
  });

  it('canceling a queued job takes it out of the queue', async () => {
    const { emu, log } = await sharedRig();
    const pdf = await makePdf(1);
    const a = await job(emu, pdf);
    const b = await job(emu, pdf);
    const c = await job(emu, pdf);
    emu.service.cancelJob(b.id);
    expect(emu.printer(DEFAULT_PRINTER_ID).queuedJobIds()).toEqual([c.id]);
    await printing(emu, a.id);
    emu.advance(WARM_UP_MS + PAGE_MS);
    await printing(emu, c.id);
    emu.advance(PAGE_MS);
    expect(leaf(emu, c.id)).toBe('completed');
    expect(log.filter((t) => t.to === 'processing.interpreting').map((t) => t.jobId)).toEqual([a.id, c.id]);
  });

  it('a stopped printer stops the printing job and resumes it with the time it had left', async () => {
    const { emu, log } = await sharedRig();
    const t0 = emu.clock.now();
    const j = await job(emu, await makePdf(3));
    await printing(emu, j.id);
    emu.advance(4_000);
    emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, { state: 'stopped', details: ['mediaEmpty'], description: null });
    expect(leaf(emu, j.id)).toBe('stopped.transforming');
    expect(emu.printer(DEFAULT_PRINTER_ID).status()).toMatchObject({ state: 'stopped', details: ['mediaEmpty'] });
    emu.advance(3_600_000);
    expect(leaf(emu, j.id)).toBe('stopped.transforming');
    emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, null);
    expect(leaf(emu, j.id)).toBe('processing.transforming');
    emu.advance(60_000);
    expect(reachedAt(log, j.id, 'completed') - t0).toBe(WARM_UP_MS + 3 * PAGE_MS + 3_600_000);
  });

  it('a printer stopped while the job is interpreting prints it in full once resumed', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slowRenderer: Renderer = async (req) => {
      await gate;
      return passThroughRenderer(req);
    };
    const { emu, log } = await rig({ renderer: slowRenderer });
    const j = await job(emu, await makePdf(2));
    expect(leaf(emu, j.id)).toBe('processing.interpreting');
    emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, { state: 'stopped', details: ['coverOpen'], description: null });
    expect(leaf(emu, j.id)).toBe('stopped.interpreting');
    release();
    await settle(() => leaf(emu, j.id) === 'stopped.transforming', 'rendered while stopped');
    emu.advance(600_000);
    expect(leaf(emu, j.id)).toBe('stopped.transforming');
    const resumedAt = emu.clock.now();
    emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, { state: 'idle', details: [], description: null });
    expect(leaf(emu, j.id)).toBe('processing.transforming');
    emu.advance(60_000);
    expect(reachedAt(log, j.id, 'completed') - resumedAt).toBe(WARM_UP_MS + 2 * PAGE_MS);
  });

  it('a stopped printer keeps started jobs pending until it resumes', async () => {
    const { emu } = await sharedRig();
    emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, { state: 'stopped', details: ['paused'], description: null });
    const j = await job(emu, await makePdf(1));
    emu.advance(60_000);
    expect(leaf(emu, j.id)).toBe('pending');
    emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, null);
    expect(leaf(emu, j.id)).toBe('processing.interpreting');
  });

  it('a document that is not a PDF aborts its job with an errorCode and the printer moves on', async () => {
    const { emu } = await sharedRig();
    const bad = await job(emu, new TextEncoder().encode('not a pdf at all'));
    const good = await job(emu, await makePdf(1));
    await settle(() => leaf(emu, bad.id) === 'aborted', 'bad job aborted');
    const record = emu.service.getJob(bad.id);
    expect(record.errorCode).toBe(JOB_ERROR_CODES.corruptDocument);
    expect(emu.service.jobStatus(record).description).toMatch(/damaged|cannot be read|not a PDF|data is text/);
    await printing(emu, good.id);
    emu.advance(WARM_UP_MS + PAGE_MS);
    expect(leaf(emu, good.id)).toBe('completed');
  });

  it("with speed 'unlimited' a job completes without the clock moving", async () => {
    const { emu } = await rig({ speed: 'unlimited' });
    const j = await job(emu, await makePdf(5));
    await settle(() => leaf(emu, j.id) === 'completed', 'completed');
  });

  it('a job interrupted while interpreting still pays the warm-up after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printsim-runtime-'));
    dirs.push(dir);
    const never: Renderer = () => new Promise(() => {});
    const first = await rig({ dataDir: dir, renderer: never });
    const j = await job(first.emu, await makePdf(1));
    expect(leaf(first.emu, j.id)).toBe('processing.interpreting');
    const stoppedAt = first.emu.clock.now();
    await first.emu.close();

    const resumedAt = stoppedAt + 3_600_000;
    const second = await rig({ dataDir: dir, clock: new SimulatedClock(resumedAt) });
    await settle(() => leaf(second.emu, j.id) === 'processing.transforming', 'printing after restart');
    second.emu.advance(60_000);
    expect(reachedAt(second.log, j.id, 'completed') - resumedAt).toBe(WARM_UP_MS + PAGE_MS);
  });

  it('a job interrupted while interpreting on a stopped printer is printed once the printer resumes after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printsim-runtime-'));
    dirs.push(dir);
    const never: Renderer = () => new Promise(() => {});
    const first = await rig({ dataDir: dir, renderer: never });
    const j = await job(first.emu, await makePdf(1));
    first.emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, { state: 'stopped', details: ['mediaJam'], description: null });
    expect(leaf(first.emu, j.id)).toBe('stopped.interpreting');
    await first.emu.close();

    const second = await rig({ dataDir: dir });
    expect(leaf(second.emu, j.id)).toBe('stopped.interpreting');
    expect(second.emu.printer(DEFAULT_PRINTER_ID).status()).toMatchObject({ state: 'stopped', details: ['mediaJam'] });
    second.emu.advance(60_000);
    const resumedAt = second.emu.clock.now();
    second.emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, null);
    await settle(() => leaf(second.emu, j.id) === 'processing.transforming', 'printing after the fault cleared');
    second.emu.advance(60_000);
    expect(reachedAt(second.log, j.id, 'completed') - resumedAt).toBe(WARM_UP_MS + PAGE_MS);
  });
});
