// The job operations of IPP/2.1-2.2 (RFC 3998, PWG 5100.5, PWG 5100.7,
// RFC 8011 Restart-Job): queue order, suspend and resume, the ways to cancel,
// printing a finished job again, and multiple-document jobs.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag, type IppAttribute } from '../../src/ipp/codec/index.js';
import { makePdf, startEmulator, until } from '../support/harness.js';
import { ipp } from '../support/ipp-request.js';

const JOB = DelimiterTag.jobAttributes;
const DOC = DelimiterTag.documentAttributes;

describe('IPP job control', () => {
  let emu: Emulator;
  let pdf: Uint8Array;

  beforeEach(async () => {
    emu = await startEmulator();
    pdf = await makePdf(1);
  });

  afterEach(async () => {
    await emu.close();
  });

  const printer = () => emu.printer('office-color');
  const leaf = (id: number) => emu.service.getJob(String(id)).leaf;
  const job = (id: number, extra: IppAttribute[] = []) => [attr.integer('job-id', id), ...extra];

  async function print(user = 'alice', job: IppAttribute[] = []): Promise<number> {
    const res = await ipp(emu, 'Print-Job', { user, operation: [attr.mimeMediaType('document-format', 'application/pdf')], groups: job.length > 0 ? [{ tag: JOB, attributes: job }] : [], data: pdf });
    expect(res.status).toBe('successful-ok');
    return res.group(JOB)['job-id']![0] as number;
  }

  async function jobAttrs(id: number, ...names: string[]): Promise<Record<string, unknown[]>> {
    return (await ipp(emu, 'Get-Job-Attributes', { operation: job(id, [attr.keyword('requested-attributes', names[0]!, ...names.slice(1))]) })).group(JOB);
  }

  it('reorders the queue with Promote-Job and Schedule-Job-After', async () => {
    await ipp(emu, 'Pause-Printer', { user: 'root' });
    const [a, b, c] = [await print(), await print(), await print()];
    expect(printer().queuedJobIds()).toEqual([a, b, c].map(String));
    expect((await ipp(emu, 'Promote-Job', { user: 'alice', operation: job(c) })).status).toBe('client-error-not-authorized');
    expect((await ipp(emu, 'Promote-Job', { user: 'root', operation: job(c) })).status).toBe('successful-ok');
    expect(printer().queuedJobIds()).toEqual([c, a, b].map(String));
    expect((await ipp(emu, 'Schedule-Job-After', { user: 'root', operation: job(a, [attr.integer('predecessor-job-id', b)]) })).status).toBe('successful-ok');
    expect(printer().queuedJobIds()).toEqual([c, b, a].map(String));
    // Get-Jobs lists not-completed jobs in the order they will print.
    const listed = await ipp(emu, 'Get-Jobs', { operation: [attr.keyword('requested-attributes', 'job-id')] });
    expect(listed.groups(JOB).map((g) => g['job-id']![0])).toEqual([c, b, a]);
  });

  it('suspends the current job, lets the queue go on, and resumes it', async () => {
    const first = await print();
    const second = await print();
    expect(leaf(first)).toMatch(/^processing/);
    expect((await ipp(emu, 'Suspend-Current-Job', { user: 'root' })).status).toBe('successful-ok');
    expect(await jobAttrs(first, 'job-state', 'job-state-reasons')).toEqual({ 'job-state': [6], 'job-state-reasons': ['job-suspended'] });
    expect(printer().currentJobId()).toBe(String(second));
    expect((await ipp(emu, 'Resume-Job', { operation: job(first) })).status).toBe('successful-ok');
    await until(emu, () => leaf(first) === 'completed' && leaf(second) === 'completed');
    expect((await ipp(emu, 'Resume-Job', { operation: job(first) })).status).toBe('client-error-not-possible');
  });

  it('holds new jobs until Release-Held-New-Jobs', async () => {
    expect((await ipp(emu, 'Hold-New-Jobs', { user: 'root' })).status).toBe('successful-ok');
    const reasons = await ipp(emu, 'Get-Printer-Attributes', { operation: [attr.keyword('requested-attributes', 'printer-state-reasons')] });
    expect(reasons.group(DelimiterTag.printerAttributes)['printer-state-reasons']).toEqual(['hold-new-jobs']);
    const held = await print();
    emu.advance(60_000);
    expect(leaf(held)).toBe('paused.held');
    expect((await ipp(emu, 'Release-Held-New-Jobs', { user: 'root' })).status).toBe('successful-ok');
    await until(emu, () => leaf(held) === 'completed');
  });

  it('cancels the current job, the user’s own jobs, or all of them', async () => {
    await ipp(emu, 'Pause-Printer', { user: 'root' });
    const [a1, b1, a2, b2] = [await print('alice'), await print('bob'), await print('alice'), await print('bob')];
    expect((await ipp(emu, 'Cancel-Current-Job', { user: 'root' })).status).toBe('client-error-not-possible');
    expect((await ipp(emu, 'Cancel-My-Jobs', { user: 'alice' })).status).toBe('successful-ok');
    expect([a1, b1, a2, b2].map(leaf)).toEqual(['canceled', 'pending', 'canceled', 'pending']);
    // job-ids naming another user's job: nothing is canceled.
    const refused = await ipp(emu, 'Cancel-My-Jobs', { user: 'alice', operation: [attr.integer('job-ids', b1)] });
    expect(refused.status).toBe('client-error-not-possible');
    expect(leaf(b1)).toBe('pending');
    await ipp(emu, 'Resume-Printer', { user: 'root' });
    await until(emu, () => leaf(b1).startsWith('processing'));
    expect((await ipp(emu, 'Cancel-Current-Job', { user: 'root', operation: [attr.integer('job-id', b1)] })).status).toBe('successful-ok');
    expect((await jobAttrs(b1, 'job-state-reasons'))['job-state-reasons']).toEqual(['job-canceled-by-operator']);
    expect((await ipp(emu, 'Cancel-Jobs', { user: 'root' })).status).toBe('successful-ok');
    expect(leaf(b2)).toBe('canceled');
  });

  it('prints a finished job again: Restart-Job keeps its id, Reprocess-Job and Resubmit-Job make new ones', async () => {
    const id = await print('alice', [attr.integer('copies', 1)]);
    await until(emu, () => leaf(id) === 'completed');
    expect((await ipp(emu, 'Restart-Job', { operation: job(id) })).status).toBe('successful-ok');
    expect(leaf(id)).not.toBe('completed');
    await until(emu, () => leaf(id) === 'completed');

    const again = await ipp(emu, 'Reprocess-Job', { operation: job(id) });
    expect(again.status).toBe('successful-ok');
    const copyId = again.group(JOB)['job-id']![0] as number;
    expect(copyId).not.toBe(id);

    const resubmitted = await ipp(emu, 'Resubmit-Job', { operation: job(id), groups: [{ tag: JOB, attributes: [attr.integer('copies', 3)] }] });
    expect(resubmitted.status).toBe('successful-ok');
    const newId = resubmitted.group(JOB)['job-id']![0] as number;
    expect(emu.service.getJob(String(newId)).configuration).toEqual({ copies: 3 });
    await until(emu, () => leaf(copyId) === 'completed' && leaf(newId) === 'completed');
    expect(emu.service.getJob(String(newId)).impressions).toBe(3);
    expect((await ipp(emu, 'Reprocess-Job', { user: 'bob', operation: job(id) })).status).toBe('client-error-not-authorized');
  });

  it('keeps several documents in one job: list, rename, cancel one, close', async () => {
    const created = await ipp(emu, 'Create-Job', { operation: [attr.name('job-name', 'bundle')] });
    const id = created.group(JOB)['job-id']![0] as number;
    for (const name of ['cover', 'body', 'annex']) {
      const sent = await ipp(emu, 'Send-Document', {
        operation: job(id, [attr.boolean('last-document', false), attr.mimeMediaType('document-format', 'application/pdf'), attr.name('document-name', name)]),
        data: pdf,
      });
      expect(sent.status).toBe('successful-ok');
    }
    const docs = await ipp(emu, 'Get-Documents', { operation: job(id, [attr.keyword('requested-attributes', 'document-number', 'document-name', 'document-format')]) });
    expect(docs.groups(DOC)).toEqual([
      { 'document-number': [1], 'document-name': ['cover'], 'document-format': ['application/pdf'] },
      { 'document-number': [2], 'document-name': ['body'], 'document-format': ['application/pdf'] },
      { 'document-number': [3], 'document-name': ['annex'], 'document-format': ['application/pdf'] },
    ]);
    const renamed = await ipp(emu, 'Set-Document-Attributes', {
      operation: job(id, [attr.integer('document-number', 2)]),
      groups: [{ tag: DOC, attributes: [attr.name('document-name', 'main part')] }],
    });
    expect(renamed.status).toBe('successful-ok');
    expect((await ipp(emu, 'Cancel-Document', { operation: job(id, [attr.integer('document-number', 3)]) })).status).toBe('successful-ok');
    expect((await ipp(emu, 'Close-Job', { operation: job(id) })).status).toBe('successful-ok');
    const one = await ipp(emu, 'Get-Document-Attributes', { operation: job(id, [attr.integer('document-number', 2)]) });
    expect(one.group(DOC)).toMatchObject({ 'document-name': ['main part'], 'last-document': [true] });
    await until(emu, () => leaf(id) === 'completed');
    expect(emu.service.getJob(String(id)).impressions).toBe(2);
    expect((await ipp(emu, 'Send-Document', { operation: job(id, [attr.boolean('last-document', true)]), data: pdf })).status).toBe('client-error-not-possible');
  });

  it('purges every unfinished job for an operator', async () => {
    await ipp(emu, 'Pause-Printer', { user: 'root' });
    const ids = [await print('alice'), await print('bob')];
    expect((await ipp(emu, 'Purge-Jobs', { user: 'alice' })).status).toBe('client-error-not-authorized');
    expect((await ipp(emu, 'Purge-Jobs', { user: 'root' })).status).toBe('successful-ok');
    expect(ids.map(leaf)).toEqual(['canceled', 'canceled']);
  });
});
