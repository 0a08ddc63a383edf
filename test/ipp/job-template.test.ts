// The Job Template mapping (docs/ipp-mapping.md): every value a printer
// advertises is accepted and comes back unchanged from the Graph
// configuration it maps to; what it does not advertise is ignored with
// successful-ok-ignored-or-substituted-attributes, or refused under
// ipp-attribute-fidelity (RFC 8011 §4.1.7).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINT_FINISHINGS } from '../../src/model/print-types.js';
import { loadPrinterDefinitions, bundledPrintersDir } from '../../src/core/printer-definitions.js';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag, ValueTag, type IppAttribute } from '../../src/ipp/codec/index.js';
import { finishingEnum, mediaColDatabase, TEMPLATE_TABLE } from '../../src/ipp/job-template-mapping.js';
import { makePdf, startEmulator } from '../support/harness.js';
import { ipp } from '../support/ipp-request.js';

const printers = loadPrinterDefinitions(bundledPrintersDir());

describe('the Job Template mapping table', () => {
  it('names every Graph finishing with an IPP finishings enum', () => {
    expect(PRINT_FINISHINGS.filter((f) => finishingEnum(f) === undefined)).toEqual([]);
  });

  for (const printer of printers) {
    it(`accepts and echoes every supported value of ${printer.name}`, () => {
      for (const row of TEMPLATE_TABLE) {
        if (row.fromGraph === undefined) continue;
        // Collections list their member names in xxx-supported; their values are in xxx-database.
        const described = [...row.printer(printer), mediaColDatabase(printer)!];
        const supported = described.find((a) => a.name === `${row.name}-database`) ?? described.find((a) => a.name === `${row.name}-supported`);
        if (supported === undefined || supported.tag === ValueTag.boolean) continue;
        for (const [i, value] of supported.values.entries()) {
          const tag = supported.valueTags?.[i] ?? supported.tag;
          // copies-supported is a range: try both ends.
          const values: IppAttribute[] =
            tag === ValueTag.rangeOfInteger
              ? [attr.integer(row.name, (value as { lower: number }).lower), attr.integer(row.name, (value as { upper: number }).upper)]
              : [attr.of(row.name, tag, value)];
          for (const a of values) {
            const accepted = row.accept(a, printer);
            expect(accepted, `${printer.name} ${row.name}=${JSON.stringify(a.values)}`).not.toBeNull();
            expect(row.fromGraph(accepted!.patch)?.values, `${row.name} echo`).toEqual(a.values);
          }
        }
      }
    });
  }
});

