import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { SimulatedClock, SystemClock, type Clock } from './core/clock.js';
import { PrintsimError } from './model/errors.js';
import { IdGenerator } from './core/ids.js';
import { PrintService, type JobTransition, type PrinterChange } from './core/print-service.js';
import type { JobRetention } from './core/jobs/job-retention.js';
import type { PrinterDefinition } from './model/printer-definition.js';
import { bundledPrintersDir, loadPrinterDefinitions } from './core/printer-definitions.js';
import type { PrinterRuntime } from './core/printer-runtime.js';
import type { Renderer } from './model/ports.js';
import { createJobRenderer } from './rip/job-renderer.js';
import { createWorkerRenderer, type WorkerRenderer } from './rip/worker-renderer.js';
import { renderJobFiles } from './rip/render-job-files.js';
import { asyncSpoolFiles } from './store/spool-files.js';
import { controlRoutes } from './control/control-routes.js';
import { webPlugin } from './console/web-plugin.js';
import { loadOrCreateSigningKey, type SigningKey } from './auth/signing-key.js';
import { issueToken, type TokenClaims } from './auth/tokens.js';
import { sendGraphError } from './graph/graph-error.js';
import { graphPlugin } from './graph/graph-plugin.js';
import { JSON_BODY_LIMIT, useJsonBodyParser } from './http/json-body.js';
import { GraphFaults } from './graph/faults/graph-faults.js';
import { loadOrCreateTlsIdentity, type TlsIdentity } from './http/certificates.js';
import { dualProtocolServer, TlsSwitch } from './http/tls-listener.js';
import { IppDoor, type IppOptions } from './ipp/ipp-door.js';
import { ippPlugin } from './ipp/ipp-plugin.js';
import { RecordStore } from './store/record-store.js';
import { Spool } from './store/spool.js';
import { logEvents } from './log-events.js';
import { createDefaultShares } from './default-shares.js';

/**
 * The application id that registered the bundled printers as virtual printers
 * (no physical device). Only this application may report their status over Graph.
 */
export const PRINTER_APP_ID = '7072696e-7473-696d-8000-000000000001';

export const DEFAULT_PORT = 8631;
export const DEFAULT_MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;
/** Queued jobs rendered ahead of the device, per render thread. */
const RENDER_AHEAD_PER_THREAD = 4;
/** Empty files kept ready for small documents (creating one is the slow part of spooling). */
const SPOOL_POOL_FILES = 16;

export interface EmulatorOptions {
  /** Folder for the SQLite file, the spool and the signing key; omitted = in memory (and a temp spool). */
  dataDir?: string | null;
  /** Printer definitions: a file or folder of JSON, or definitions; default = the bundled printers. */
  printers?: string | PrinterDefinition[];
  /** Overrides every printer's speed: impressions per minute, or 'unlimited'. */
  speed?: number | 'unlimited';
  /** 'system' (default), 'simulated' (starts at 2026-01-01, moves by advance()), or a Clock. */
  clock?: 'system' | 'simulated' | Clock;
  /** A pino logger, or a level for the built-in one (default 'silent' embedded). */
  logger?: Logger;
  logLevel?: string;
  /** Seeds generated GUIDs so runs repeat. */
  seed?: number;
  /** Replaces the renderer (the default renders every option; see docs/rendering.md). */
  renderer?: Renderer;
  /**
   * Worker threads that render jobs, so rendering never competes with answering
   * requests (0 = render on the main thread, after the response; `printsim serve` uses 1).
   */
  renderThreads?: number;
  /** Proof marks on every job's output: a label band with sheet, side, copy, media, bins and finishings. */
  proof?: boolean;
  maxDocumentBytes?: number;
  /**
   * Gives every printer a share open to all users on a fresh data folder, so
   * non-admin users can print through Graph at once (`printsim serve` does;
   * default false embedded, where tests usually create their own shares).
   */
  defaultShares?: boolean;
  /** The IPP door: attribute size limit, multiple-operation-time-out, operator user names. */
  ipp?: IppOptions;
  /**
   * HTTPS and IPPS on the same port as plain HTTP (the first byte of a connection
   * tells them apart; HTTP Upgrade to TLS also works). `true` = a server certificate
   * from a local CA, made on first listen in <dataDir>/tls (in memory without a data
   * folder); `{ cert, key }` (PEM) = your own. Default: off.
   */
  tls?: boolean | { cert: string; key: string };
  /** Names besides localhost, 127.0.0.1 and ::1 the listener answers to (server certificate names). */
  hostNames?: string[];
  /**
   * Finished-job history kept: `perPrinter` finished jobs per printer (default
   * 10,000; null = no limit) and `maxAgeMs` since they finished (default null =
   * any age). Older jobs are removed with their documents and output.
   */
  jobRetention?: JobRetention;
}

