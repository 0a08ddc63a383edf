import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Spool } from './spool.js';

describe('Spool', () => {
  it('lets ranges create the document file in any order without truncating each other', async () => {
    const spool = new Spool(null);
    try {
      const bytes = Buffer.from('0123456789abcdefghij');
      // Several chunks per range, as a socket delivers them.
      const body = (b: Buffer) => Readable.from([b.subarray(0, 3), b.subarray(3)]);
      await Promise.all([spool.writeAt('d1', 10, body(bytes.subarray(10)), 10), spool.writeAt('d1', 0, body(bytes.subarray(0, 10)), 10)]);
      expect(readFileSync(spool.documentPath('d1'))).toEqual(bytes);
      await expect(spool.writeAt('d1', 0, body(bytes), 10)).rejects.toThrow(/longer than the 10 bytes/);
    } finally {
      spool.close();
    }
  });

  it('writes an output from bytes, or as a copy of a document', async () => {
    const spool = new Spool(null);
    try {
      await spool.writeDocument('d1', Buffer.from('%PDF-doc'));
      await spool.writeOutput('j1', { copyOf: 'd1' }, { sheets: [] });
      await spool.writeOutput('j2', Buffer.from('%PDF-out'), { sheets: [1] });
      expect(readFileSync(spool.outputPath('j1'), 'utf8')).toBe('%PDF-doc');
      expect(readFileSync(spool.outputPath('j2'), 'utf8')).toBe('%PDF-out');
      expect(await spool.readManifest('j2')).toEqual({ sheets: [1] });
    } finally {
      spool.close();
    }
  });

  it('reads back what was written, from memory or from the file, whatever raced', async () => {
    const spool = new Spool(null);
    try {
      const bytes = Buffer.from('0123456789abcdefghij');
      const body = (b: Buffer) => Readable.from([b.subarray(0, 3), b.subarray(3)]);
      // Written whole: the next read gets it (and mutating the chunks later changes nothing).
      const chunk = Buffer.from(bytes);
      await spool.writeAt('d1', 0, Readable.from([chunk]), 20);
      chunk.fill(0);
      expect(await spool.readDocument('d1')).toEqual(bytes);
      expect(await spool.readDocument('d1')).toEqual(bytes);
      // Two ranges at once, either order: the read is the whole file.
      await Promise.all([spool.writeAt('d2', 10, body(bytes.subarray(10)), 10), spool.writeAt('d2', 0, body(bytes.subarray(0, 10)), 10)]);
      expect(await spool.readDocument('d2')).toEqual(bytes);
      await Promise.all([spool.writeAt('d3', 0, body(bytes.subarray(0, 10)), 10), spool.writeAt('d3', 10, body(bytes.subarray(10)), 10)]);
      expect(await spool.readDocument('d3')).toEqual(bytes);
      // A range after the first write: the file, not the first range.
      await spool.writeAt('d4', 0, body(bytes.subarray(0, 10)), 10);
      await spool.writeAt('d4', 10, body(bytes.subarray(10)), 10);
      expect(await spool.readDocument('d4')).toEqual(bytes);
      // Replaced or copied over: the new bytes.
      await spool.writeAt('d5', 0, body(bytes), 20);
      await spool.writeDocument('d5', Buffer.from('other'));
      expect((await spool.readDocument('d5')).toString()).toBe('other');
      await spool.writeAt('d6', 0, body(bytes), 20);
      await spool.copyDocument('d5', 'd6');
      expect((await spool.readDocument('d6')).toString()).toBe('other');
    } finally {
      spool.close();
    }
  });
});
