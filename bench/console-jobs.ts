// bench/console-jobs: the console's jobs page with many jobs.
//
//   npx tsx bench/console-jobs.ts [--jobs 10000] [--runs 20] [--no-browser]
//
// Seeds an in-memory emulator with --jobs jobs (a third canceled, the rest
// waiting for their document; three owners over the bundled printers), then
// times GET /jobs on the server (newest page, a page deep in the list, and a
// filtered one) and, when Debian's chromium is on PATH, the page load in the
// browser (navigation start to the load event). Targets are printed, never
// asserted in tests.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createEmulator } from '../src/emulator.js';

const TARGET_PAGE_LOAD_MS = 1000;
const OWNERS = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(s, 95).toFixed(1).padStart(7)} ms   max ${s[s.length - 1]!.toFixed(1).padStart(7)} ms`;
}

async function timeFetch(url: string, runs: number): Promise<{ samples: number[]; bytes: number }> {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    const text = await res.text();
    samples.push(performance.now() - t0);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    bytes = text.length;
  }
  return { samples, bytes };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      jobs: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '20' },
      'no-browser': { type: 'boolean', default: false },
    },
  });
  const count = Number(values.jobs);
  const runs = Number(values.runs);

  const emu = await createEmulator({ clock: 'simulated' });
  await emu.listen({ port: 0 });
  try {
    const t0 = performance.now();
    const printers = emu.printers.map((p) => p.id);
    for (let i = 0; i < count; i++) {
      const owner = OWNERS[i % OWNERS.length]!;
      const job = emu.service.createJob({
        printerId: printers[i % printers.length]!,
        configuration: {},
        door: i % 5 === 0 ? 'ipp' : 'graph',
        createdBy: { id: null, displayName: owner, userPrincipalName: owner, ipAddress: null },
      });
      if (i % 3 === 0) emu.service.cancelJob(job.id);
    }
    console.log(`seeded ${count} jobs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log('');

    const pages: Array<[string, string]> = [
      ['GET /jobs (newest 50)', '/jobs'],
      ['GET /jobs older page', `/jobs?before=${Math.floor(count / 2)}`],
      ['GET /jobs filtered', `/jobs?owner=bob@contoso.com&state=canceled&printer=${printers[1]}`],
      ['GET / (printers + latest)', '/'],
    ];
    await timeFetch(`${emu.baseUrl}/jobs`, 3);
    for (const [name, path] of pages) {
      const r = await timeFetch(`${emu.baseUrl}${path}`, runs);
      console.log(`${name.padEnd(28)} ${summary(r.samples)}   ${(r.bytes / 1024).toFixed(0)} KB`);
    }

    const chromiumPath = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
    if (values['no-browser'] || chromiumPath === '') {
      console.log('');
      console.log(values['no-browser'] ? 'browser timing skipped (--no-browser)' : 'browser timing skipped: chromium is not on PATH');
      return 0;
    }
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const loads: number[] = [];
    try {
      const page = await browser.newPage();
      await page.goto(`${emu.baseUrl}/jobs`, { waitUntil: 'load' });
      for (let i = 0; i < Math.min(runs, 10); i++) {
        await page.goto(`${emu.baseUrl}/jobs`, { waitUntil: 'load' });
        loads.push(await page.evaluate(() => {
          // Runs in the page: the browser's Navigation Timing entry.
          const timing = performance as unknown as { getEntriesByType(type: string): Array<{ loadEventEnd: number; startTime: number }> };
          const nav = timing.getEntriesByType('navigation')[0]!;
          return nav.loadEventEnd - nav.startTime;
        }));
      }
    } finally {
      await browser.close();
    }
    const p50 = percentile([...loads].sort((a, b) => a - b), 50);
    console.log(`${'Chromium load of /jobs'.padEnd(28)} ${summary(loads)}`);
    console.log('');
    console.log(`target: the jobs page with ${count} jobs loads in under ${TARGET_PAGE_LOAD_MS} ms: ${p50 < TARGET_PAGE_LOAD_MS ? 'met' : 'MISSED'} (p50 ${p50.toFixed(0)} ms)`);
    return p50 < TARGET_PAGE_LOAD_MS ? 0 : 1;
  } finally {
    await emu.close();
  }
}

process.exitCode = await main();
