import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { PDFDocument } from '../../src/render/pdf.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const doc = (name: string) => path.join(root, 'fixtures/documents', name);
const config = (name: string) => path.join(root, 'fixtures/configs', `${name}.json`);

function sink(): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  return { stream, text: () => out };
}

describe('printsim render (renderCommand)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'printsim-render-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: Partial<Parameters<typeof renderCommand>[0]> & { input: string; config: string }, isTTY = false) {
    const stdout = sink();
    const stderr = sink();
    const code = await renderCommand({ output: path.join(dir, 'out.pdf'), ...args }, { stdout: stdout.stream, stderr: stderr.stream, isTTY });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('writes the PDF and the manifest, and says what it printed', async () => {
    const r = await run({ input: doc('pages-12-a4.pdf'), config: config('nup-4-clockwise-from-top-left'), manifest: path.join(dir, 'm.json') });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/3 side\(s\) on 3 sheet\(s\) of A4, 12 source page\(s\) placed, printer office-color/);
    expect((await PDFDocument.load(readFileSync(path.join(dir, 'out.pdf')))).getPageCount()).toBe(3);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'm.json'), 'utf8'));
    expect(manifest.totals).toEqual({ sheets: 3, impressions: 3, blankImpressions: 0, sourcePagesPrinted: 12 });
  });

  it('accepts a {"configuration": ...} wrapper and a bundled printer by name', async () => {
    const job = path.join(dir, 'job.json');
    writeFileSync(job, JSON.stringify({ displayName: 'x', configuration: { copies: 2 } }));
    const r = await run({ input: doc('pages-4-letter.pdf'), config: job, printer: 'letter-mono' });
    expect(r.code).toBe(0);
    const out = await PDFDocument.load(readFileSync(path.join(dir, 'out.pdf')));
    expect(out.getPageCount()).toBe(8);
    expect(out.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  });

  it('takes a printer definition file', async () => {
    const def = JSON.parse(readFileSync(path.join(root, 'fixtures/printers/02-letter-mono.json'), 'utf8'));
    const file = path.join(dir, 'printer.json');
    writeFileSync(file, JSON.stringify({ ...def, id: '11111111-2222-4333-8444-555555555555', name: 'my-printer' }));
    const r = await run({ input: doc('pages-4-letter.pdf'), config: config('default'), printer: file });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('printer my-printer');
  });

  it('prints warnings on stderr and still succeeds', async () => {
    const r = await run({ input: doc('pages-12-a4.pdf'), config: config('page-ranges-past-end') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('printsim render: warning: pageRanges 10-20 runs past the end of the 12-page document; printed pages 10-12\n');
  });

  it.each([
    ['a corrupt document', { input: doc('corrupt.pdf'), config: config('default') }, /^printsim render: the PDF is damaged/],
    ['a missing input', { input: path.join(root, 'no-such.pdf'), config: config('default') }, /^printsim render: cannot read the document .*no-such\.pdf: no such file$/],
    ['a configuration the printer refuses', { input: doc('pages-4-letter.pdf'), config: config('nup-16'), printer: 'letter-mono' }, /^printsim render: .*pagesPerSheet/],
    ['an unknown printer', { input: doc('pages-4-letter.pdf'), config: config('default'), printer: 'nope' }, /^printsim render: no printer 'nope': use a file path or one of office-color, letter-mono, production-finisher$/],
  ])('%s: one line on stderr, exit 1, no stack', async (_what, args, message) => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('adds the stack with debug', async () => {
    const r = await run({ input: doc('corrupt.pdf'), config: config('default'), debug: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('shows a progress bar on a terminal for long documents, and erases it', async () => {
    const r = await run({ input: doc('pages-12-a4.pdf'), config: config('copies-2-collated'), ...{} }, true);
    expect(r.code).toBe(0);
    // 12 sides x 2 copies: too short for a bar.
    expect(r.stderr).toBe('');
    const job = path.join(dir, 'many.json');
    writeFileSync(job, JSON.stringify({ copies: 20 }));
    const long = await run({ input: doc('pages-12-a4.pdf'), config: job }, true);
    expect(long.stderr).toContain('rendering [');
    expect(long.stderr).toContain('100%');
    expect(long.stderr.endsWith('\r')).toBe(true);
  });
});
