// bench/graph-jobs: the Graph print flow under load, next to a bare fastify route.
//
//   npx tsx bench/graph-jobs.ts [--jobs 2000] [--concurrency 8] [--data-dir D | --memory]
//                               [--renderer default|pass-through] [--timeout 300]
//
// The emulator runs in this process (speed 'unlimited', SQLite on disk in a temp
// folder unless told otherwise). The HTTP client (node:http, keep-alive) runs in
// a worker thread so that its own CPU cost does not land on the server's event
// loop; the yardstick (GET /ping on a separate, bare fastify instance) is driven
// by the same client at the same concurrency in the same run. Completion is
// learnt from emu.events 'job' transitions, posted to the client, so nobody
// polls. Targets are checked here as printed ratios and thresholds, never in
// timed tests. Eight jobs in flight already keep the server's thread busy ~99%
// of the time on a 2-core machine (see "event-loop utilization"); more only
// adds queueing to every latency.
import Fastify from 'fastify';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const TARGET_JOBS_PER_SECOND = 200;
const TARGET_CREATE_P99_MS = 10;
const PDF_TARGET_BYTES = 100 * 1024;
/** USER_HZ for /proc/<pid>/stat times: 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

const ADMIN_SCOPES = ['PrintJob.ReadWrite.All', 'PrintJob.Create', 'Printer.ReadWrite.All'];

// ------------------------------------------------------------------ messages

type ToClient =
  | { type: 'ping'; url: string; count: number; concurrency: number }
  | { type: 'jobs'; graphUrl: string; token: string; printerIds: string[]; pdf: Uint8Array; count: number; concurrency: number; firstLabel: number }
  | { type: 'ended'; jobId: string; leaf: string; description: string | null; at: number };

type FromClient =
  | { type: 'pingResult'; wallMs: number; latencies: number[] }
  | { type: 'jobsResult'; wallMs: number; calls: Record<CallName, number[]> }
  | { type: 'error'; message: string };

const CALLS = ['create', 'createUploadSession', 'upload PUT', 'start', 'start→completed', 'create→completed'] as const;
type CallName = (typeof CALLS)[number];

/** Wall time shared by both threads (performance.now() has a per-thread origin). */
function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

// ------------------------------------------------------------------ client (worker thread)

