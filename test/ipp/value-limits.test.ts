// Names and text that printsim stores from IPP requests are held to their
// syntax limits (RFC 8011 §5.1.2 text(MAX) 1023 octets, §5.1.3 name(MAX) 255
// octets; printer-info, printer-location and printer-message-from-operator are
// text(127)): a longer value is refused with client-error-attributes-or-values-
// not-supported, returned in the unsupported-attributes group, and nothing is kept.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag, type IppAttribute } from '../../src/ipp/codec/index.js';
import { adminClient, DEFAULT_PRINTER_ID, makePdf, startEmulator } from '../support/harness.js';
import { ipp, type IppReply } from '../support/ipp-request.js';

const JOB = DelimiterTag.jobAttributes;
const DOC = DelimiterTag.documentAttributes;
const PRINTER = DelimiterTag.printerAttributes;
const UNSUPPORTED = DelimiterTag.unsupportedAttributes;
const REFUSED = 'client-error-attributes-or-values-not-supported';

/** `n` octets of UTF-8 in n/2 characters: the limits count octets, not characters. */
const twoOctetChars = (n: number) => 'é'.repeat(n / 2);

function expectRefused(res: IppReply, name: string): void {
  expect(res.status).toBe(REFUSED);
  expect(Object.keys(res.group(UNSUPPORTED))).toContain(name);
  expect(String(res.op('status-message'))).toContain(name);
}

describe('IPP name and text limits', () => {
  let emu: Emulator;
  let pdf: Uint8Array;

  beforeEach(async () => {
    emu = await startEmulator();
    pdf = await makePdf(1);
  });
  afterEach(async () => {
    await emu.close();
  });

  const jobCount = () => emu.service.listJobs(DEFAULT_PRINTER_ID).length;
  const printJob = (operation: IppAttribute[], user?: string) =>
    ipp(emu, 'Print-Job', { ...(user === undefined ? {} : { user }), operation: [attr.mimeMediaType('document-format', 'application/pdf'), ...operation], data: pdf });

  it('refuses a job-name or document-name over 255 octets on Print-Job, Create-Job and Validate-Job, and creates no job', async () => {
    const before = jobCount();
    expectRefused(await printJob([attr.name('job-name', twoOctetChars(256))]), 'job-name');
    expectRefused(await printJob([attr.name('document-name', 'd'.repeat(256))]), 'document-name');
    expectRefused(await ipp(emu, 'Create-Job', { operation: [attr.name('job-name', 'j'.repeat(256))] }), 'job-name');
    expectRefused(await ipp(emu, 'Validate-Job', { operation: [attr.name('job-name', 'j'.repeat(256))] }), 'job-name');
    expectRefused(await printJob([], 'u'.repeat(256)), 'requesting-user-name');
    expect(jobCount()).toBe(before);

    // 255 octets is a name(MAX) and is kept whole.
    const longest = twoOctetChars(254) + 'x';
    const ok = await printJob([attr.name('job-name', longest)]);
    expect(ok.status).toBe('successful-ok');
    const id = ok.group(JOB)['job-id']![0] as number;
    const got = await ipp(emu, 'Get-Job-Attributes', { operation: [attr.integer('job-id', id), attr.keyword('requested-attributes', 'job-name')] });
    expect(got.group(JOB)['job-name']).toEqual([longest]);
    expect(jobCount()).toBe(before + 1);
  });

  it('refuses an over-long job-name in Set-Job-Attributes and document-name in Set-Document-Attributes, and keeps the old ones', async () => {
    const created = await ipp(emu, 'Create-Job', { operation: [attr.name('job-name', 'quarterly')] });
    expect(created.status).toBe('successful-ok');
    const id = created.group(JOB)['job-id']![0] as number;
    const job = (more: IppAttribute[] = []) => [attr.integer('job-id', id), ...more];
    const sent = await ipp(emu, 'Send-Document', { operation: job([attr.boolean('last-document', false), attr.mimeMediaType('document-format', 'application/pdf'), attr.name('document-name', 'cover')]), data: pdf });
    expect(sent.status).toBe('successful-ok');

    expectRefused(await ipp(emu, 'Set-Job-Attributes', { operation: job(), groups: [{ tag: JOB, attributes: [attr.name('job-name', twoOctetChars(256))] }] }), 'job-name');
    expectRefused(
      await ipp(emu, 'Set-Document-Attributes', { operation: job([attr.integer('document-number', 1)]), groups: [{ tag: DOC, attributes: [attr.name('document-name', 'n'.repeat(256))] }] }),
      'document-name',
    );
    const jobAttrs = await ipp(emu, 'Get-Job-Attributes', { operation: job([attr.keyword('requested-attributes', 'job-name')]) });
    expect(jobAttrs.group(JOB)['job-name']).toEqual(['quarterly']);
    const docAttrs = await ipp(emu, 'Get-Document-Attributes', { operation: job([attr.integer('document-number', 1)]) });
    expect(docAttrs.group(DOC)['document-name']).toEqual(['cover']);

    // Within the limit, both still change.
    expect((await ipp(emu, 'Set-Job-Attributes', { operation: job(), groups: [{ tag: JOB, attributes: [attr.name('job-name', 'q'.repeat(255))] }] })).status).toBe('successful-ok');
  });

  it('refuses printer text over 127 octets in Set-Printer-Attributes, all or nothing, and Graph sees no change', async () => {
    const admin = adminClient(emu);
    const graphBefore = await admin.api(`/print/printers/${DEFAULT_PRINTER_ID}`).get();
    const requested = attr.keyword('requested-attributes', 'printer-info', 'printer-location', 'printer-message-from-operator', 'printer-organization');
    const ippBefore = (await ipp(emu, 'Get-Printer-Attributes', { operation: [requested] })).group(PRINTER);
    const set = (attributes: IppAttribute[]) => ipp(emu, 'Set-Printer-Attributes', { user: 'root', groups: [{ tag: PRINTER, attributes }] });

    expectRefused(await set([attr.text('printer-info', twoOctetChars(128))]), 'printer-info');
    expectRefused(await set([attr.text('printer-info', 'Front Desk'), attr.text('printer-location', 'l'.repeat(128))]), 'printer-location');
    expectRefused(await set([attr.text('printer-message-from-operator', 'm'.repeat(128))]), 'printer-message-from-operator');
    expectRefused(await set([attr.text('printer-organization', 'o'.repeat(128))]), 'printer-organization');
    expectRefused(await set([attr.text('printer-organizational-unit', 'unit', ...Array.from({ length: 16 }, (_, i) => `unit ${i}`))]), 'printer-organizational-unit');

    expect(await admin.api(`/print/printers/${DEFAULT_PRINTER_ID}`).get()).toEqual(graphBefore);
    expect((await ipp(emu, 'Get-Printer-Attributes', { operation: [requested] })).group(PRINTER)).toEqual(ippBefore);

    // 127 octets fit.
    expect((await set([attr.text('printer-info', twoOctetChars(126) + 'x')])).status).toBe('successful-ok');
    expect(((await admin.api(`/print/printers/${DEFAULT_PRINTER_ID}`).get()) as { displayName: string }).displayName).toBe(twoOctetChars(126) + 'x');
  });
});
