// bench/render: `printsim render` against cups-filters' pdftopdf (issue 3, "bench/render").
//
//   npx tsx bench/render.ts [--pages 200,5000] [--runs R] [--timeout 180] [--budget 900]
//
// Generates A4 PDFs (text and vector graphics) in a temp folder and runs two
// equivalent jobs on each, every side as a whole process:
//   1. the first three quarters of the source pages, 2 copies collated, duplex
//      long edge, 2-up, A4;
//   2. 4-up grayscale, A4.
// Sides: pdftopdf standalone (as ../shared/harness/pdftopdf-render.sh calls it:
// no PPD, so it makes the copies itself); printsim from source
// (`node --import tsx src/cli.ts render`, what a checkout gives); printsim
// compiled (`node dist/cli.js render`; `npm run build` first when dist/ is
// missing or stale; removed at the end if there was no dist/ before). Plus the
// renderer's own time inside this warm process.
//
// Time is the median of R runs (default 3 up to 1,000 pages, else 2). Ratios
// are printsim ÷ pdftopdf: target at most 1.0 on the largest document, whose
// peak RSS must stay under 3 × its size + 150 MB. The smallest document's
// process time is split into start-up and render. Nothing is asserted: exit 0
// unless the bench itself breaks.
//
// CUPS counts page-ranges in output pages, after number-up; printsim's
// pageRanges counts source pages. Job 1 gives pdftopdf input-page-ranges when
// it honours it (probed), else page-ranges over the 2-up sides.
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PrintJobConfiguration } from '../src/model/print-types.js';
import { bundledPrintersDir, loadPrinterDefinitions } from '../src/core/printer-definitions.js';
import { resolveConfiguration } from '../src/core/validate-configuration.js';
import { render } from '../src/render/render.js';

const PDFTOPDF = process.env.PDFTOPDF ?? '/usr/lib/cups/filter/pdftopdf';
const GNU_TIME = '/usr/bin/time';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const DIST_CLI = join(DIST, 'cli.js');
const PRINTER = 'office-color';
const TARGET_RATIO = 1.0;
const RSS_INPUT_FACTOR = 3;
const RSS_ALLOWANCE_MB = 150;

// ------------------------------------------------------------------ jobs

interface Job {
  name: string;
  config: PrintJobConfiguration;
  /** pdftopdf's COPIES argument and CUPS option string for the same job. */
  copies: number;
  cups: string;
}

/** The last source page of job 1: three quarters of the document. */
const lastOfJob1 = (pages: number): number => Math.max(1, Math.floor((pages * 3) / 4));

function jobsFor(pages: number, inputRanges: boolean): Job[] {
  const last = lastOfJob1(pages);
  const range = inputRanges ? `input-page-ranges=1-${last}` : `page-ranges=1-${Math.ceil(last / 2)}`;
  return [
    {
      name: `1: p1-${last}, 2 coll, duplex, 2-up`,
      config: {
        mediaSize: 'A4',
        pageRanges: [{ start: 1, end: last }],
        copies: 2,
        collate: true,
        duplexMode: 'flipOnLongEdge',
        pagesPerSheet: 2,
      },
      copies: 2,
      cups: `PageSize=A4 number-up=2 ${range} Collate=True sides=two-sided-long-edge`,
    },
    {
      name: '2: 4-up grayscale',
      config: { mediaSize: 'A4', pagesPerSheet: 4, colorMode: 'grayscale' },
      copies: 1,
      cups: 'PageSize=A4 number-up=4 print-color-mode=monochrome ColorModel=Gray',
    },
  ];
}

// ------------------------------------------------------------------ documents