export interface EmulatorEvents {
  on(event: 'job', listener: (t: JobTransition) => void): unknown;
  on(event: 'printer', listener: (c: PrinterChange) => void): unknown;
  off(event: 'job', listener: (t: JobTransition) => void): unknown;
  off(event: 'printer', listener: (c: PrinterChange) => void): unknown;
}

export interface Emulator {
  readonly app: FastifyInstance;
  readonly service: PrintService;
  readonly clock: Clock;
  readonly printers: PrinterDefinition[];
  /** Job transitions, as they happen. */
  readonly events: EmulatorEvents;
  readonly signingKey: SigningKey;
  /**
   * Graph faults for testing a client's retries: `graphFaults.add({ status: 429, count: 2,
   * path: '/print/printers/*' })` makes the next two matching Graph requests answer 429
   * with Retry-After; `clear()` removes every rule. Also at /emulator/faults/graph.
   */
  readonly graphFaults: GraphFaults;
  /** http://host:port once listening. */
  readonly baseUrl: string;
  /** https://host:port once listening with TLS; '' without. */
  readonly secureBaseUrl: string;
  /** PEM of the local CA to trust, once listening with a generated certificate; null otherwise. */
  readonly caCertificate: string | null;
  /** Graph root, e.g. http://127.0.0.1:8631/v1.0 */
  readonly graphUrl: string;
  listen(options?: { port?: number; host?: string }): Promise<string>;
  close(): Promise<void>;
  /** A bearer token for a user or application of the emulated tenant. */
  token(claims: TokenClaims, lifetimeSeconds?: number): string;
  /** Moves a simulated clock forward (throws on the system clock). */
  advance(ms: number): void;
  printer(idOrName: string): PrinterRuntime;
}

/** Request lines at debug level, so `--log-level info` shows what printsim does, not every poll. */
class QuietRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ method: request.method, url: request.url }, 'incoming request');
  }
  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    request.log.debug({ statusCode: reply.statusCode, responseTime: reply.elapsedTime, err: error ?? undefined }, 'request completed');
  }
}

