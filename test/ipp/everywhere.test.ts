// What an IPP Everywhere client or a certifying vendor checks beyond the stock
// ipptool suites, driven with printsim's own ipptool files
// (test/fixtures/ipp/everywhere/) and, where ipptool cannot, with the codec client.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatedClock } from '../../src/core/clock.js';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag } from '../../src/ipp/codec/index.js';
import { DEFAULT_PRINTER_ID, makePdf, startEmulator } from '../support/harness.js';
import { ipp, printerUri } from '../support/ipp-request.js';
import { missingTools } from '../support/tools.js';
import { ipptool } from './ipptool-run.js';

const skip = missingTools('ipptool');
const PRINTER = DelimiterTag.printerAttributes;

describe.skipIf(skip)('IPP Everywhere details, with ipptool', () => {
  let emu: Emulator;
  let dir: string;
  let pdf: string;

  beforeEach(async () => {
    emu = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'printsim-everywhere-'));
    pdf = join(dir, 'one-page.pdf');
    writeFileSync(pdf, await makePdf(1));
  });

  afterEach(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectAllPass = (r: { passed: string[]; failed: string[]; output: string }, count: number): void => {
    expect(r.failed, r.output).toEqual([]);
    expect(r.passed, r.output).toHaveLength(count);
  };

  it('advertises finishing-template, document-password, document-creation and job-password attributes, and only supported which-jobs', async () => {
    expectAllPass(await ipptool(printerUri(emu), 'printer-attributes.test'), 1);
    expectAllPass(await ipptool(printerUri(emu, 'letter-mono'), 'printer-attributes.test'), 1);
  });

  it('reports the printer URI each job was created at', async () => {
    expectAllPass(await ipptool(printerUri(emu), 'job-printer-uri.test', { document: pdf, defines: { printerpath: '/ipp/print' } }), 3);
    const named = { document: pdf, defines: { printerpath: '/ipp/print/office-color' } };
    expectAllPass(await ipptool(printerUri(emu, 'office-color'), 'job-printer-uri.test', named), 3);
  });

  it('takes Validate-Job while disabled', async () => {
    expectAllPass(await ipptool(printerUri(emu), 'disabled-printer.test', { document: pdf }), 4);
  });

  it('applies printer-message-from-operator of Pause-Printer and Resume-Printer', async () => {
    expectAllPass(await ipptool(printerUri(emu), 'operator-message.test'), 4);
  });

  it('holds a job with a job-password until Release-Job brings it', async () => {
    expectAllPass(await ipptool(printerUri(emu), 'job-password.test', { document: pdf }), 9);
  });

  it('checks the members of overrides like Job Template attributes', async () => {
    expectAllPass(await ipptool(printerUri(emu), 'overrides.test', { document: pdf }), 3);
  });

  it('asks for media when the tray is empty and a job waits', async () => {
    emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, { state: 'stopped', details: ['mediaEmpty'], description: 'Tray 1 is empty.' });
    expectAllPass(await ipptool(printerUri(emu), 'media-needed.test', { document: pdf }), 3);
  });
});