async function makePdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [w, h] = [595.28, 841.89];
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([w, h]);
    page.drawText(`Page ${n}`, { x: 60, y: h - 140, size: 72, font: bold, color: rgb(0.1, 0.1, 0.1) });
    page.drawRectangle({ x: 60, y: h - 260, width: 200, height: 90, color: rgb((n % 7) / 7, 0.4, 0.8), borderColor: rgb(0, 0, 0), borderWidth: 2 });
    page.drawEllipse({ x: 420, y: h - 215, xScale: 90, yScale: 45, color: rgb(0.9, 0.5, 0.1), opacity: 0.8 });
    page.drawSvgPath('M 0 0 C 60 -80 140 80 200 0 S 340 -80 400 0', { x: 90, y: h - 330, borderColor: rgb(0.2, 0.6, 0.2), borderWidth: 3 });
    for (let l = 0; l < 30; l++) {
      page.drawText(`Line ${l + 1} of page ${n}: the quick brown fox jumps over the lazy dog 0123456789.`, { x: 60, y: h - 380 - l * 14, size: 10, font });
    }
    for (const [x, y] of [[10, 10], [w - 30, 10], [10, h - 30], [w - 30, h - 30]] as const) {
      page.drawLine({ start: { x, y }, end: { x: x + 20, y }, thickness: 1 });
      page.drawLine({ start: { x, y }, end: { x, y: y + 20 }, thickness: 1 });
    }
  }
  return doc.save();
}

// ------------------------------------------------------------------ processes

interface ProcessRun {
  ms: number;
  /** Peak RSS in MB: GNU time's %M, else the last VmHWM read from /proc. */
  rssMb: number | null;
}

const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;

