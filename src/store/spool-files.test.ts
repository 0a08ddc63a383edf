import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SpoolFiles } from '../core/render-job-files.js';
import { Spool } from './spool.js';
import { asyncSpoolFiles, syncSpoolFiles } from './spool-files.js';

describe.each([
  ['syncSpoolFiles', syncSpoolFiles],
  ['asyncSpoolFiles', asyncSpoolFiles],
] as Array<[string, SpoolFiles]>)('%s', (_name, files) => {
  it('links an unchanged output to its document and replaces it later without touching the document', async () => {
    const spool = new Spool(null);
    try {
      const doc = spool.documentPath('d1');
      const out = spool.outputPath('j1');
      await spool.writeDocument('d1', Buffer.from('%PDF-doc'));
      await files.same(doc, out);
      expect(readFileSync(out, 'utf8')).toBe('%PDF-doc');
      expect(statSync(out).ino).toBe(statSync(doc).ino);
      // Linked again (a render after a restart) over the existing output.
      await files.same(doc, out);
      expect(readFileSync(out, 'utf8')).toBe('%PDF-doc');
      // A rendered output replaces the link: the document keeps its bytes.
      await files.replace(out, Buffer.from('%PDF-out'));
      expect(readFileSync(out, 'utf8')).toBe('%PDF-out');
      expect(readFileSync(doc, 'utf8')).toBe('%PDF-doc');
      expect(Buffer.from(await files.read(doc)).toString()).toBe('%PDF-doc');
    } finally {
      spool.close();
    }
  });
});
