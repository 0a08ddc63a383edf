// The IPP door across a restart on the same data folder: subscriptions keep
// their ids, leases and sequence numbers and hear printer-restarted; the
// operator's printer settings (Hold-New-Jobs, printer-message-from-operator,
// printer-location) stay in effect.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/core/clock.js';
import { createEmulator, type Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag } from '../../src/ipp/codec/index.js';
import { makePdf } from '../support/harness.js';
import { ipp } from '../support/ipp-request.js';

const SUB = DelimiterTag.subscriptionAttributes;
const EVENT = DelimiterTag.eventNotificationAttributes;
const PRINTER = DelimiterTag.printerAttributes;
const JOB = DelimiterTag.jobAttributes;
const START = Date.UTC(2026, 0, 7, 9);

describe('the IPP door across a restart', () => {
  const open: Emulator[] = [];
  let dir: string;
  afterEach(async () => {
    for (const e of open.splice(0)) await e.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(at: number): Promise<Emulator> {
    const emu = await createEmulator({ dataDir: dir, clock: new SimulatedClock(at), speed: 'unlimited' });
    open.push(emu);
    await emu.listen({ port: 0 });
    return emu;
  }

  async function stop(emu: Emulator): Promise<void> {
    open.splice(open.indexOf(emu), 1);
    await emu.close();
  }

  const subscribe = async (emu: Emulator, lease: number): Promise<number> => {
    const res = await ipp(emu, 'Create-Printer-Subscriptions', {
      groups: [{ tag: SUB, attributes: [attr.keyword('notify-pull-method', 'ippget'), attr.keyword('notify-events', 'printer-state-changed'), attr.integer('notify-lease-duration', lease)] }],
    });
    expect(res.status).toBe('successful-ok');
    return res.group(SUB)['notify-subscription-id']![0] as number;
  };

  const events = async (emu: Emulator, id: number) =>
    (await ipp(emu, 'Get-Notifications', { operation: [attr.integer('notify-subscription-ids', id)] })).groups(EVENT);

  it('keeps subscriptions and printer settings, and tells subscribers the printer restarted', async () => {
    dir = mkdtempSync(join(tmpdir(), 'printsim-ipp-restart-'));
    const first = await start(START);
    const long = await subscribe(first, 3600);
    const short = await subscribe(first, 60);
    expect((await ipp(first, 'Pause-Printer', { user: 'root' })).status).toBe('successful-ok');
    const before = (await events(first, long)).map((e) => e['notify-sequence-number']![0] as number);
    expect(before.length).toBeGreaterThan(0);
    expect((await ipp(first, 'Hold-New-Jobs', { user: 'root' })).status).toBe('successful-ok');
    const set = await ipp(first, 'Set-Printer-Attributes', {
      user: 'root',
      groups: [{ tag: PRINTER, attributes: [attr.text('printer-message-from-operator', 'Toner ordered.'), attr.text('printer-location', 'Copy room 3.01')] }],
    });
    expect(set.status).toBe('successful-ok');
    await stop(first);

    // Two minutes later: the 60-second lease ran out while printsim was down.
    const second = await start(START + 120_000);
    const listed = await ipp(second, 'Get-Subscriptions', { operation: [attr.keyword('requested-attributes', 'notify-subscription-id', 'notify-events')] });
    expect(listed.groups(SUB).map((g) => g['notify-subscription-id']![0])).toEqual([long]);
    expect(short).not.toBe(long);
    const restarted = await events(second, long);
    const last = restarted[restarted.length - 1]!;
    expect(last['notify-subscribed-event']).toEqual(['printer-restarted']);
    // Sequence numbers go on from where they were.
    expect(last['notify-sequence-number']![0]).toBeGreaterThan(Math.max(...before));

    const printer = (await ipp(second, 'Get-Printer-Attributes', {
      operation: [attr.keyword('requested-attributes', 'printer-state-reasons', 'printer-message-from-operator', 'printer-location')],
    })).group(PRINTER);
    expect(printer['printer-state-reasons']).toEqual(expect.arrayContaining(['hold-new-jobs']));
    expect(printer['printer-message-from-operator']).toEqual(['Toner ordered.']);
    expect(printer['printer-location']).toEqual(['Copy room 3.01']);

    // Hold-New-Jobs still holds what arrives now, and a new subscription gets a new id.
    const job = await ipp(second, 'Print-Job', { operation: [attr.mimeMediaType('document-format', 'application/pdf')], data: await makePdf(1) });
    const jobId = job.group(JOB)['job-id']![0] as number;
    expect(second.service.getJob(String(jobId)).leaf).toBe('paused.held');
    const next = await subscribe(second, 3600);
    expect(next).toBeGreaterThan(short);
  });
});
