// bench/scale: printsim with a long history: 1,000 printers and 100,000
// finished jobs in one process.
//
//   npx tsx bench/scale.ts [--printers 1000] [--jobs 100000] [--samples 300]
//                          [--print-jobs 1500] [--warmup 500] [--concurrency 8]
//                          [--renderer default|pass-through] [--timeout 600]
//
// Each emulator runs in a child process of its own (this file, --role server),
// so its start-up and memory are its own and the client (this process) costs
// its event loop nothing. Steps, all in one run:
//   1. an emulator on an empty data folder with the same printers: IPP
//      Print-Job throughput (--warmup jobs first, then --print-jobs measured,
//      --concurrency clients, 1-page PDF, round robin over the printers),
//      the yardstick of step 5;
//   2. the history, straight into a second data folder through the RecordStore:
//      --jobs finished jobs, copies of a job step 1 printed, one printer with
//      10,000 of them (the default retention) and the rest spread evenly;
//   3. createEmulator on that folder: start-up time, RSS after start;
//   4. job-list pages over real sockets, one request at a time, --samples each:
//      Graph GET /printers/{id}/jobs?$top=50 (following @odata.nextLink on the
//      big printer), IPP Get-Jobs which-jobs=completed limit=50, the console's
//      /jobs page, next to a bare fastify GET /ping served by the same process;
//   5. Print-Job throughput again, on top of the history: the ratio to step 1.
// Targets (printed as met/MISSED, never asserted): page p99 < 20 ms, start-up
// < 2 s, RSS < 300 MB, throughput with the history within 10% of the empty store.
// Exit 0 unless the bench itself breaks (1) or --timeout runs out (2).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import {
  attr,
  decode,
  DelimiterTag,
  getGroups,
  statusCodeKeyword,
} from '../src/ipp/codec/index.js';
import type { PrinterDefinition } from '../src/model/printer-definition.js';
import { ippRequest } from './lib/ipp-request.js';
import type { JobRecord } from '../src/model/records.js';

const TARGET_PAGE_P99_MS = 20;
const TARGET_STARTUP_MS = 2000;
const TARGET_RSS_MB = 300;
const TARGET_THROUGHPUT_RATIO = 0.9;
/** Finished jobs of the big printer: the default retention per printer. */
const BIG_PRINTER_JOBS = 10_000;
const HOST = '127.0.0.1';
const ADMIN_SCOPES = ['PrintJob.ReadWrite.All', 'PrintJob.Create', 'Printer.ReadWrite.All', 'PrinterShare.ReadWrite.All'];
const OWNERS = Array.from({ length: 40 }, (_, i) => `user${i}@contoso.com`);
/** What lpstat -W completed asks Get-Jobs for. */
const GET_JOBS_ATTRIBUTES = ['job-id', 'job-name', 'job-originating-user-name', 'job-state', 'job-k-octets', 'time-at-creation', 'time-at-completed'];

class UsageError extends Error {}

// ------------------------------------------------------------------ messages

type ToServer = { type: 'memory' } | { type: 'waitCompleted'; count: number } | { type: 'template' } | { type: 'stop' };
type FromServer =
  | { type: 'ready'; baseUrl: string; pingUrl: string; startupMs: number; token: string; printers: Array<{ id: string; name: string }> }
  | { type: 'memory'; rssMb: number; heapMb: number }
  | { type: 'completed'; count: number }
  | { type: 'template'; job: JobRecord | null };

// ------------------------------------------------------------------ server (child process)

