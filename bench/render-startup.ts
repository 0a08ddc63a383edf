// bench/render-startup: how long a 1-page `printsim render` takes as a whole
// process, against cups-filters' pdftopdf on the same page.
//
//   npx tsc -p tsconfig.build.json && npx tsx bench/render-startup.ts [--runs 15]
//
// Each side runs --runs times, one after the other; the figure is the median
// wall time. Rows: bare node (the floor no Node CLI goes under), importing
// pdf-lib alone, `node bin/printsim.mjs render` on the compiled dist/ (the
// launcher runs dist/ when it is newer than src/), and pdftopdf standalone.
// Target: printsim under 0.15 s. Nothing is asserted: this prints figures and
// ratios and exits 0 unless the bench itself breaks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PdfBuilder } from '../test/render/pdf-builder.js';

const PDFTOPDF = process.env.PDFTOPDF ?? '/usr/lib/cups/filter/pdftopdf';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_SECONDS = 0.15;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Math.max(1, Number(values.runs));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median wall seconds of `runs` runs of a command; throws on a failing run. */
function time(cmd: string[], env: NodeJS.ProcessEnv = process.env): number {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    seconds.push((performance.now() - start) / 1000);
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr.toString().trim()}`);
  }
  return median(seconds);
}

const tmp = mkdtempSync(join(tmpdir(), 'printsim-bench-startup-'));
try {
  const input = join(tmp, 'one.pdf');
  const content = 'BT /F1 24 Tf 72 700 Td (one page) Tj ET';
  writeFileSync(
    input,
    new PdfBuilder()
      .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
      .obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595.28 841.89] >>')
      .obj(3, '<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>')
      .stream(4, '', content)
      .obj(5, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
      .xrefTable({ root: 1 })
      .bytes(),
  );
  const config = join(tmp, 'job.json');
  writeFileSync(config, '{}');
  if (!existsSync(join(ROOT, 'dist/cli.js'))) console.log('dist/ missing: run `npx tsc -p tsconfig.build.json` first (bin/printsim.mjs falls back to tsx)');

  const rows: Array<[string, number]> = [
    ['node -e ""', time([process.execPath, '-e', ''])],
    ["import('@cantoo/pdf-lib')", time([process.execPath, '-e', "await import('@cantoo/pdf-lib')"])],
    ['printsim render (bin, dist/)', time([process.execPath, 'bin/printsim.mjs', 'render', input, '--config', config, '-o', join(tmp, 'out.pdf')])],
  ];
  const p2p = existsSync(PDFTOPDF)
    ? time([PDFTOPDF, '1', 'bench', 'one.pdf', '1', 'PageSize=A4', input], { ...process.env, CONTENT_TYPE: 'application/pdf', FINAL_CONTENT_TYPE: 'application/pdf', PPD: '' })
    : undefined;
  if (p2p !== undefined) rows.push(['pdftopdf', p2p]);
  console.log(`median of ${runs} runs each, wall seconds`);
  for (const [name, s] of rows) console.log(`  ${name.padEnd(32)} ${s.toFixed(3)}`);
  const printsim = rows[2]![1];
  console.log(`printsim 1-page render: ${printsim.toFixed(3)} s (target < ${TARGET_SECONDS} s: ${printsim < TARGET_SECONDS ? 'met' : 'NOT met'})`);
  if (p2p !== undefined) console.log(`ratio printsim / pdftopdf: ${(printsim / p2p).toFixed(1)}`);
  console.log(`pdf-lib import above bare node: ${(rows[1]![1] - rows[0]![1]).toFixed(3)} s`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
