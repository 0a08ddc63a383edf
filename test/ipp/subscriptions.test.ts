// Subscriptions (RFC 3995) and ippget Get-Notifications (RFC 3996), fed by
// the same job and printer events the Graph door sees.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag } from '../../src/ipp/codec/index.js';
import { makePdf, startEmulator, until } from '../support/harness.js';
import { ipp } from '../support/ipp-request.js';

const SUB = DelimiterTag.subscriptionAttributes;
const EVENT = DelimiterTag.eventNotificationAttributes;
const JOB = DelimiterTag.jobAttributes;

describe('IPP subscriptions and Get-Notifications', () => {
  let emu: Emulator;
  let pdf: Uint8Array;

  beforeEach(async () => {
    emu = await startEmulator();
    pdf = await makePdf(1);
  });

  afterEach(async () => {
    await emu.close();
  });

  async function subscribe(events: string[], user = 'alice'): Promise<number> {
    const res = await ipp(emu, 'Create-Printer-Subscriptions', {
      user,
      groups: [{ tag: SUB, attributes: [attr.keyword('notify-pull-method', 'ippget'), attr.keyword('notify-events', events[0]!, ...events.slice(1)), attr.integer('notify-lease-duration', 3600)] }],
    });
    expect(res.status).toBe('successful-ok');
    expect(res.group(SUB)['notify-lease-duration']).toEqual([3600]);
    return res.group(SUB)['notify-subscription-id']![0] as number;
  }

  const notifications = (ids: number[], from?: number[], user = 'alice') =>
    ipp(emu, 'Get-Notifications', {
      user,
      operation: [attr.integer('notify-subscription-ids', ids[0]!, ...ids.slice(1)), ...(from ? [attr.integer('notify-sequence-numbers', from[0]!, ...from.slice(1))] : [])],
    });

  it('delivers job events from creation to completion, in order, from a sequence number on', async () => {
    const id = await subscribe(['job-state-changed']);
    const printed = await ipp(emu, 'Print-Job', { operation: [attr.mimeMediaType('document-format', 'application/pdf')], data: pdf });
    const jobId = printed.group(JOB)['job-id']![0] as number;
    await until(emu, () => emu.service.getJob(String(jobId)).leaf === 'completed');

    const all = await notifications([id]);
    expect(all.status).toBe('successful-ok');
    expect(all.op('notify-get-interval')).toBe(30);
    const events = all.groups(EVENT);
    expect(events.map((e) => e['notify-subscribed-event']![0])).toEqual([
      'job-created',
      'job-state-changed',
      'job-state-changed',
      'job-state-changed',
      'job-completed',
    ]);
    expect(events.map((e) => e['notify-sequence-number']![0])).toEqual([1, 2, 3, 4, 5]);
    const last = events[4]!;
    expect(last['notify-job-id']).toEqual([jobId]);
    expect(last['job-state']).toEqual([9]);
    expect(last['job-state-reasons']).toEqual(['job-completed-successfully']);
    expect(last['notify-subscription-id']).toEqual([id]);

    const later = await notifications([id], [5]);
    expect(later.groups(EVENT).map((e) => e['notify-sequence-number']![0])).toEqual([5]);
  });

  it('delivers printer state changes, Graph fault injection included', async () => {
    const id = await subscribe(['printer-state-changed']);
    emu.service.setPrinterStatus(emu.printers[0]!.id, { state: 'stopped', details: ['mediaJam'], description: 'Paper jam in tray 1.' });
    const res = await notifications([id]);
    const [event] = res.groups(EVENT);
    expect(event!['notify-subscribed-event']).toEqual(['printer-stopped']);
    expect(event!['printer-state']).toEqual([5]);
    expect(event!['printer-state-reasons']).toEqual(['media-jam-error']);
  });

  it('ends a job subscription with its job: successful-ok-events-complete', async () => {
    const created = await ipp(emu, 'Create-Job', {
      groups: [{ tag: SUB, attributes: [attr.keyword('notify-pull-method', 'ippget'), attr.keyword('notify-events', 'job-completed')] }],
    });
    expect(created.status).toBe('successful-ok');
    const jobId = created.group(JOB)['job-id']![0] as number;
    const subId = created.group(SUB)['notify-subscription-id']![0] as number;
    const sent = await ipp(emu, 'Send-Document', {
      operation: [attr.integer('job-id', jobId), attr.boolean('last-document', true), attr.mimeMediaType('document-format', 'application/pdf')],
      data: pdf,
    });
    expect(sent.status).toBe('successful-ok');
    await until(emu, () => emu.service.getJob(String(jobId)).leaf === 'completed');
    const res = await notifications([subId]);
    expect(res.status).toBe('successful-ok-events-complete');
    expect(res.groups(EVENT).map((e) => e['notify-subscribed-event']![0])).toEqual(['job-completed']);
  });

  it('lists, renews and cancels subscriptions; only the subscriber may', async () => {
    const id = await subscribe(['printer-config-changed']);
    const listed = await ipp(emu, 'Get-Subscriptions');
    expect(listed.groups(SUB).map((s) => s['notify-subscription-id']![0])).toEqual([id]);
    const got = await ipp(emu, 'Get-Subscription-Attributes', { operation: [attr.integer('notify-subscription-id', id)] });
    expect(got.group(SUB)).toMatchObject({ 'notify-events': ['printer-config-changed'], 'notify-pull-method': ['ippget'], 'notify-subscriber-user-name': ['alice'] });

    const renewed = await ipp(emu, 'Renew-Subscription', {
      operation: [attr.integer('notify-subscription-id', id)],
      groups: [{ tag: SUB, attributes: [attr.integer('notify-lease-duration', 60)] }],
    });
    expect(renewed.status).toBe('successful-ok');
    expect((await ipp(emu, 'Cancel-Subscription', { user: 'bob', operation: [attr.integer('notify-subscription-id', id)] })).status).toBe('client-error-not-authorized');
    expect((await notifications([id], undefined, 'bob')).status).toBe('client-error-not-authorized');

    // Set-Printer-Attributes is a configuration change the subscription hears of.
    const set = await ipp(emu, 'Set-Printer-Attributes', { user: 'root', groups: [{ tag: DelimiterTag.printerAttributes, attributes: [attr.text('printer-location', 'Room 4.01')] }] });
    expect(set.status).toBe('successful-ok');
    expect((await notifications([id])).groups(EVENT).map((e) => e['notify-subscribed-event']![0])).toEqual(['printer-config-changed']);

    emu.advance(61_000);
    expect((await notifications([id])).status).toBe('client-error-not-found');
  });

  it('refuses push subscriptions and subscriptions without a method, per group', async () => {
    const res = await ipp(emu, 'Create-Printer-Subscriptions', {
      groups: [
        { tag: SUB, attributes: [attr.uri('notify-recipient-uri', 'mailto:alice@example.com'), attr.keyword('notify-events', 'job-completed')] },
        { tag: SUB, attributes: [attr.keyword('notify-events', 'job-completed')] },
        { tag: SUB, attributes: [attr.keyword('notify-pull-method', 'ippget')] },
      ],
    });
    expect(res.status).toBe('successful-ok-ignored-subscriptions');
    expect(res.groups(SUB).map((g) => g['notify-status-code']?.[0] ?? g['notify-subscription-id']![0])).toEqual([
      'client-error-uri-scheme-not-supported',
      'client-error-bad-request',
      1,
    ]);
  });
});
