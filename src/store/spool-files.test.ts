import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpoolFiles } from '../model/ports.js';
import { RENDER_POOL_PREFIX, Spool } from './spool.js';
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

describe('syncSpoolFiles with ready-made files', () => {
  it('writes into a file made ahead and renames it over the name, leaving a linked document alone', async () => {
    const spool = new Spool(null);
    try {
      const doc = spool.documentPath('d1');
      const out = spool.outputPath('j1');
      await spool.writeDocument('d1', Buffer.from('%PDF-doc'));
      syncSpoolFiles.same(doc, out);
      // The first write starts this thread's pool beside outputs/; wait until it has files.
      syncSpoolFiles.write(spool.manifestPath('j1'), '{"sheets":[]}');
      const pool = readdirSync(spool.dir).find((n) => n.startsWith(RENDER_POOL_PREFIX));
      expect(pool).toBeDefined();
      for (let i = 0; i < 1000 && readdirSync(join(spool.dir, pool!)).length === 0; i++) await new Promise((r) => setTimeout(r, 1));
      // ...and for the loop turn that hears they are made.
      await new Promise((r) => setTimeout(r, 10));
      const made = new Set(readdirSync(join(spool.dir, pool!)).map((n) => statSync(join(spool.dir, pool!, n)).ino));
      syncSpoolFiles.replace(out, Buffer.from('%PDF-out'));
      expect(made.has(statSync(out).ino)).toBe(true);
      syncSpoolFiles.write(spool.manifestPath('j1'), '{"sheets":[1]}');
      expect(readFileSync(out, 'utf8')).toBe('%PDF-out');
      expect(readFileSync(doc, 'utf8')).toBe('%PDF-doc');
      expect(readFileSync(spool.manifestPath('j1'), 'utf8')).toBe('{"sheets":[1]}');
    } finally {
      spool.close();
    }
  });
});

