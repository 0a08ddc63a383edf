import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('reads back what was written, whatever order the ranges raced in', async () => {
    const spool = new Spool(null);
    try {
      const bytes = Buffer.from('0123456789abcdefghij');
      const body = (b: Buffer) => Readable.from([b.subarray(0, 3), b.subarray(3)]);
      const read = (id: string) => readFileSync(spool.documentPath(id));
      // Written whole: mutating the chunks later changes nothing.
      const chunk = Buffer.from(bytes);
      await spool.writeAt('d1', 0, Readable.from([chunk]), 20);
      chunk.fill(0);
      expect(read('d1')).toEqual(bytes);
      await Promise.all([spool.writeAt('d2', 10, body(bytes.subarray(10)), 10), spool.writeAt('d2', 0, body(bytes.subarray(0, 10)), 10)]);
      expect(read('d2')).toEqual(bytes);
      // Replaced or copied over: the new bytes.
      await spool.writeDocument('d2', Buffer.from('other'));
      expect(read('d2').toString()).toBe('other');
      await spool.copyDocument('d2', 'd1');
      expect(read('d1').toString()).toBe('other');
    } finally {
      spool.close();
    }
  });

  it('removes a job output and its manifest, and does not mind when there is none', async () => {
    const spool = new Spool(null);
    try {
      writeFileSync(spool.outputPath('j1'), '%PDF-out');
      writeFileSync(spool.manifestPath('j1'), '{}');
      expect(spool.hasOutput('j1')).toBe(true);
      await spool.removeOutput('j1');
      await spool.removeOutput('j1');
      expect(spool.hasOutput('j1')).toBe(false);
      expect(existsSync(spool.manifestPath('j1'))).toBe(false);
    } finally {
      spool.close();
    }
  });

  it('places a small document through a ready-made file, and a later range of it writes into that file', async () => {
    const spool = new Spool(null, { pool: 2 });
    try {
      for (let i = 0; i < 1000 && readdirSync(join(spool.dir, 'pool')).length === 0; i++) await new Promise((r) => setTimeout(r, 1));
      const bytes = Buffer.from('0123456789abcdefghij');
      await spool.writeAt('d1', 0, Readable.from([bytes.subarray(0, 10)]), 10);
      // Another small range of the same document finds it begun: link() refuses the name, the range lands in it.
      for (let i = 0; i < 1000 && readdirSync(join(spool.dir, 'pool')).length === 0; i++) await new Promise((r) => setTimeout(r, 1));
      await spool.writeAt('d1', 10, Readable.from([bytes.subarray(10)]), 10);
      expect(readFileSync(spool.documentPath('d1'))).toEqual(bytes);
      // The pool's name for it goes (on the thread pool, so shortly).
      for (let i = 0; i < 1000 && statSync(spool.documentPath('d1')).nlink > 1; i++) await new Promise((r) => setTimeout(r, 1));
      expect(statSync(spool.documentPath('d1')).nlink).toBe(1);
    } finally {
      spool.close();
    }
  });

  it('renames a ready-made file into place for a whole small document, leaving the pool one name shorter', async () => {
    const spool = new Spool(null, { pool: 2 });
    try {
      const pool = join(spool.dir, 'pool');
      for (let i = 0; i < 1000 && readdirSync(pool).length < 3; i++) await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => setTimeout(r, 10));
      const made = new Set(readdirSync(pool).map((n) => statSync(join(pool, n)).ino));
      await spool.writeAt('d1', 0, Readable.from([Buffer.from('%PDF-whole')]), 100, { whole: true });
      expect(readFileSync(spool.documentPath('d1'), 'utf8')).toBe('%PDF-whole');
      expect(made.has(statSync(spool.documentPath('d1')).ino)).toBe(true);
      expect(statSync(spool.documentPath('d1')).nlink).toBe(1);
    } finally {
      spool.close();
    }
  });
});