function printerDefinitions(count: number, base: Record<string, unknown>): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `b0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    name: `bench-${i}`,
    displayName: `Bench printer ${i}`,
  }));
}

async function runServer(args: { dataDir: string; printers: number; renderer: string }): Promise<void> {
  const { createEmulator } = await import('../src/emulator.js');
  const { bundledPrintersDir, loadPrinterDefinitions } = await import('../src/core/printer-definitions.js');
  const { isFinalLeaf } = await import('../src/core/job-machine.js');
  const Fastify = (await import('fastify')).default;
  const renderer = args.renderer === 'pass-through' ? (await import('../src/rip/pass-through-renderer.js')).passThroughRenderer : undefined;
  const base = loadPrinterDefinitions(bundledPrintersDir())[0]! as unknown as Record<string, unknown>;
  const printers = printerDefinitions(args.printers, base) as unknown as PrinterDefinition[];
  const send = (m: FromServer): void => void process.send!(m);

  const t0 = performance.now();
  const emu = await createEmulator({
    dataDir: args.dataDir,
    printers,
    speed: 'unlimited',
    logLevel: 'silent',
    renderThreads: renderer === undefined ? 1 : 0,
    ...(renderer === undefined ? {} : { renderer }),
  });
  const startupMs = performance.now() - t0;
  const baseUrl = await emu.listen();
  const bare = Fastify({ logger: false });
  bare.get('/ping', async () => ({}));
  await bare.listen({ port: 0, host: HOST });
  const addr = bare.server.address();
  const pingUrl = `http://${HOST}:${typeof addr === 'object' && addr !== null ? addr.port : 0}/ping`;

  let completed = 0;
  const waiting: Array<{ count: number }> = [];
  emu.events.on('job', (t) => {
    if (!isFinalLeaf(t.to)) return;
    completed++;
    for (const w of waiting.splice(0)) {
      if (completed >= w.count) send({ type: 'completed', count: completed });
      else waiting.push(w);
    }
  });
  process.on('message', (m: ToServer) => {
    switch (m.type) {
      case 'memory': {
        (globalThis as { gc?: () => void }).gc?.();
        const u = process.memoryUsage();
        send({ type: 'memory', rssMb: u.rss / 2 ** 20, heapMb: u.heapUsed / 2 ** 20 });
        break;
      }
      case 'waitCompleted':
        if (completed >= m.count) send({ type: 'completed', count: completed });
        else waiting.push({ count: m.count });
        break;
      case 'template':
        send({ type: 'template', job: emu.service.queryJobs({ finished: true, leaves: ['completed'], order: 'seqDesc', limit: 1 })[0] ?? null });
        break;
      case 'stop':
        void bare
          .close()
          .then(() => emu.close())
          .then(() => process.exit(0));
        break;
    }
  });
  send({
    type: 'ready',
    baseUrl,
    pingUrl,
    startupMs,
    token: emu.token({ kind: 'user', upn: 'admin@contoso.com', scopes: ADMIN_SCOPES, admin: true }),
    printers: emu.printers.map((p) => ({ id: p.id, name: p.name })),
  });
}

// ------------------------------------------------------------------ client (this process)

interface Server {
  child: ChildProcess;
  ready: Extract<FromServer, { type: 'ready' }>;
  ask<T extends FromServer['type']>(m: ToServer, answer: T): Promise<Extract<FromServer, { type: T }>>;
}

async function startServer(dataDir: string, printers: number, renderer: string): Promise<Server> {
  const child = fork(fileURLToPath(import.meta.url), ['--role', 'server', '--data-dir', dataDir, '--printers', String(printers), '--renderer', renderer], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromServer['type']>(type: T): Promise<Extract<FromServer, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: FromServer): void => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<FromServer, { type: T }>);
      };
      const onExit = (code: number | null): void => reject(new Error(`the server process exited (${code}) before answering ${type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    child,
    ready,
    ask(m, answer) {
      const p = next(answer);
      child.send(m);
      return p;
    },
  };
}

async function stopServer(s: Server): Promise<void> {
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.send({ type: 'stop' } satisfies ToServer);
  await exited;
}

async function makePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('printsim bench', { x: 72, y: 720, size: 24, font });
  return Buffer.from(await doc.save());
}

interface HttpReply {
  status: number;
  body: Buffer;
}

function http(agent: Agent, url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer[] } = {}): Promise<HttpReply> {
  const u = new URL(url);
  const length = (options.body ?? []).reduce((n, b) => n + b.length, 0);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: options.method ?? 'GET',
        agent,
        headers: { ...options.headers, ...(options.body === undefined ? {} : { 'content-length': String(length) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer from ${url} in 30 s`)));
    req.on('error', reject);
    for (const b of options.body?.slice(0, -1) ?? []) req.write(b);
    req.end(options.body?.at(-1));
  });
}

function ippPost(agent: Agent, baseUrl: string, name: string, body: Buffer[]): Promise<HttpReply> {
  return http(agent, `${baseUrl}/ipp/print/${name}`, { method: 'POST', headers: { 'content-type': 'application/ipp' }, body });
}