async function runClient(): Promise<void> {
  const port = parentPort!;
  const waiting = new Map<string, (m: Extract<ToClient, { type: 'ended' }>) => void>();
  const early = new Map<string, Extract<ToClient, { type: 'ended' }>>();

  port.on('message', (msg: ToClient) => {
    if (msg.type === 'ended') {
      const w = waiting.get(msg.jobId);
      if (w === undefined) early.set(msg.jobId, msg);
      else {
        waiting.delete(msg.jobId);
        w(msg);
      }
      return;
    }
    const run = msg.type === 'ping' ? ping(msg) : jobs(msg);
    run.then(
      (r) => port.postMessage(r),
      (e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromClient),
    );
  });

  async function pool(count: number, concurrency: number, one: (i: number) => Promise<void>): Promise<number> {
    agent.destroy();
    agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    let next = 0;
    const t0 = performance.now();
    const lane = async (): Promise<void> => {
      while (next < count) await one(next++);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
    return performance.now() - t0;
  }

  // node:http with a keep-alive pool: a third of fetch's client cost, so the numbers say more about the server.
  let agent = new Agent({ keepAlive: true });
  function call(method: string, url: string, headers: Record<string, string | number>, body: Uint8Array | string | null, expect: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, agent, headers: body === null ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== expect) reject(new Error(`${method} ${url} → ${res.statusCode} (expected ${expect}): ${text.slice(0, 500)}`));
          else resolve(text === '' ? undefined : (JSON.parse(text) as unknown));
        });
      });
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }

  async function ping(m: Extract<ToClient, { type: 'ping' }>): Promise<FromClient> {
    const latencies = new Array<number>(m.count);
    const wallMs = await pool(m.count, m.concurrency, async (i) => {
      const t = performance.now();
      await call('GET', m.url, {}, null, 200);
      latencies[i] = performance.now() - t;
    });
    return { type: 'pingResult', wallMs, latencies };
  }

  function completion(jobId: string): Promise<Extract<ToClient, { type: 'ended' }>> {
    const e = early.get(jobId);
    if (e !== undefined) {
      early.delete(jobId);
      return Promise.resolve(e);
    }
    return new Promise((resolve) => waiting.set(jobId, resolve));
  }

  async function jobs(m: Extract<ToClient, { type: 'jobs' }>): Promise<FromClient> {
    const calls = Object.fromEntries(CALLS.map((c) => [c, [] as number[]])) as Record<CallName, number[]>;
    const auth = { authorization: `Bearer ${m.token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const pdf = Buffer.from(m.pdf);
    const timed = async <T>(name: CallName, fn: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const r = await fn();
      calls[name].push(performance.now() - t);
      return r;
    };
    const wallMs = await pool(m.count, m.concurrency, async (i) => {
      const printerId = m.printerIds[i % m.printerIds.length]!;
      const jobsUrl = `${m.graphUrl}/print/printers/${printerId}/jobs`;
      const createdAt = wallNow();
      const job = (await timed('create', () =>
        call('POST', jobsUrl, json, JSON.stringify({ displayName: `bench ${m.firstLabel + i}`, configuration: { copies: 1 } }), 201),
      )) as { id: string; documents: Array<{ id: string }> };
      const jobUrl = `${jobsUrl}/${job.id}`;
      const session = (await timed('createUploadSession', () =>
        call(
          'POST',
          `${jobUrl}/documents/${job.documents[0]!.id}/createUploadSession`,
          json,
          JSON.stringify({ properties: { documentName: 'bench.pdf', contentType: 'application/pdf', size: pdf.length } }),
          200,
        ),
      )) as { uploadUrl: string };
      await timed('upload PUT', () =>
        call('PUT', session.uploadUrl, { 'content-range': `bytes 0-${pdf.length - 1}/${pdf.length}`, 'content-type': 'application/octet-stream' }, pdf, 201),
      );
      const done = completion(job.id);
      const startedAt = wallNow();
      await timed('start', () => call('POST', `${jobUrl}/start`, auth, null, 200));
      const end = await done;
      if (end.leaf !== 'completed') throw new Error(`job ${job.id} ended ${end.leaf}: ${end.description ?? ''}`);
      calls['start→completed'].push(end.at - startedAt);
      calls['create→completed'].push(end.at - createdAt);
    });
    return { type: 'jobsResult', wallMs, calls };
  }
}

// ------------------------------------------------------------------ main thread

/** A valid PDF of about 100 KB: four text pages sharing one raw (incompressible) RGB image. */
async function makeBenchPdf(): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, popGraphicsState, pushGraphicsState, concatTransformationMatrix, drawObject } =
    await import('@cantoo/pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  // Pseudo-random pixels so no filter shrinks them; sized to land near 100 KB in total.
  const side = 180;
  const pixels = new Uint8Array(side * side * 3);
  let x = 0x9e3779b9;
  for (let i = 0; i < pixels.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pixels[i] = x & 0xff;
  }
  const image = doc.context.register(
    doc.context.stream(pixels, { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }),
  );
  for (let p = 1; p <= 4; p++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`printsim bench, page ${p}`, { x: 72, y: 760, size: 24, font });
    const name = page.node.newXObject('Im', image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(360, 0, 0, 360, 117, 300), drawObject(name), popGraphicsState());
  }
  const bytes = await doc.save({ useObjectStreams: false });
  if (Math.abs(bytes.length - PDF_TARGET_BYTES) > 10 * 1024) throw new Error(`bench PDF is ${bytes.length} bytes, expected about ${PDF_TARGET_BYTES}`);
  return bytes;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

const ms = (v: number): string => v.toFixed(2).padStart(9);

async function main(): Promise<void> {
  const options = {
    jobs: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    'data-dir': { type: 'string' },
    memory: { type: 'boolean', default: false },
    renderer: { type: 'string', default: 'default' },
    timeout: { type: 'string', default: '300' },
  } as const;
  let values: ReturnType<typeof parseArgs<{ options: typeof options; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ options, strict: true }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const jobCount = positiveInt(values.jobs, '--jobs');
  const concurrency = positiveInt(values.concurrency, '--concurrency');
  const timeoutS = positiveInt(values.timeout, '--timeout');
  if (values.memory && values['data-dir'] !== undefined) throw new UsageError('--memory and --data-dir exclude each other');
  // pass-through (count pages, keep the document) isolates the job core from rendering cost.
  if (values.renderer !== 'default' && values.renderer !== 'pass-through') {
    throw new UsageError(`--renderer must be default or pass-through, got '${values.renderer}'`);
  }
  const ownDir = !values.memory && values['data-dir'] === undefined ? mkdtempSync(join(tmpdir(), 'printsim-bench-')) : null;
  const dataDir = values.memory ? null : (values['data-dir'] ?? ownDir);
  const warmupJobs = Math.min(200, Math.max(10, Math.floor(jobCount / 10)));
  const pingCount = Math.max(4 * jobCount, 2000);

  const { createEmulator } = await import('../src/emulator.js');
  const pdf = await makeBenchPdf();
  const renderer = values.renderer === 'pass-through' ? (await import('../src/rip/pass-through-renderer.js')).passThroughRenderer : undefined;
  // One render thread, as `printsim serve` runs: rendering stays off the event loop that answers.
  const emu = await createEmulator({ speed: 'unlimited', dataDir, logLevel: 'silent', renderThreads: 1, ...(renderer === undefined ? {} : { renderer }) });
  await emu.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify({ logger: false });
  bare.get('/ping', async () => ({}));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddr = bare.server.address();
  const pingUrl = `http://127.0.0.1:${typeof bareAddr === 'object' && bareAddr !== null ? bareAddr.port : 0}/ping`;

  // The worker runs this same file; on Node 20 a worker's TypeScript entry must go through tsx's API.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;
  const client = new Worker(boot, { eval: true, workerData: { role: 'client' } });
  let cleaning: Promise<void> | null = null;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      await client.terminate();
      await bare.close();
      await emu.close();
      if (ownDir !== null) rmSync(ownDir, { recursive: true, force: true });
    })());
  const timer = setTimeout(() => {
    console.error(`bench: gave up after ${timeoutS} s (--timeout)`);
    setTimeout(() => process.exit(2), 5000).unref();
    void cleanup().finally(() => process.exit(2));
  }, timeoutS * 1000);
  timer.unref();

  // Completions go to the client as they happen: no polling load on the server.
  emu.events.on('job', (t) => {
    if (t.to === 'completed' || t.to === 'aborted' || t.to === 'canceled') {
      client.postMessage({ type: 'ended', jobId: t.jobId, leaf: t.to, description: t.status.description ?? null, at: wallNow() } satisfies ToClient);
    }
  });
  const ask = <R extends FromClient['type']>(msg: ToClient, want: R): Promise<Extract<FromClient, { type: R }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (r: FromClient): void => {
        client.off('message', onMessage);
        client.off('error', reject);
        if (r.type === 'error') reject(new Error(`client: ${r.message}`));
        else if (r.type !== want) reject(new Error(`client answered ${r.type}, expected ${want}`));
        else resolve(r as Extract<FromClient, { type: R }>);
      };
      client.on('message', onMessage);
      client.once('error', reject);
      client.postMessage(msg);
    });

  const token = emu.token({ kind: 'user', upn: 'bench.admin@contoso.com', scopes: ADMIN_SCOPES, admin: true });
  const printerIds = emu.printers.map((p) => p.id);
  const jobsMsg = (count: number, firstLabel: number): ToClient => ({
    type: 'jobs', graphUrl: emu.graphUrl, token, printerIds, pdf, count, concurrency, firstLabel,
  });

  console.log(
    `printsim bench/graph-jobs: ${jobCount} jobs, concurrency ${concurrency}, store ${dataDir === null ? 'in memory' : 'SQLite on disk'}, ` +
      `PDF ${pdf.length} bytes, ${printerIds.length} printers, speed unlimited, ${values.renderer} renderer, Node ${process.version}`,
  );
  console.log(`load average before the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes skew the numbers)`);
  console.log(`client: node:http keep-alive in a worker thread; completion from emu.events 'job' transitions (no polling)`);
  console.log(`warm-up (not counted): ${warmupJobs} jobs and 1000 pings`);
  const measure = async () => {
    await ask({ type: 'ping', url: pingUrl, count: 1000, concurrency }, 'pingResult');
    await ask(jobsMsg(warmupJobs, 0), 'jobsResult');

    const pingRun = await ask({ type: 'ping', url: pingUrl, count: pingCount, concurrency }, 'pingResult');
    // How busy the server's thread was: tells CPU-bound from latency-bound.
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const thread0 = mainThreadCpuMs();
    const jobRun = await ask(jobsMsg(jobCount, warmupJobs), 'jobsResult');
    const elu = performance.eventLoopUtilization(elu0).utilization;
    const cpu = process.cpuUsage(cpu0);
    const threadMs = thread0 === null ? null : mainThreadCpuMs()! - thread0;
    loopDelay.disable();
    return { pingRun, jobRun, elu, cpu, threadMs, loopDelay };
  };
  let measured: Awaited<ReturnType<typeof measure>>;
  try {
    measured = await measure();
  } finally {
    // Also on failure, so no temp folder or server outlives the run.
    clearTimeout(timer);
    await cleanup();
  }
  const { pingRun, jobRun, elu, cpu, threadMs, loopDelay } = measured;

  const bareStats = stats(pingRun.latencies);
  const bareRps = pingRun.latencies.length / (pingRun.wallMs / 1000);
  const jobsPerS = jobCount / (jobRun.wallMs / 1000);
  const jobRequestsPerS = (4 * jobCount) / (jobRun.wallMs / 1000);
  const perCall = Object.fromEntries(CALLS.map((c) => [c, stats(jobRun.calls[c])])) as Record<CallName, Stats>;

  console.log('');
  console.log(`${'call'.padEnd(24)}${'n'.padStart(7)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}  p99 ÷ bare p99`);
  const row = (name: string, s: Stats): void =>
    console.log(`${name.padEnd(24)}${String(s.n).padStart(7)} ${ms(s.p50)} ${ms(s.p99)} ${ms(s.max)}  ${(s.p99 / bareStats.p99).toFixed(1).padStart(8)}×`);
  row('bare GET /ping', bareStats);
  for (const c of CALLS) row(c, perCall[c]);
  console.log('');
  console.log(`bare fastify:  ${bareRps.toFixed(0).padStart(6)} req/s  (${pingRun.latencies.length} requests in ${(pingRun.wallMs / 1000).toFixed(2)} s)`);
  console.log(
    `print jobs:    ${jobsPerS.toFixed(0).padStart(6)} complete jobs/s  (${jobCount} in ${(jobRun.wallMs / 1000).toFixed(2)} s; ` +
      `${jobRequestsPerS.toFixed(0)} Graph req/s = ${((100 * jobRequestsPerS) / bareRps).toFixed(0)}% of bare req/s)`,
  );
  console.log(
    `server thread: event-loop utilization ${(100 * elu).toFixed(0)}%, loop delay p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, ` +
      `p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms; ` +
      `process CPU ${((cpu.user + cpu.system) / 1000 / jobRun.wallMs).toFixed(2)} cores (client worker included)`,
  );
  // CPU per job holds still when other processes share the machine; rates and latencies do not.
  console.log(
    `CPU per job:   ${((cpu.user + cpu.system) / 1000 / jobCount).toFixed(2)} ms whole process` +
      (threadMs === null ? '' : `, ${(threadMs / jobCount).toFixed(2)} ms server thread`),
  );
  console.log(`ratio:         jobs/s ÷ bare req/s = ${(jobsPerS / bareRps).toFixed(3)}; create p50 ÷ bare p50 = ${(perCall.create.p50 / bareStats.p50).toFixed(1)}×`);
  const okRate = jobsPerS >= TARGET_JOBS_PER_SECOND;
  const okCreate = perCall.create.p99 < TARGET_CREATE_P99_MS;
  console.log('');
  console.log(`target ≥ ${TARGET_JOBS_PER_SECOND} complete jobs/s:  ${okRate ? 'met' : 'MISSED'} (${jobsPerS.toFixed(0)})`);
  console.log(`target create p99 < ${TARGET_CREATE_P99_MS} ms:    ${okCreate ? 'met' : 'MISSED'} (${perCall.create.p99.toFixed(2)} ms)`);
}

/** CPU time of the calling thread from /proc (Linux), in ms; null elsewhere. */
function mainThreadCpuMs(): number | null {
  try {
    // proc_pid_stat(5) fields 14 and 15 (utime, stime), counted after the parenthesised command name.
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

class UsageError extends Error {}

function positiveInt(v: string | undefined, flag: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got '${v}'`);
  return n;
}

if (isMainThread) {
  main().catch((e: unknown) => {
    console.error(e instanceof UsageError || !(e instanceof Error) ? String(e instanceof Error ? e.message : e) : (e.stack ?? e.message));
    process.exit(e instanceof UsageError ? 2 : 1);
  });
} else if ((workerData as { role?: string } | null)?.role === 'client') {
  void runClient();
}