/** The one entry point: builds an emulator; call listen() to serve it. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const logger = options.logger ?? pino({ level: options.logLevel ?? 'silent' });
  const clock: Clock =
    options.clock === undefined || options.clock === 'system'
      ? new SystemClock()
      : options.clock === 'simulated'
        ? new SimulatedClock()
        : options.clock;
  const printers =
    Array.isArray(options.printers) ? options.printers : loadPrinterDefinitions(options.printers ?? bundledPrintersDir());
  const dataDir = options.dataDir ?? null;
  const store = new RecordStore(dataDir === null ? ':memory:' : join(dataDir, 'printsim.sqlite'), {
    onError: (e) => logger.error({ err: e }, 'could not save records to the database'),
  });
  const spool = new Spool(dataDir === null ? null : join(dataDir, 'spool'), { pool: SPOOL_POOL_FILES });
  const signingKey = loadOrCreateSigningKey(dataDir);
  const workers: WorkerRenderer | null =
    options.renderer === undefined && (options.renderThreads ?? 0) > 0
      ? createWorkerRenderer({ proof: options.proof === true, threads: options.renderThreads ?? 1 })
      : null;
  const renderer = options.renderer ?? createJobRenderer({ proof: options.proof === true });
  const service = new PrintService({
    clock,
    store,
    spool,
    printers,
    renderJob: workers ?? ((request) => renderJobFiles(renderer, request, asyncSpoolFiles)),
    renderer,
    // Enough queued jobs to keep every render thread busy while the main thread finishes the one before.
    renderAhead: workers === null ? 0 : RENDER_AHEAD_PER_THREAD * Math.max(1, options.renderThreads ?? 1),
    ids: new IdGenerator(options.seed),
    ...(options.speed === undefined ? {} : { speed: options.speed }),
    maxDocumentBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    printerAppId: PRINTER_APP_ID,
    ...(options.jobRetention === undefined ? {} : { retention: options.jobRetention }),
    onError: (e, context) => logger.error({ err: e }, `unexpected error while ${context}`),
  });
  logEvents(service, logger);
  if (options.defaultShares === true) createDefaultShares(service);

  const tlsSwitch = new TlsSwitch();
  const app: FastifyInstance = Fastify({
    serverFactory: dualProtocolServer(tlsSwitch),
    loggerInstance: logger as unknown as FastifyBaseLogger,
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: () => randomUUID(),
    logController: new QuietRequestLog(),
    forceCloseConnections: true,
    // A URL Fastify cannot route (a bad %-escape) still gets the Graph error body.
    frameworkErrors: (err, req, reply) => void sendGraphError(err, req, reply),
  });
  app.setErrorHandler((err, req, reply) => sendGraphError(err, req, reply));
  // Every JSON route (Graph, control, console) parses with the size and nesting limits.
  useJsonBodyParser(app);
  app.setNotFoundHandler((req, reply) =>
    sendGraphError(new PrintsimError('notFound', `Resource not found: ${req.method} ${req.url.split('?')[0]}.`), req, reply),
  );
  app.addHook('onSend', async (req, reply) => {
    reply.header('request-id', String(req.id));
    // Group commit: an answer leaves only once the writes behind it are in SQLite.
    await store.committed();
  });
  const graphFaults = new GraphFaults();
  const deps = { service, signingKey, faults: graphFaults };
  const ipp = new IppDoor(service, options.ipp);
  await app.register(async (scope) => graphPlugin(scope, deps));
  await app.register(async (scope) => controlRoutes(scope, service, signingKey));
  await app.register(async (scope) => ippPlugin(scope, ipp));
  await app.register(async (scope) => webPlugin(scope, deps));

  let baseUrl = '';
  let secureBaseUrl = '';
  let tlsIdentity: TlsIdentity | null = null;
  let closed = false;
  const emulator: Emulator = {
    app,
    service,
    clock,
    printers,
    events: service.events as unknown as EmulatorEvents,
    signingKey,
    graphFaults,
    get baseUrl() {
      return baseUrl;
    },
    get graphUrl() {
      return `${baseUrl}/v1.0`;
    },
    get secureBaseUrl() {
      return secureBaseUrl;
    },
    get caCertificate() {
      return tlsIdentity?.caCert ?? null;
    },
    async listen(opts = {}) {
      const host = opts.host ?? '127.0.0.1';
      if (options.tls !== undefined && options.tls !== false) {
        tlsIdentity =
          options.tls === true
            ? loadOrCreateTlsIdentity(dataDir === null ? null : join(dataDir, 'tls'), [host, ...(options.hostNames ?? [])])
            : { caCert: null, ...options.tls };
        tlsSwitch.set(tlsIdentity);
      }
      await app.listen({ port: opts.port ?? 0, host });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : opts.port;
      const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      baseUrl = `http://${authority}`;
      secureBaseUrl = tlsIdentity === null ? '' : `https://${authority}`;
      return baseUrl;
    },
    async close() {
      if (closed) return;
      closed = true;
      ipp.close();
      service.close();
      await workers?.close();
      await app.close();
      store.close();
      spool.close();
    },
    token(claims, lifetimeSeconds) {
      return issueToken(signingKey, claims, lifetimeSeconds === undefined ? {} : { lifetimeSeconds });
    },
    advance(ms) {
      if (!(clock instanceof SimulatedClock)) throw new Error('advance() needs an emulator created with clock: "simulated"');
      clock.advance(ms);
    },
    printer(idOrName) {
      const rt = service.findPrinter(idOrName);
      if (rt === undefined) throw new Error(`no printer '${idOrName}' (printers: ${printers.map((p) => p.name).join(', ')})`);
      return rt;
    },
  };
  return emulator;
}
