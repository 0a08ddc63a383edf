import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledPrintersDir, loadPrinterDefinitions } from '../core/printer-definitions.js';
import { DocumentError } from '../model/ports.js';
import { resolveConfiguration } from '../core/validate-configuration.js';
import { createJobRenderer } from './job-renderer.js';

const printer = loadPrinterDefinitions(bundledPrintersDir())[0]!;
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/documents/${name}`, import.meta.url)));

describe('createJobRenderer', () => {
  it('counts every side the device prints, blank backs included', async () => {
    const out = await createJobRenderer()({
      bytes: fixture('pages-4-letter.pdf'),
      contentType: 'application/pdf',
      configuration: resolveConfiguration({ duplexMode: 'flipOnLongEdge', pageRanges: [{ start: 1, end: 3 }] }, printer),
      printer,
      documentName: 'doc.pdf',
    });
    expect(out.impressions).toBe(4);
    expect(out.warnings).toEqual([]);
  });

  it('turns bad documents into DocumentError for the job to end aborted', async () => {
    const job = createJobRenderer()({
      bytes: fixture('corrupt.pdf'),
      contentType: 'application/pdf',
      configuration: resolveConfiguration({}, printer),
      printer,
      documentName: 'corrupt.pdf',
    });
    await expect(job).rejects.toBeInstanceOf(DocumentError);
  });
});