describe('unsupported Job Template values over the wire', () => {
  let emu: Emulator;
  let pdf: Uint8Array;

  beforeAll(async () => {
    emu = await startEmulator();
    pdf = await makePdf(1);
  });

  afterAll(async () => {
    await emu.close();
  });

  const print = (fidelity: boolean, job: IppAttribute[]) =>
    ipp(emu, 'Print-Job', {
      printer: 'letter-mono',
      operation: [attr.boolean('ipp-attribute-fidelity', fidelity), attr.mimeMediaType('document-format', 'application/pdf')],
      groups: [{ tag: DelimiterTag.jobAttributes, attributes: job }],
      data: pdf,
    });

  it('ignores what the printer lacks and says so, then prints with the rest', async () => {
    // letter-mono: no short-edge duplex, no colour, no A4; x-unknown is no attribute at all.
    const res = await print(false, [attr.keyword('sides', 'two-sided-short-edge'), attr.keyword('print-color-mode', 'color'), attr.integer('copies', 3), attr.keyword('x-unknown', 'y')]);
    expect(res.status).toBe('successful-ok-ignored-or-substituted-attributes');
    expect(res.group(DelimiterTag.unsupportedAttributes)).toEqual({
      sides: ['two-sided-short-edge'],
      'print-color-mode': ['color'],
      'x-unknown': [{ outOfBand: 'unsupported' }],
    });
    const job = emu.service.getJob(String(res.group(DelimiterTag.jobAttributes)['job-id']![0]));
    expect(job.configuration).toEqual({ copies: 3 });
  });

  it('refuses the job under ipp-attribute-fidelity and creates nothing', async () => {
    const before = emu.service.listJobs().length;
    const res = await print(true, [attr.keyword('media', 'iso_a4_210x297mm')]);
    expect(res.status).toBe('client-error-attributes-or-values-not-supported');
    expect(res.group(DelimiterTag.unsupportedAttributes)).toEqual({ media: ['iso_a4_210x297mm'] });
    expect(emu.service.listJobs()).toHaveLength(before);
  });

  it('refuses a document format the printer does not take', async () => {
    const res = await ipp(emu, 'Print-Job', { printer: 'letter-mono', operation: [attr.mimeMediaType('document-format', 'image/jpeg')], data: pdf });
    expect(res.status).toBe('client-error-document-format-not-supported');
    // Auto-detection too: application/octet-stream that is a JPEG.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
    const sniffed = await ipp(emu, 'Print-Job', { printer: 'letter-mono', operation: [attr.mimeMediaType('document-format', 'application/octet-stream')], data: jpeg });
    expect(sniffed.status).toBe('client-error-document-format-not-supported');
  });

  it('changes a held job with Set-Job-Attributes, all or nothing, and Graph sees the change', async () => {
    const res = await print(false, [attr.keyword('job-hold-until', 'indefinite')]);
    const jobId = res.group(DelimiterTag.jobAttributes)['job-id']![0] as number;
    const set = (attributes: IppAttribute[]) =>
      ipp(emu, 'Set-Job-Attributes', { printer: 'letter-mono', operation: [attr.integer('job-id', jobId)], groups: [{ tag: DelimiterTag.jobAttributes, attributes }] });
    const refused = await set([attr.integer('copies', 2), attr.keyword('sides', 'two-sided-short-edge')]);
    expect(refused.status).toBe('client-error-attributes-or-values-not-supported');
    expect(emu.service.getJob(String(jobId)).configuration).toEqual({});
    expect((await set([attr.integer('copies', 2), attr.keyword('sides', 'two-sided-long-edge')])).status).toBe('successful-ok');
    expect(emu.service.getJob(String(jobId)).configuration).toEqual({ copies: 2, duplexMode: 'flipOnLongEdge' });
    expect((await set([attr.keyword('job-state', 'x')])).status).toBe('client-error-attributes-not-settable');
  });

  it('describes letter-mono from its definition: no colour, its own media and margins', async () => {
    const res = await ipp(emu, 'Get-Printer-Attributes', {
      printer: 'letter-mono',
      operation: [attr.keyword('requested-attributes', 'color-supported', 'print-color-mode-supported', 'media-supported', 'media-top-margin-supported', 'pages-per-minute-color', 'sides-supported', 'pwg-raster-document-type-supported')],
    });
    expect(res.group(DelimiterTag.printerAttributes)).toEqual({
      'color-supported': [false],
      'print-color-mode-supported': ['bi-level', 'monochrome'],
      'media-supported': ['na_letter_8.5x11in', 'na_legal_8.5x14in', 'na_executive_7.25x10.5in'],
      'media-top-margin-supported': [423],
      'sides-supported': ['one-sided', 'two-sided-long-edge'],
      'pwg-raster-document-type-supported': ['sgray_8'],
    });
  });

  it('shows Graph printer faults as printer-state-reasons with their severity', async () => {
    // A printer no other test printed on, so it is idle.
    const id = emu.printer('production-finisher').id;
    const reasons = async () =>
      (await ipp(emu, 'Get-Printer-Attributes', { printer: 'production-finisher', operation: [attr.keyword('requested-attributes', 'printer-state', 'printer-state-reasons')] })).group(DelimiterTag.printerAttributes);
    emu.service.setPrinterStatus(id, { state: 'stopped', details: ['mediaJam', 'coverOpen', 'tonerLow'], description: 'Jammed.' });
    expect(await reasons()).toEqual({ 'printer-state': [5], 'printer-state-reasons': ['media-jam-error', 'cover-open-error', 'toner-low-warning'] });
    emu.service.setPrinterStatus(id, { state: 'idle', details: ['tonerEmpty'], description: null });
    expect(await reasons()).toEqual({ 'printer-state': [3], 'printer-state-reasons': ['toner-empty-warning'] });
    emu.service.setPrinterStatus(id, null);
    expect(await reasons()).toEqual({ 'printer-state': [3], 'printer-state-reasons': ['none'] });
  });

  it('filters format-dependent values by document-format', async () => {
    const get = (format: string) =>
      ipp(emu, 'Get-Printer-Attributes', { operation: [attr.mimeMediaType('document-format', format), attr.keyword('requested-attributes', 'page-ranges-supported', 'number-up-supported')] });
    expect((await get('image/jpeg')).group(DelimiterTag.printerAttributes)).toEqual({ 'page-ranges-supported': [false], 'number-up-supported': [1] });
    expect((await get('application/pdf')).group(DelimiterTag.printerAttributes)).toEqual({ 'page-ranges-supported': [true], 'number-up-supported': [1, 2, 4, 6, 9, 16] });
    expect((await get('application/postscript')).status).toBe('client-error-document-format-not-supported');
  });
});