function readVmHwmKb(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Runs argv with cwd ROOT and stdout into a file; wall time from spawn to exit, which must be `exitCode` (0). */
function runProcess(argv: string[], opts: { stdoutFile: string; timeoutMs: number; env?: NodeJS.ProcessEnv; exitCode?: number }): Promise<ProcessRun> {
  const rssFile = `${opts.stdoutFile}.rss`;
  const full = hasGnuTime ? [GNU_TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
  const out = openSync(opts.stdoutFile, 'w');
  return new Promise<ProcessRun>((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(full[0]!, full.slice(1), { cwd: ROOT, env: opts.env ?? process.env, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    let hwmKb: number | null = null;
    const poll = hasGnuTime
      ? undefined
      : setInterval(() => {
          const kb = child.pid === undefined ? null : readVmHwmKb(child.pid);
          if (kb !== null) hwmKb = Math.max(hwmKb ?? 0, kb);
        }, 10);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      closeSync(out);
    };
    child.on('error', (e) => {
      done();
      reject(e);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      done();
      if (signal === 'SIGKILL') return reject(new Error(`${argv[0]} exceeded ${opts.timeoutMs / 1000} s`));
      if (code !== (opts.exitCode ?? 0)) return reject(new Error(`${argv[0]} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      let rssMb = hwmKb === null ? null : hwmKb / 1024;
      if (hasGnuTime) {
        const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        rssMb = Number.isFinite(kb) ? kb / 1024 : null;
      }
      resolve({ ms, rssMb });
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Median time and highest RSS of each command over `runs` rounds, after
 * `warmups` unmeasured ones. Commands take turns within a round, so a change
 * in machine load hits all of them alike.
 */
async function measure<K extends string>(runs: number, warmups: number, cmds: Record<K, () => Promise<ProcessRun>>): Promise<Record<K, ProcessRun>> {
  const keys = Object.keys(cmds) as K[];
  const samples = new Map<K, ProcessRun[]>(keys.map((k) => [k, []]));
  for (let i = 0; i < warmups + runs; i++) {
    for (const k of keys) {
      const r = await cmds[k]();
      if (i >= warmups) samples.get(k)!.push(r);
    }
  }
  const out = {} as Record<K, ProcessRun>;
  for (const k of keys) {
    const s = samples.get(k)!;
    const rss = s.map((x) => x.rssMb).filter((r): r is number => r !== null);
    out[k] = { ms: median(s.map((x) => x.ms)), rssMb: rss.length ? Math.max(...rss) : null };
  }
  return out;
}

/** In this process: one warm-up, then the median of `runs`. */
async function measureWarm(runs: number, once: () => Promise<unknown>): Promise<number> {
  await once();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const hasPdfinfo = spawnSync('pdfinfo', ['-v']).error === undefined;
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

async function pageCount(file: string): Promise<number> {
  if (hasPdfinfo) {
    const m = /^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout);
    if (m) return Number(m[1]);
  }
  const doc = await PDFDocument.load(readFileSync(file), { ignoreEncryption: true, updateMetadata: false });
  return doc.getPageCount();
}

/** The "Page N" labels on one output page, e.g. "149+150". */
function labelsOn(file: string, page: number): string {
  const text = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout ?? '';
  const nums = [...text.matchAll(/Page (\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  return nums.length ? nums.join('+') : 'blank';
}

/** The newest mtime among the files `npm run build` compiles. */
function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSourceMs(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

// ------------------------------------------------------------------ report

const fmt = (n: number | null | undefined, digits = 0): string => (n === null || n === undefined ? '-' : n.toFixed(digits));
const ratio = (ours: number | undefined, yard: number | undefined): number | undefined =>
  ours === undefined || yard === undefined ? undefined : ours / yard;

const COLUMNS: Array<[string, number]> = [
  ['job', 34],
  ['pages p2p/src/dist', 20],
  ['pdftopdf ms', 11],
  ['MB', 5],
  ['src ms', 8],
  ['MB', 5],
  ['dist ms', 8],
  ['MB', 5],
  ['warm ms', 8],
  ['src/p2p', 8],
  ['dist/p2p', 9],
];

function row(cells: string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i]![1]) : c.padStart(COLUMNS[i]![1]))).join(' ');
}

type Route = 'src' | 'dist';

interface JobResult {
  job: Job;
  p2p?: ProcessRun;
  proc: Partial<Record<Route, ProcessRun>>;
  warm: number;
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '200,5000' },
      runs: { type: 'string' },
      timeout: { type: 'string', default: '180' },
      budget: { type: 'string', default: '900' },
    },
  });
  const sizes = values.pages.split(',').map(Number);
  const runsArg = values.runs === undefined ? undefined : Number(values.runs);
  const timeoutMs = Number(values.timeout) * 1000;
  const deadline = performance.now() + Number(values.budget) * 1000;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || (runsArg !== undefined && !(Number.isInteger(runsArg) && runsArg >= 1)) || !(timeoutMs > 0)) {
    console.error('usage: npx tsx bench/render.ts [--pages 200,5000] [--runs R] [--timeout SECONDS] [--budget SECONDS]');
    return 2;
  }
  sizes.sort((a, b) => a - b);
  const runsFor = (pages: number): number => runsArg ?? (pages <= 1000 ? 3 : 2);
  const smallest = sizes[0]!;
  const largest = sizes[sizes.length - 1]!;

  const hasPdftopdf = existsSync(PDFTOPDF);
  const printer = loadPrinterDefinitions(bundledPrintersDir()).find((p) => p.name === PRINTER);
  if (!printer) throw new Error(`bundled printer ${PRINTER} not found`);
  const p2pEnv: NodeJS.ProcessEnv = { ...process.env, CONTENT_TYPE: 'application/pdf', FINAL_CONTENT_TYPE: 'application/pdf' };
  delete p2pEnv.PPD;

  const tmp = mkdtempSync(join(tmpdir(), 'printsim-bench-render-'));
  const distExisted = existsSync(DIST);
  let builtDist = false;
  const cleanup = (): void => {
    rmSync(tmp, { recursive: true, force: true });
    if (builtDist && !distExisted) rmSync(DIST, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      cleanup();
      process.exit(130);
    });
  }

  try {
    const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`bench/render: node ${process.version}, printer ${PRINTER}, median of ${runsArg ?? '3 (<= 1,000 pages) or 2'} run(s)`);
    console.log(`${availableParallelism()} CPU(s), load average ${load()} (other work on the machine skews every time below)`);

    // The compiled route needs a dist/ at least as new as src/.
    const srcNewest = newestSourceMs(join(ROOT, 'src'));
    let distNote: string;
    if (existsSync(DIST_CLI) && statSync(DIST_CLI).mtimeMs >= srcNewest) {
      distNote = 'dist/ is up to date: not rebuilt';
    } else {
      const why = existsSync(DIST_CLI) ? 'dist/cli.js is older than src/' : 'dist/cli.js is missing';
      const t0 = performance.now();
      const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs });
      builtDist = true;
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      distNote = b.status === 0 ? `${why}: ran npm run build (${secs} s)` : `${why}: npm run build FAILED (exit ${b.status}) after ${secs} s`;
      if (b.status !== 0) console.log((b.stdout + b.stderr).trim().split('\n').slice(-5).join('\n'));
      if (!distExisted) distNote += '; dist/ is removed at the end';
    }
    const hasDist = existsSync(DIST_CLI);
    console.log(`${distNote}${hasDist ? '' : '; compiled route skipped'}`);

    // Does this pdftopdf select source pages with input-page-ranges? 8 pages, 2-up, 1-6: 3 sides if so, 4 if ignored.
    let inputRanges = false;
    if (hasPdftopdf) {
      const probe = join(tmp, 'probe.pdf');
      writeFileSync(probe, await makePdf(8));
      await runProcess([PDFTOPDF, '1', 'bench', 'probe.pdf', '1', 'PageSize=A4 number-up=2 input-page-ranges=1-6', probe], {
        env: p2pEnv,
        stdoutFile: join(tmp, 'probe-out.pdf'),
        timeoutMs,
      });
      inputRanges = (await pageCount(join(tmp, 'probe-out.pdf'))) === 3;
    }
    console.log(
      hasPdftopdf
        ? `yardstick: ${PDFTOPDF} (standalone, no PPD); input-page-ranges ${inputRanges ? 'honoured: job 1 uses it' : 'not honoured: job 1 uses page-ranges over the 2-up sides (ceil(last/2))'}`
        : `pdftopdf NOT FOUND at ${PDFTOPDF} (apt-get install cups-filters): printsim's numbers only`,
    );
    if (hasPdftopdf) console.log('  pdftopdf converts no colour (later CUPS filters do): in job 2 only printsim makes the pages grey');
    console.log(hasGnuTime ? `peak RSS: ${GNU_TIME} %M` : `peak RSS: /proc/PID/status VmHWM polled every 10 ms (${GNU_TIME} missing)`);
    console.log('src = node --import tsx src/cli.ts render; dist = node dist/cli.js render; warm = render() in this process');
    console.log(`ratios = printsim process time / pdftopdf process time (target <= ${TARGET_RATIO.toFixed(1)} on ${largest} pages)`);

    const p2p = (input: string, job: Job, out: string): Promise<ProcessRun> =>
      runProcess([PDFTOPDF, '1', 'bench', 'bench.pdf', String(job.copies), job.cups, input], { env: p2pEnv, stdoutFile: out, timeoutMs });
    const cliArgs: Record<Route, string[]> = { src: ['--import', 'tsx', 'src/cli.ts'], dist: ['dist/cli.js'] };
    const routes: Route[] = hasDist ? ['src', 'dist'] : ['src'];
    const ps = (route: Route, input: string, configFile: string, out: string, exitCode = 0): Promise<ProcessRun> =>
      runProcess([process.execPath, ...cliArgs[route], 'render', input, '--config', configFile, '--printer', PRINTER, '-o', out], {
        stdoutFile: `${out}.stdout`,
        timeoutMs,
        exitCode,
      });

    // Start-up parts, each a process of its own (at least 5 runs: they are
    // cheap and their differences are small): bare node; `render` on a missing
    // input, which loads every module and stops at the read; a 1-page render.
    const startRuns = Math.max(5, runsFor(smallest));
    const one = join(tmp, 'one.pdf');
    const oneBytes = await makePdf(1);
    writeFileSync(one, oneBytes);
    const oneConfigFile = join(tmp, 'one.json');
    const oneConfig: PrintJobConfiguration = { mediaSize: 'A4' };
    writeFileSync(oneConfigFile, JSON.stringify(oneConfig));
    const startCmds: Record<string, () => Promise<ProcessRun>> = {
      bare: () => runProcess([process.execPath, '-e', ''], { stdoutFile: join(tmp, 'bare.out'), timeoutMs }),
    };
    for (const r of routes) {
      startCmds[`loaded-${r}`] = () => ps(r, join(tmp, 'missing.pdf'), oneConfigFile, join(tmp, `missing-${r}.pdf`), 1);
      startCmds[`one-${r}`] = () => ps(r, one, oneConfigFile, join(tmp, `one-${r}.pdf`));
    }
    if (hasPdftopdf) startCmds.p2p = () => p2p(one, { name: '', config: oneConfig, copies: 1, cups: 'PageSize=A4' }, join(tmp, 'one-p2p.pdf'));
    const start = await measure(startRuns, 1, startCmds);
    const bare = start.bare!;
    const loaded = (r: Route): ProcessRun => start[`loaded-${r}`]!;
    const onePage = (r: Route): ProcessRun => start[`one-${r}`]!;
    const p2pOne = start.p2p;
    const oneResolved = resolveConfiguration(oneConfig, printer);
    const warmOne = await measureWarm(startRuns, () => render({ bytes: oneBytes, contentType: 'application/pdf', configuration: oneResolved, printer }));

    const results = new Map<number, { inputMb: number; jobs: JobResult[] }>();
    const mismatches: string[] = [];
    for (const pages of sizes) {
      const runs = runsFor(pages);
      const t0 = performance.now();
      const input = join(tmp, `doc-${pages}.pdf`);
      const bytes = await makePdf(pages);
      writeFileSync(input, bytes);
      const inputMb = statSync(input).size / 1048576;
      const jobs = jobsFor(pages, inputRanges);
      results.set(pages, { inputMb, jobs: [] });
      console.log('');
      console.log(`${pages} A4 pages, ${inputMb.toFixed(2)} MB (generated in ${fmt(performance.now() - t0)} ms), median of ${runs}`);
      const last = lastOfJob1(pages);
      if (hasPdftopdf && !inputRanges && last % 2) console.log(`  page-ranges cannot stop mid-side: pdftopdf also prints page ${last + 1} in job 1`);
      console.log(row(COLUMNS.map(([h]) => h)));

      for (const [i, job] of jobs.entries()) {
        if (performance.now() > deadline) {
          console.log(row([job.name, 'skipped: --budget spent']));
          continue;
        }
        const configFile = join(tmp, `job-${i}.json`);
        writeFileSync(configFile, JSON.stringify(job.config));
        const outs = { p2p: join(tmp, `p2p-${pages}-${i}.pdf`), src: join(tmp, `src-${pages}-${i}.pdf`), dist: join(tmp, `dist-${pages}-${i}.pdf`) };
        try {
          const cmds: Partial<Record<'p2p' | Route, () => Promise<ProcessRun>>> = {};
          if (hasPdftopdf) cmds.p2p = () => p2p(input, job, outs.p2p);
          for (const r of routes) cmds[r] = () => ps(r, input, configFile, outs[r]);
          const measured = await measure(runs, 0, cmds as Record<'p2p' | Route, () => Promise<ProcessRun>>);
          const yard = hasPdftopdf ? measured.p2p : undefined;
          const proc: JobResult['proc'] = {};
          for (const r of routes) proc[r] = measured[r];
          const configuration = resolveConfiguration(job.config, printer);
          const warm = await measureWarm(runs, () => render({ bytes, contentType: 'application/pdf', configuration, printer, documentName: 'bench.pdf' }));
          results.get(pages)!.jobs.push({ job, proc, warm, ...(yard ? { p2p: yard } : {}) });

          const counts = {
            p2p: hasPdftopdf ? await pageCount(outs.p2p) : undefined,
            src: await pageCount(outs.src),
            dist: hasDist ? await pageCount(outs.dist) : undefined,
          };
          const known = [counts.p2p, counts.src, counts.dist].filter((c): c is number => c !== undefined);
          const agree = known.every((c) => c === known[0]);
          if (!agree) mismatches.push(`${pages} pages, job ${job.name}: pages ${fmt(counts.p2p)}/${counts.src}/${fmt(counts.dist)}`);
          // Job 1: the last side of copy 1 must hold the last selected source pages on both sides.
          if (i === 0 && hasPdftopdf && hasPdftotext) {
            const side = Math.ceil(last / 2);
            const [a, b] = [labelsOn(outs.p2p, side), labelsOn(outs.src, side)];
            const expected = last % 2 ? `${last}` : `${last - 1}+${last}`;
            if (a !== expected || b !== expected) mismatches.push(`${pages} pages, job 1, side ${side}: expected ${expected}, pdftopdf ${a}, printsim ${b}`);
          }
          console.log(
            row([
              job.name,
              `${fmt(counts.p2p)}/${counts.src}/${fmt(counts.dist)}${known.length > 1 ? (agree ? ' =' : ' !=') : ''}`,
              fmt(yard?.ms),
              fmt(yard?.rssMb),
              fmt(proc.src?.ms),
              fmt(proc.src?.rssMb),
              fmt(proc.dist?.ms),
              fmt(proc.dist?.rssMb),
              fmt(warm),
              fmt(ratio(proc.src?.ms, yard?.ms), 2),
              fmt(ratio(proc.dist?.ms, yard?.ms), 2),
            ]),
          );
        } catch (e) {
          console.log(row([job.name, `failed: ${(e as Error).message}`]));
        } finally {
          for (const f of Object.values(outs)) rmSync(f, { force: true });
        }
      }
      rmSync(input, { force: true });
    }

    // What the smallest document's process time is made of.
    const small = results.get(smallest)!;
    console.log('');
    console.log(`${smallest} pages, where start-up dominates: printsim's process time, median ms (rows are differences: ±20 ms is noise)`);
    const labelW = 56;
    const line = (label: string, cells: Array<number | undefined>): void =>
      console.log(`  ${label.padEnd(labelW)}${cells.map((c) => fmt(c).padStart(9)).join('')}`);
    console.log(`  ${''.padEnd(labelW)}${routes.map((r) => (r === 'src' ? 'source' : 'compiled').padStart(9)).join('')}`);
    const fixed = (r: Route): number => onePage(r).ms - warmOne;
    line("bare node (node -e '')", routes.map(() => bare.ms));
    line('module loading (`render` of a missing file)', routes.map((r) => loaded(r).ms - bare.ms));
    line('printers, configuration, file I/O', routes.map((r) => fixed(r) - loaded(r).ms));
    line(`= start-up (1-page process ${routes.map((r) => fmt(onePage(r).ms)).join('/')} - warm render ${fmt(warmOne, 1)})`, routes.map(fixed));
    for (const jr of small.jobs) {
      line(`job ${jr.job.name.split(':')[0]}: the render itself (warm)`, routes.map(() => jr.warm));
      line('  + first render in a cold process (JIT, GC)', routes.map((r) => (jr.proc[r] ? jr.proc[r]!.ms - fixed(r) - jr.warm : undefined)));
      line(`  = process time (pdftopdf: ${fmt(jr.p2p?.ms)})`, routes.map((r) => jr.proc[r]?.ms));
    }
    if (p2pOne) console.log(`  pdftopdf on the 1-page document: ${fmt(p2pOne.ms)} ms`);

    // Targets on the largest document.
    const big = results.get(largest)!;
    const rssTarget = RSS_INPUT_FACTOR * big.inputMb + RSS_ALLOWANCE_MB;
    console.log('');
    console.log(`targets on ${largest} pages (input ${big.inputMb.toFixed(2)} MB):`);
    for (const jr of big.jobs) {
      for (const r of routes) {
        const p = jr.proc[r];
        if (!p) continue;
        const rt = ratio(p.ms, jr.p2p?.ms);
        const speed = rt === undefined ? 'ratio -, no pdftopdf' : `ratio ${rt.toFixed(2)} ${rt <= TARGET_RATIO ? 'met' : 'MISSED'} (<= ${TARGET_RATIO.toFixed(1)})`;
        const mem = p.rssMb === null ? 'peak RSS -' : `peak RSS ${p.rssMb.toFixed(0)} MB ${p.rssMb < rssTarget ? 'met' : 'MISSED'} (< ${rssTarget.toFixed(0)} MB)`;
        console.log(`  job ${jr.job.name}, ${r === 'src' ? 'source  ' : 'compiled'}: ${speed}; ${mem}`);
      }
      if (jr.p2p) console.log(`  job ${jr.job.name}, pdftopdf: ${fmt(jr.p2p.ms)} ms, peak RSS ${fmt(jr.p2p.rssMb)} MB`);
    }
    if (big.jobs.length === 0) console.log('  no job measured');

    console.log('');
    if (mismatches.length === 0) console.log(`outputs: page counts agree on every job${hasPdftopdf && hasPdftotext ? '; job 1 ends copy 1 on the same source pages' : ''}`);
    for (const m of mismatches) console.log(`outputs DIFFER: ${m}`);
    console.log(`load average at the end: ${load()}`);
    return 0;
  } finally {
    cleanup();
  }
}

process.exitCode = await main();