/** Print-Job throughput: `count` jobs accepted by `clients` clients, then all completed. */
async function printJobs(s: Server, pdf: Buffer, count: number, clients: number, deadline: number): Promise<{ acceptedPerS: number; completedPerS: number }> {
  const { baseUrl, printers } = s.ready;
  const heads = printers.map((p) =>
    ippRequest(`ipp://${HOST}/ipp/print/${p.name}`, 'Print-Job', [attr.name('job-name', 'bench'), attr.mimeMediaType('document-format', 'application/pdf')]),
  );
  const before = (await s.ask({ type: 'waitCompleted', count: 0 }, 'completed')).count;
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        if (performance.now() > deadline) throw new TimeoutError();
        const i = next++;
        const r = await ippPost(agent, baseUrl, printers[i % printers.length]!.name, [heads[i % heads.length]!, pdf]);
        const status = r.status === 200 ? statusCodeKeyword(decode(r.body).message.code) : `HTTP ${r.status}`;
        if (status !== 'successful-ok') throw new Error(`Print-Job answered ${status}`);
      }
    }),
  );
  const accepted = performance.now() - t0;
  await s.ask({ type: 'waitCompleted', count: before + count }, 'completed');
  const done = performance.now() - t0;
  agent.destroy();
  return { acceptedPerS: (count * 1000) / accepted, completedPerS: (count * 1000) / done };
}

class TimeoutError extends Error {}

interface Latency {
  label: string;
  ms: number[];
  target: boolean;
}

/** One request at a time, `samples` of them after a few warm-up ones; `one` returns false for a wrong answer. */
async function sample(label: string, samples: number, target: boolean, one: (i: number) => Promise<void>): Promise<Latency> {
  for (let i = 0; i < Math.min(20, samples); i++) await one(i);
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await one(i);
    ms.push(performance.now() - t);
  }
  return { label, ms: ms.sort((a, b) => a - b), target };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measurePages(s: Server, samples: number, bigPrinter: number, bigJobs: number, jobs: number): Promise<Latency[]> {
  const { baseUrl, pingUrl, token, printers } = s.ready;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const auth = { authorization: `Bearer ${token}` };
  const big = printers[bigPrinter]!;
  const small = (i: number) => printers[(bigPrinter + 1 + ((i * 7919) % (printers.length - 1))) % printers.length]!;
  const expectOk = (r: HttpReply, what: string): void => {
    if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${r.body.toString().slice(0, 200)}`);
  };
  const graphPage = async (url: string, wanted: number): Promise<string | undefined> => {
    const r = await http(agent, url, { headers: auth });
    expectOk(r, url);
    const body = JSON.parse(r.body.toString()) as { value: unknown[]; '@odata.nextLink'?: string };
    if (body.value.length < wanted) throw new Error(`${url}: ${body.value.length} jobs, expected ${wanted}`);
    return body['@odata.nextLink'];
  };
  let link: string | undefined;
  const out: Latency[] = [];
  out.push(await sample('yardstick: bare fastify GET /ping', samples, false, async () => expectOk(await http(agent, pingUrl), 'ping')));
  out.push(
    await sample(`Graph jobs $top=50, printer with ${bigJobs} jobs (pages 1-20)`, samples, true, async (i) => {
      if (i % 20 === 0 || link === undefined) link = `${baseUrl}/v1.0/print/printers/${big.id}/jobs?$top=50`;
      link = await graphPage(link, 1);
    }),
  );
  out.push(
    await sample('Graph jobs $top=50, other printers', samples, true, async (i) => {
      await graphPage(`${baseUrl}/v1.0/print/printers/${small(i).id}/jobs?$top=50`, 1);
    }),
  );
  out.push(
    await sample("Graph jobs $top=50 $filter=createdBy/userPrincipalName, big printer", samples, true, async (i) => {
      const upn = OWNERS[i % OWNERS.length]!;
      await graphPage(`${baseUrl}/v1.0/print/printers/${big.id}/jobs?$top=50&$filter=${encodeURIComponent(`createdBy/userPrincipalName eq '${upn}'`)}`, 1);
    }),
  );
  const getJobs = (name: string, first: number): Buffer =>
    ippRequest(`ipp://${HOST}/ipp/print/${name}`, 'Get-Jobs', [
      attr.keyword('which-jobs', 'completed'),
      attr.integer('limit', 50),
      attr.integer('first-index', first),
      attr.keyword('requested-attributes', ...(GET_JOBS_ATTRIBUTES as [string, ...string[]])),
    ]);
  const ippJobs = async (name: string, body: Buffer): Promise<void> => {
    const r = await ippPost(agent, baseUrl, name, [body]);
    expectOk(r, 'Get-Jobs');
    const { message } = decode(r.body);
    const n = getGroups(message, DelimiterTag.jobAttributes).length;
    if (statusCodeKeyword(message.code) !== 'successful-ok' || n === 0) throw new Error(`Get-Jobs: ${statusCodeKeyword(message.code)}, ${n} jobs`);
  };
  const bigFirst = [1, 51, Math.floor(bigJobs / 10), Math.floor(bigJobs / 2)].map((f) => getJobs(big.name, Math.max(1, f)));
  out.push(
    await sample(`IPP Get-Jobs completed limit 50, printer with ${bigJobs} jobs (first-index 1..${Math.floor(bigJobs / 2)})`, samples, true, async (i) =>
      ippJobs(big.name, bigFirst[i % bigFirst.length]!),
    ),
  );
  out.push(await sample('IPP Get-Jobs completed limit 50, other printers', samples, true, async (i) => ippJobs(small(i).name, getJobs(small(i).name, 1))));
  const consolePage = async (path: string): Promise<void> => {
    const r = await http(agent, `${baseUrl}${path}`);
    expectOk(r, path);
    const rows = r.body.toString().match(/<tr data-job-id=/g)?.length ?? 0;
    if (rows === 0) throw new Error(`${path}: no rows`);
  };
  out.push(await sample('console /jobs (every printer, newest first, with total)', samples, true, async () => consolePage('/jobs')));
  out.push(
    await sample('console /jobs?owner=...&before=... (older pages of one owner)', samples, true, async (i) =>
      consolePage(`/jobs?owner=${encodeURIComponent(OWNERS[i % OWNERS.length]!)}&before=${Math.floor(jobs / 2) + i}`),
    ),
  );
  agent.destroy();
  return out;
}

