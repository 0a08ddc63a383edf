// Timed holds: job-hold-until periods (RFC 8011 §5.2.2) and job-hold-until-time
// (PWG 5100.7) release their job when the emulator's clock reaches the time,
// through Hold-Job, Set-Job-Attributes, Hold-New-Jobs and a restart.
// Periods are in local time, so every time here is built in local time.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/core/clock.js';
import { createEmulator, type Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag, type IppAttribute } from '../../src/ipp/codec/index.js';
import { makePdf, startEmulator } from '../support/harness.js';
import { ipp } from '../support/ipp-request.js';

const JOB = DelimiterTag.jobAttributes;
const PENDING_HELD = 4;
const COMPLETED = 9;
const MINUTE = 60_000;

/** 2026-01-07 (a Wednesday) at h:m, local time. */
const wednesday = (h: number, m = 0): number => new Date(2026, 0, 7, h, m).getTime();

describe('IPP timed holds', () => {
  const open: Emulator[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const e of open.splice(0)) await e.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function emulatorAt(time: number, dataDir?: string): Promise<Emulator> {
    const emu = await startEmulator({ clock: new SimulatedClock(time), speed: 'unlimited', ...(dataDir === undefined ? {} : { dataDir }) });
    open.push(emu);
    return emu;
  }

  async function print(emu: Emulator, template: IppAttribute[] = []): Promise<number> {
    const res = await ipp(emu, 'Print-Job', {
      operation: [attr.mimeMediaType('document-format', 'application/pdf')],
      groups: [{ tag: JOB, attributes: template }],
      data: await makePdf(1),
    });
    expect(res.status).toBe('successful-ok');
    return res.group(JOB)['job-id']![0] as number;
  }

  async function state(emu: Emulator, id: number): Promise<Record<string, unknown[]>> {
    const res = await ipp(emu, 'Get-Job-Attributes', {
      operation: [attr.integer('job-id', id), attr.keyword('requested-attributes', 'job-state', 'job-state-reasons', 'job-hold-until', 'job-hold-until-time')],
    });
    return res.group(JOB);
  }

  /** Advances the clock in steps, letting the renderer and device finish between them. */
  async function advance(emu: Emulator, ms: number, step = MINUTE): Promise<void> {
    for (let left = ms; left > 0; left -= step) {
      emu.advance(Math.min(step, left));
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  async function completes(emu: Emulator, id: number): Promise<void> {
    for (let i = 0; i < 200 && (await state(emu, id))['job-state']![0] !== COMPLETED; i++) await advance(emu, 1000, 1000);
    expect((await state(emu, id))['job-state']).toEqual([COMPLETED]);
  }

  it('advertises every job-hold-until period and job-hold-until-time', async () => {
    const emu = await emulatorAt(wednesday(10));
    const res = await ipp(emu, 'Get-Printer-Attributes', {
      operation: [attr.keyword('requested-attributes', 'job-hold-until-supported', 'job-hold-until-time-supported', 'job-settable-attributes-supported')],
    });
    const p = res.group(DelimiterTag.printerAttributes);
    expect(p['job-hold-until-supported']).toEqual(['no-hold', 'indefinite', 'day-time', 'evening', 'night', 'second-shift', 'third-shift', 'weekend']);
    expect(p['job-hold-until-time-supported']).toEqual([{ lower: 0, upper: 0x7fffffff }]);
    expect(p['job-settable-attributes-supported']).toEqual(expect.arrayContaining(['job-hold-until', 'job-hold-until-time']));
  });

  it('holds an evening job from 10:00 and prints it at 18:00', async () => {
    const emu = await emulatorAt(wednesday(10));
    const id = await print(emu, [attr.keyword('job-hold-until', 'evening')]);
    expect(await state(emu, id)).toMatchObject({ 'job-state': [PENDING_HELD], 'job-state-reasons': ['job-hold-until-specified'], 'job-hold-until': ['evening'] });
    // Graph and job-state-message say until when.
    const until = new Date(wednesday(18)).toISOString();
    expect(emu.service.jobStatus(emu.service.getJob(String(id)))).toMatchObject({ state: 'paused', description: `The job is held until ${until}.` });
    const message = await ipp(emu, 'Get-Job-Attributes', { operation: [attr.integer('job-id', id), attr.keyword('requested-attributes', 'job-state-message')] });
    expect(message.group(JOB)['job-state-message']).toEqual([`The job is held until ${until}.`]);
    await advance(emu, wednesday(17, 59) - wednesday(10));
    expect((await state(emu, id))['job-state']).toEqual([PENDING_HELD]);
    await advance(emu, 2 * MINUTE);
    await completes(emu, id);
  });

  it('prints an evening job sent in the evening at once', async () => {
    const emu = await emulatorAt(wednesday(19));
    const id = await print(emu, [attr.keyword('job-hold-until', 'evening')]);
    await completes(emu, id);
  });

  it('holds until job-hold-until-time, which wins over job-hold-until', async () => {
    const emu = await emulatorAt(wednesday(10));
    const id = await print(emu, [attr.keyword('job-hold-until', 'indefinite'), attr.dateTime('job-hold-until-time', new Date(wednesday(11, 30)))]);
    expect((await state(emu, id))['job-state']).toEqual([PENDING_HELD]);
    await advance(emu, 89 * MINUTE);
    expect((await state(emu, id))['job-state']).toEqual([PENDING_HELD]);
    await advance(emu, 2 * MINUTE);
    await completes(emu, id);
  });

  it('times a queued job with Hold-Job, and Release-Job prints it before its time', async () => {
    const emu = await emulatorAt(wednesday(10));
    expect((await ipp(emu, 'Pause-Printer', { user: 'root' })).status).toBe('successful-ok');
    const id = await print(emu);
    const held = await ipp(emu, 'Hold-Job', { operation: [attr.integer('job-id', id), attr.keyword('job-hold-until', 'second-shift')] });
    expect(held.status).toBe('successful-ok');
    expect(await state(emu, id)).toMatchObject({ 'job-state': [PENDING_HELD], 'job-hold-until': ['second-shift'] });
    expect((await ipp(emu, 'Resume-Printer', { user: 'root' })).status).toBe('successful-ok');
    await advance(emu, 30 * MINUTE);
    expect((await state(emu, id))['job-state']).toEqual([PENDING_HELD]);
    expect((await ipp(emu, 'Release-Job', { operation: [attr.integer('job-id', id)] })).status).toBe('successful-ok');
    await completes(emu, id);
    // The timer of the released hold does nothing at 16:00.
    await advance(emu, wednesday(16, 1) - emu.clock.now(), 30 * MINUTE);
    expect((await state(emu, id))['job-state']).toEqual([COMPLETED]);
  });

  it('refuses a period it does not know, and changes nothing', async () => {
    const emu = await emulatorAt(wednesday(10));
    expect((await ipp(emu, 'Pause-Printer', { user: 'root' })).status).toBe('successful-ok');
    const id = await print(emu);
    const res = await ipp(emu, 'Hold-Job', { operation: [attr.integer('job-id', id), attr.keyword('job-hold-until', 'lunch-time')] });
    expect(res.status).toBe('client-error-attributes-or-values-not-supported');
    expect(res.group(DelimiterTag.unsupportedAttributes)['job-hold-until']).toEqual(['lunch-time']);
    expect((await state(emu, id))['job-state']).toEqual([3]);
  });

  it('re-times a held job with Set-Job-Attributes, and no-hold releases it', async () => {
    const emu = await emulatorAt(wednesday(10));
    const id = await print(emu, [attr.keyword('job-hold-until', 'weekend')]);
    expect((await state(emu, id))['job-state']).toEqual([PENDING_HELD]);
    const evening = await ipp(emu, 'Set-Job-Attributes', { operation: [attr.integer('job-id', id)], groups: [{ tag: JOB, attributes: [attr.keyword('job-hold-until', 'evening')] }] });
    expect(evening.status).toBe('successful-ok');
    expect((await state(emu, id))['job-hold-until']).toEqual(['evening']);
    await advance(emu, wednesday(18, 1) - wednesday(10), 30 * MINUTE);
    await completes(emu, id);

    const second = await print(emu, [attr.keyword('job-hold-until', 'day-time')]);
    expect((await state(emu, second))['job-state']).toEqual([PENDING_HELD]);
    const now = await ipp(emu, 'Set-Job-Attributes', { operation: [attr.integer('job-id', second)], groups: [{ tag: JOB, attributes: [attr.keyword('job-hold-until', 'no-hold')] }] });
    expect(now.status).toBe('successful-ok');
    await completes(emu, second);
  });

  it('keeps a timed job held after Release-Held-New-Jobs until its time', async () => {
    const emu = await emulatorAt(wednesday(10));
    expect((await ipp(emu, 'Hold-New-Jobs', { user: 'root' })).status).toBe('successful-ok');
    const timed = await print(emu, [attr.keyword('job-hold-until', 'evening')]);
    const plain = await print(emu);
    expect((await ipp(emu, 'Release-Held-New-Jobs', { user: 'root' })).status).toBe('successful-ok');
    await completes(emu, plain);
    expect((await state(emu, timed))['job-state']).toEqual([PENDING_HELD]);
    await advance(emu, wednesday(18, 1) - emu.clock.now(), 30 * MINUTE);
    await completes(emu, timed);
  });

  it('keeps the hold time across a restart, and releases a job whose time came while it was down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printsim-hold-'));
    dirs.push(dir);
    const first = await emulatorAt(wednesday(10), dir);
    const evening = await print(first, [attr.keyword('job-hold-until', 'evening')]);
    const late = await print(first, [attr.dateTime('job-hold-until-time', new Date(wednesday(20)))]);
    await first.close();
    open.splice(open.indexOf(first), 1);

    // Back at 19:00: the evening job's time has come, the 20:00 job's has not.
    const second = await createEmulator({ dataDir: dir, clock: new SimulatedClock(wednesday(19)), speed: 'unlimited' });
    open.push(second);
    await second.listen({ port: 0 });
    // Queued at start, before the clock moves at all.
    expect(second.service.getJob(String(evening)).leaf).not.toBe('paused.held');
    await completes(second, evening);
    expect((await state(second, late))['job-state']).toEqual([PENDING_HELD]);
    await advance(second, 61 * MINUTE, 30 * MINUTE);
    await completes(second, late);
  });
});