describe('IPP Everywhere details, with the codec client', () => {
  let emu: Emulator;

  beforeEach(async () => {
    emu = await startEmulator();
  });

  afterEach(async () => {
    await emu.close();
  });

  it('shows a job-password job as held in Graph too', async () => {
    const res = await ipp(emu, 'Print-Job', {
      operation: [attr.mimeMediaType('document-format', 'application/pdf'), attr.octetString('job-password', new TextEncoder().encode('2468'))],
      data: await makePdf(1),
    });
    const id = String(res.group(DelimiterTag.jobAttributes)['job-id']![0]);
    emu.advance(60_000);
    const job = emu.service.getJob(id);
    expect(job.leaf).toBe('paused.held');
    expect(emu.service.jobStatus(job).state).toBe('paused');
  });

  it('answers OPTIONS * like an HTTP server, and OPTIONS of a printer URI', async () => {
    const options = (path: string): Promise<{ status: number; allow: string | undefined; body: string }> =>
      new Promise((resolve, reject) => {
        const url = new URL(emu.baseUrl);
        const req = request({ host: url.hostname, port: url.port, method: 'OPTIONS', path }, (res) => {
          let body = '';
          res.on('data', (b: Buffer) => (body += b.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const star = await options('*');
    expect(star.status).toBe(200);
    expect(star.allow?.split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'OPTIONS', 'POST']));
    expect(star.body).toBe('');
    const printer = await options('/ipp/print/office-color');
    expect(printer.status).toBe(200);
    expect(printer.allow).toContain('POST');
    expect((await options('/no/such/thing')).status).toBe(404);
  });

  it('refuses a too long printer-message-from-operator and changes nothing', async () => {
    const res = await ipp(emu, 'Pause-Printer', { user: 'root', operation: [attr.text('printer-message-from-operator', 'x'.repeat(128))] });
    expect(res.status).toBe('client-error-request-value-too-long');
    const after = await ipp(emu, 'Get-Printer-Attributes', { operation: [attr.keyword('requested-attributes', 'printer-state-reasons', 'printer-message-from-operator')] });
    expect(after.group(PRINTER)).toEqual({ 'printer-state-reasons': ['none'], 'printer-message-from-operator': [''] });
  });

  it('gives printer subscriptions notify-printer-up-time', async () => {
    const sub = await ipp(emu, 'Create-Printer-Subscriptions', {
      groups: [{ tag: DelimiterTag.subscriptionAttributes, attributes: [attr.keyword('notify-pull-method', 'ippget'), attr.keyword('notify-events', 'printer-state-changed')] }],
    });
    const id = sub.group(DelimiterTag.subscriptionAttributes)['notify-subscription-id']![0] as number;
    emu.advance(5000);
    const got = await ipp(emu, 'Get-Subscription-Attributes', { operation: [attr.integer('notify-subscription-id', id)] });
    const upTime = (await ipp(emu, 'Get-Printer-Attributes', { operation: [attr.keyword('requested-attributes', 'printer-up-time')] })).group(PRINTER)['printer-up-time']![0];
    expect(got.group(DelimiterTag.subscriptionAttributes)['notify-printer-up-time']).toEqual([upTime]);
  });

  it('keeps a notify-wait Get-Notifications waiting through other subscriptions\' events', async () => {
    const subscribe = async (events: string): Promise<number> => {
      const r = await ipp(emu, 'Create-Printer-Subscriptions', {
        groups: [{ tag: DelimiterTag.subscriptionAttributes, attributes: [attr.keyword('notify-pull-method', 'ippget'), attr.keyword('notify-events', events)] }],
      });
      return r.group(DelimiterTag.subscriptionAttributes)['notify-subscription-id']![0] as number;
    };
    const mine = await subscribe('printer-config-changed');
    await subscribe('printer-state-changed');
    // Everything queued so far is read; the wait starts from the next sequence number.
    const first = await ipp(emu, 'Get-Notifications', { operation: [attr.integer('notify-subscription-ids', mine)] });
    const next = first.groups(DelimiterTag.eventNotificationAttributes).length + 1;
    let answered = false;
    const before = (emu.clock as SimulatedClock).pendingCount;
    const waiting = ipp(emu, 'Get-Notifications', {
      operation: [attr.integer('notify-subscription-ids', mine), attr.integer('notify-sequence-numbers', next), attr.boolean('notify-wait', true)],
    }).then((r) => {
      answered = true;
      return r;
    });
    await waitUntilWaiting(emu, before);
    // An event for the other subscription only.
    expect((await ipp(emu, 'Pause-Printer', { user: 'root' })).status).toBe('successful-ok');
    expect((await ipp(emu, 'Resume-Printer', { user: 'root' })).status).toBe('successful-ok');
    // Still parked: its notify-get-interval timer is armed (it is cleared the moment the wait ends).
    expect((emu.clock as SimulatedClock).pendingCount).toBeGreaterThan(before);
    expect(answered).toBe(false);
    // Now one for ours.
    expect((await ipp(emu, 'Set-Printer-Attributes', { user: 'root', groups: [{ tag: PRINTER, attributes: [attr.text('printer-info', 'Second floor')] }] })).status).toBe('successful-ok');
    const r = await waiting;
    const events = r.groups(DelimiterTag.eventNotificationAttributes);
    expect(events.map((e) => e['notify-subscribed-event']![0])).toEqual(['printer-config-changed']);
    expect(events[0]!['notify-subscription-id']).toEqual([mine]);
  });

  it('ends a notify-wait with no event at notify-get-interval on the emulator clock', async () => {
    const r = await ipp(emu, 'Create-Printer-Subscriptions', {
      groups: [{ tag: DelimiterTag.subscriptionAttributes, attributes: [attr.keyword('notify-pull-method', 'ippget'), attr.keyword('notify-events', 'printer-config-changed')] }],
    });
    const id = r.group(DelimiterTag.subscriptionAttributes)['notify-subscription-id']![0] as number;
    const before = (emu.clock as SimulatedClock).pendingCount;
    const waiting = ipp(emu, 'Get-Notifications', {
      operation: [attr.integer('notify-subscription-ids', id), attr.integer('notify-sequence-numbers', 1), attr.boolean('notify-wait', true)],
    });
    await waitUntilWaiting(emu, before);
    emu.advance(30_000);
    const res = await waiting;
    expect(res.status).toBe('successful-ok');
    expect(res.groups(DelimiterTag.eventNotificationAttributes)).toEqual([]);
    expect(res.op('notify-get-interval')).toBe(30);
  });
});

/**
 * Resolves once a notify-wait Get-Notifications has armed its timer on the
 * simulated clock (one more pending timer than `before`): an event, not a real-time delay.
 */
async function waitUntilWaiting(emu: Emulator, before: number): Promise<void> {
  const clock = emu.clock as SimulatedClock;
  for (let i = 0; i < 10_000; i++) {
    if (clock.pendingCount > before) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('Get-Notifications never started waiting');
}