/** The history: `count` finished copies of `template`, one printer with BIG_PRINTER_JOBS, the rest evenly. */
async function seed(dataDir: string, template: JobRecord, printers: Array<{ id: string }>, count: number, bigPrinter: number): Promise<number> {
  const { RecordStore } = await import('../src/store/record-store.js');
  const store = new RecordStore(join(dataDir, 'printsim.sqlite'));
  const t0 = performance.now();
  const big = Math.min(BIG_PRINTER_JOBS, Math.floor(count / 2));
  const start = Date.UTC(2026, 0, 1);
  const body = JSON.stringify(template);
  for (let i = 1; i <= count; i++) {
    const job = JSON.parse(body) as JobRecord;
    const printer = i <= big ? printers[bigPrinter]! : printers[i % printers.length]!;
    const owner = OWNERS[i % OWNERS.length]!;
    const at = new Date(start + i * 1000).toISOString();
    job.id = String(i);
    job.seq = i;
    job.printerId = printer.id;
    job.createdBy = { ...job.createdBy, userPrincipalName: owner, displayName: owner };
    job.createdDateTime = at;
    job.completedDateTime = at;
    job.door = i % 2 === 0 ? 'graph' : 'ipp';
    for (const [n, d] of job.documents.entries()) d.id = `seed-${i}-${n}`;
    for (const t of job.timeline) t.at = at;
    store.put('job', job.id, job);
    if (i % 5000 === 0) store.flush();
  }
  store.put('meta', 'jobSeq', { id: 'jobSeq', value: count });
  store.close();
  return performance.now() - t0;
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got '${v}'`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'client' },
      'data-dir': { type: 'string' },
      printers: { type: 'string', default: '1000' },
      jobs: { type: 'string', default: '100000' },
      samples: { type: 'string', default: '300' },
      'print-jobs': { type: 'string', default: '1500' },
      warmup: { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '8' },
      renderer: { type: 'string', default: 'default' },
      timeout: { type: 'string', default: '600' },
    },
    strict: true,
  });
  const printerCount = positiveInt(values.printers, '--printers');
  if (values.renderer !== 'default' && values.renderer !== 'pass-through') throw new UsageError(`--renderer must be default or pass-through, got '${values.renderer}'`);
  if (values.role === 'server') {
    await runServer({ dataDir: values['data-dir']!, printers: printerCount, renderer: values.renderer });
    return -1;
  }
  if (printerCount < 2) throw new UsageError('--printers must be 2 or more');
  const jobs = positiveInt(values.jobs, '--jobs');
  const samples = positiveInt(values.samples, '--samples');
  const printJobCount = positiveInt(values['print-jobs'], '--print-jobs');
  const warmup = positiveInt(values.warmup, '--warmup');
  const concurrency = positiveInt(values.concurrency, '--concurrency');
  const deadline = performance.now() + positiveInt(values.timeout, '--timeout') * 1000;
  if (jobs < 100 * 2) throw new UsageError('--jobs must be 200 or more');

  const dirs = [mkdtempSync(join(tmpdir(), 'printsim-scale-empty-')), mkdtempSync(join(tmpdir(), 'printsim-scale-history-'))];
  const servers: Server[] = [];
  const cleanup = async (): Promise<void> => {
    for (const s of servers.splice(0)) if (s.child.exitCode === null) await stopServer(s).catch(() => s.child.kill());
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  };
  const timer = setTimeout(() => {
    console.error(`bench: gave up after ${values.timeout} s (--timeout)`);
    setTimeout(() => process.exit(2), 5000).unref();
    void cleanup().finally(() => process.exit(2));
  }, deadline - performance.now());
  try {
    const pdf = await makePdf();
    console.log(`bench/scale: ${printerCount} printers, ${jobs} finished jobs, ${values.renderer} renderer, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);

    // 1. The empty store.
    const empty = await startServer(dirs[0]!, printerCount, values.renderer);
    servers.push(empty);
    const emptyMemory = await empty.ask({ type: 'memory' }, 'memory');
    await printJobs(empty, pdf, warmup, concurrency, deadline);
    const base = await printJobs(empty, pdf, printJobCount, concurrency, deadline);
    const emptyEndMemory = await empty.ask({ type: 'memory' }, 'memory');
    const template = (await empty.ask({ type: 'template' }, 'template')).job;
    if (template === null) throw new Error('the empty-store run left no completed job to copy');
    const printers = empty.ready.printers;
    await stopServer(servers.pop()!);

    // 2. The history.
    const bigPrinter = 0;
    const seedMs = await seed(dirs[1]!, template, printers, jobs, bigPrinter);
    console.log(`seeded ${jobs} jobs in ${(seedMs / 1000).toFixed(1)} s`);

    // 3. Start-up on it.
    const history = await startServer(dirs[1]!, printerCount, values.renderer);
    servers.push(history);
    const startMemory = await history.ask({ type: 'memory' }, 'memory');

    // 4. Pages.
    const pages = await measurePages(history, samples, bigPrinter, Math.min(BIG_PRINTER_JOBS, Math.floor(jobs / 2)), jobs);

    // 5. Throughput on top of the history.
    await printJobs(history, pdf, warmup, concurrency, deadline);
    const loaded = await printJobs(history, pdf, printJobCount, concurrency, deadline);
    const endMemory = await history.ask({ type: 'memory' }, 'memory');
    await stopServer(servers.pop()!);

    const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
    const ping = pages[0]!;
    console.log('\njob-list pages, one request at a time (ms)');
    console.log(`${'request'.padEnd(92)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  p99/ping  target p99 < ${TARGET_PAGE_P99_MS} ms`);
    for (const l of pages) {
      const p99 = percentile(l.ms, 99);
      console.log(
        `${l.label.padEnd(92)} ${percentile(l.ms, 50).toFixed(2).padStart(7)} ${p99.toFixed(2).padStart(7)} ${l.ms.at(-1)!.toFixed(2).padStart(7)}  ${(p99 / percentile(ping.ms, 99)).toFixed(1).padStart(8)}  ${l.target ? verdict(p99 < TARGET_PAGE_P99_MS) : ''}`,
      );
    }
    const startupMs = history.ready.startupMs;
    console.log(`\nstart-up (createEmulator) on the history: ${startupMs.toFixed(0)} ms (empty store: ${empty.ready.startupMs.toFixed(0)} ms); target < ${TARGET_STARTUP_MS} ms: ${verdict(startupMs < TARGET_STARTUP_MS)}`);
    console.log(
      `RSS after start: ${startMemory.rssMb.toFixed(0)} MB (heap ${startMemory.heapMb.toFixed(0)} MB; empty store ${emptyMemory.rssMb.toFixed(0)} MB); after ${warmup + printJobCount} more jobs: ${endMemory.rssMb.toFixed(0)} MB (heap ${endMemory.heapMb.toFixed(0)} MB; the empty store after as many: ${emptyEndMemory.rssMb.toFixed(0)} MB, heap ${emptyEndMemory.heapMb.toFixed(0)} MB); target < ${TARGET_RSS_MB} MB: ${verdict(Math.max(startMemory.rssMb, endMemory.rssMb) < TARGET_RSS_MB)}`,
    );
    const ratio = loaded.completedPerS / base.completedPerS;
    console.log(
      `IPP Print-Job, ${concurrency} clients, 1-page PDF: empty store ${base.acceptedPerS.toFixed(0)} accepted/s, ${base.completedPerS.toFixed(0)} completed/s; ` +
        `with the history ${loaded.acceptedPerS.toFixed(0)} accepted/s, ${loaded.completedPerS.toFixed(0)} completed/s; ratio ${ratio.toFixed(2)} (accepted ${(loaded.acceptedPerS / base.acceptedPerS).toFixed(2)}); ` +
        `target >= ${TARGET_THROUGHPUT_RATIO}: ${verdict(ratio >= TARGET_THROUGHPUT_RATIO)}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof TimeoutError) return 2;
    throw e;
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    console.error(e instanceof UsageError ? `bench: ${e.message}` : e);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
