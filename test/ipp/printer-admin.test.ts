// Printer administration over IPP (RFC 8011 §4.2.7-§4.2.8, RFC 3380, RFC
// 3998, PWG 5100.13 Identify-Printer), seen from IPP and from Graph.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag } from '../../src/ipp/codec/index.js';
import { adminClient, DEFAULT_PRINTER_ID, makePdf, startEmulator, until } from '../support/harness.js';
import { ipp } from '../support/ipp-request.js';

const PRINTER = DelimiterTag.printerAttributes;

describe('IPP printer administration', () => {
  let emu: Emulator;
  let pdf: Uint8Array;

  beforeEach(async () => {
    emu = await startEmulator();
    pdf = await makePdf(1);
  });

  afterEach(async () => {
    await emu.close();
  });

  const state = async () =>
    (await ipp(emu, 'Get-Printer-Attributes', { operation: [attr.keyword('requested-attributes', 'printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs')] })).group(PRINTER);
  const print = () => ipp(emu, 'Print-Job', { operation: [attr.mimeMediaType('document-format', 'application/pdf')], data: pdf });

  it('disables and enables job submission, as Graph isAcceptingJobs', async () => {
    expect((await ipp(emu, 'Disable-Printer', { user: 'root' })).status).toBe('successful-ok');
    expect(emu.printer('office-color').state.isAcceptingJobs).toBe(false);
    expect((await print()).status).toBe('server-error-not-accepting-jobs');
    expect((await ipp(emu, 'Enable-Printer', { user: 'root' })).status).toBe('successful-ok');
    expect((await print()).status).toBe('successful-ok');
  });

  it('pauses after the current job, and resumes', async () => {
    const res = await print();
    const id = String(res.group(DelimiterTag.jobAttributes)['job-id']![0]);
    expect((await ipp(emu, 'Pause-Printer-After-Current-Job', { user: 'root' })).status).toBe('successful-ok');
    expect((await state())['printer-state-reasons']).toEqual(['moving-to-paused']);
    await until(emu, () => emu.service.getJob(id).leaf === 'completed');
    expect(await state()).toEqual({ 'printer-state': [5], 'printer-state-reasons': ['paused'], 'printer-is-accepting-jobs': [true] });
    expect((await ipp(emu, 'Resume-Printer', { user: 'root' })).status).toBe('successful-ok');
    expect((await state())['printer-state']).toEqual([3]);
  });

  it('shuts down and starts up; Restart-Printer clears a pause', async () => {
    expect((await ipp(emu, 'Shutdown-Printer', { user: 'root' })).status).toBe('successful-ok');
    expect(await state()).toEqual({ 'printer-state': [5], 'printer-state-reasons': ['shutdown'], 'printer-is-accepting-jobs': [false] });
    expect((await ipp(emu, 'Startup-Printer', { user: 'root' })).status).toBe('successful-ok');
    expect(await state()).toEqual({ 'printer-state': [3], 'printer-state-reasons': ['none'], 'printer-is-accepting-jobs': [true] });
    await ipp(emu, 'Pause-Printer', { user: 'root' });
    expect((await ipp(emu, 'Restart-Printer', { user: 'root' })).status).toBe('successful-ok');
    expect((await state())['printer-state-reasons']).toEqual(['none']);
  });

  it('keeps a Graph fault when the operator resumes a paused printer', async () => {
    emu.service.setPrinterStatus(DEFAULT_PRINTER_ID, { state: 'stopped', details: ['coverOpen'], description: 'Cover open.' });
    await ipp(emu, 'Pause-Printer', { user: 'root' });
    expect((await state())['printer-state-reasons']).toEqual(['cover-open-error', 'paused']);
    await ipp(emu, 'Resume-Printer', { user: 'root' });
    expect(await state()).toMatchObject({ 'printer-state': [5], 'printer-state-reasons': ['cover-open-error'] });
  });

  it('sets printer attributes: printer-info is the Graph displayName, printer-geo-location the Graph location', async () => {
    const set = await ipp(emu, 'Set-Printer-Attributes', {
      user: 'root',
      groups: [
        {
          tag: PRINTER,
          attributes: [
            attr.text('printer-info', 'Front Desk Color'),
            attr.uri('printer-geo-location', 'geo:47.6062,-122.3321'),
            attr.text('printer-message-from-operator', 'Toner arrives Monday.'),
          ],
        },
      ],
    });
    expect(set.status).toBe('successful-ok');
    const graph = (await adminClient(emu).api(`/print/printers/${DEFAULT_PRINTER_ID}`).get()) as { displayName: string; location: { latitude: number; longitude: number } };
    expect(graph.displayName).toBe('Front Desk Color');
    expect(graph.location).toMatchObject({ latitude: 47.6062, longitude: -122.3321 });
    const got = await ipp(emu, 'Get-Printer-Attributes', {
      operation: [attr.keyword('requested-attributes', 'printer-info', 'printer-geo-location', 'printer-message-from-operator')],
    });
    expect(got.group(PRINTER)).toEqual({
      'printer-info': ['Front Desk Color'],
      'printer-geo-location': ['geo:47.6062,-122.3321'],
      'printer-message-from-operator': ['Toner arrives Monday.'],
    });

    const refused = await ipp(emu, 'Set-Printer-Attributes', { user: 'root', groups: [{ tag: PRINTER, attributes: [attr.keyword('printer-state-reasons', 'none')] }] });
    expect(refused.status).toBe('client-error-attributes-not-settable');
    const supported = await ipp(emu, 'Get-Printer-Supported-Values', { operation: [attr.keyword('requested-attributes', 'printer-info', 'printer-geo-location')] });
    expect(supported.group(PRINTER)).toEqual({ 'printer-info': [{ outOfBand: 'admin-define' }], 'printer-geo-location': ['geo'] });
  });

  it('records Identify-Printer on the status page', async () => {
    const res = await ipp(emu, 'Identify-Printer', { operation: [attr.keyword('identify-actions', 'display', 'flash'), attr.text('message', 'Over here!')] });
    expect(res.status).toBe('successful-ok-ignored-or-substituted-attributes');
    expect(res.group(DelimiterTag.unsupportedAttributes)).toEqual({ 'identify-actions': ['flash'] });
    const page = await (await fetch(`${emu.baseUrl}/ipp/print/office-color`)).text();
    expect(page).toContain('(display): Over here!');
  });
});
