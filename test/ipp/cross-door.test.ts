// One job store behind two doors: a job sent over IPP is a Graph printJob
// (door ipp, configuration mapped) that Graph can cancel, and a Graph job is
// in IPP Get-Jobs with its creator as job-originating-user-name.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag } from '../../src/ipp/codec/index.js';
import { ADMIN_SCOPES, adminClient, DEFAULT_PRINTER_ID, graphClient, makePdf, startEmulator } from '../support/harness.js';
import { submitJob, type JobJson } from '../support/graph-flow.js';
import { ipp } from '../support/ipp-request.js';

const JOB = DelimiterTag.jobAttributes;
const PRINTER_PATH = `/print/printers/${DEFAULT_PRINTER_ID}`;

describe('IPP and Graph see the same jobs', () => {
  let emu: Emulator;
  let pdf: Uint8Array;

  beforeEach(async () => {
    emu = await startEmulator();
    pdf = await makePdf(2);
    // A paused printer keeps jobs queued while both doors look at them.
    expect((await ipp(emu, 'Pause-Printer', { user: 'root' })).status).toBe('successful-ok');
  });

  afterEach(async () => {
    await emu.close();
  });

  it('shows an IPP job in Graph with its configuration mapped, and Graph can cancel it', async () => {
    const printed = await ipp(emu, 'Print-Job', {
      user: 'alice@contoso.com',
      operation: [attr.name('job-name', 'from IPP'), attr.mimeMediaType('document-format', 'application/pdf')],
      groups: [
        {
          tag: JOB,
          attributes: [
            attr.keyword('sides', 'two-sided-short-edge'),
            attr.integer('copies', 3),
            attr.keyword('print-color-mode', 'bi-level'),
            attr.collection('media-col', [
              attr.collection('media-size', [attr.integer('x-dimension', 21590), attr.integer('y-dimension', 27940)]),
              attr.keyword('media-source', 'tray-2'),
              attr.keyword('media-type', 'cardstock'),
              attr.integer('media-top-margin', 423),
            ]),
            attr.enum('finishings', 'staple-top-left'),
          ],
        },
      ],
      data: pdf,
    });
    expect(printed.status).toBe('successful-ok');
    const jobId = String(printed.group(JOB)['job-id']![0]);

    const graph = adminClient(emu);
    const job = (await graph.api(`${PRINTER_PATH}/jobs/${jobId}`).get()) as JobJson;
    const beta = graphClient(emu, { kind: 'user', upn: 'admin@contoso.com', scopes: ADMIN_SCOPES, admin: true }, 'beta');
    expect(((await beta.api(`${PRINTER_PATH}/jobs/${jobId}`).get()) as JobJson).displayName).toBe('from IPP');
    expect((job.createdBy as { userPrincipalName: string }).userPrincipalName).toBe('alice@contoso.com');
    expect(job.status.state).toBe('pending');
    expect(job.configuration).toMatchObject({
      duplexMode: 'flipOnShortEdge',
      copies: 3,
      colorMode: 'blackAndWhite',
      mediaSize: 'North America Letter',
      inputBin: 'tray-2',
      mediaType: 'cardstock',
      margin: { top: 4230 },
      finishings: ['stapleTopLeft'],
    });

    await graph.api(`${PRINTER_PATH}/jobs/${jobId}/cancel`).post({});
    const after = await ipp(emu, 'Get-Job-Attributes', { operation: [attr.integer('job-id', Number(jobId))] });
    expect(after.group(JOB)['job-state']).toEqual([7]);
    expect(after.group(JOB)['job-state-reasons']).toEqual(['job-canceled-by-user']);
  });

  it('lists a Graph job in IPP Get-Jobs, and IPP can cancel it for its creator', async () => {
    const graph = adminClient(emu, 'carol@contoso.com');
    const created = await submitJob(graph, PRINTER_PATH, pdf, { duplexMode: 'flipOnLongEdge', copies: 2, mediaSize: 'A4', orientation: 'landscape' });

    const listed = await ipp(emu, 'Get-Jobs', { operation: [attr.keyword('requested-attributes', 'all')] });
    const group = listed.groups(JOB).find((g) => String(g['job-id']![0]) === created.id)!;
    expect(group).toMatchObject({
      'job-originating-user-name': ['carol@contoso.com'],
      'job-state': [3],
      sides: ['two-sided-long-edge'],
      copies: [2],
      media: ['iso_a4_210x297mm'],
      'orientation-requested': [4],
    });

    expect((await ipp(emu, 'Cancel-Job', { user: 'dave@contoso.com', operation: [attr.integer('job-id', Number(created.id))] })).status).toBe('client-error-not-authorized');
    expect((await ipp(emu, 'Cancel-Job', { user: 'carol@contoso.com', operation: [attr.integer('job-id', Number(created.id))] })).status).toBe('successful-ok');
    const job = (await graph.api(created.path).get()) as JobJson;
    expect(job.status.state).toBe('canceled');
  });
});
