import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { tokenCommand } from './commands/token.js';
import type { Emulator } from './emulator.js';

// Kept in step with src/emulator.ts; the emulator itself loads only for `serve`.
const DEFAULT_PORT = 8631;
const DEFAULT_KEEP_JOBS = 10_000;
const DAY_MS = 24 * 3600 * 1000;

const USAGE = `printsim: a virtual printer (Microsoft Graph Universal Print API + IPP)

Usage:
  printsim serve [--port P] [--host H] [--data-dir D] [--printers FILE_OR_DIR]
                 [--speed PPM|unlimited] [--log-level L] [--proof]
                 [--render-threads N] [--keep-jobs N|unlimited] [--job-max-age DAYS|unlimited] [--debug]
  printsim token [--data-dir D] --user UPN --scopes A,B [--admin] [--lifetime SECONDS]
  printsim token [--data-dir D] --app APP_ID --roles A,B [--lifetime SECONDS]
  printsim render INPUT --config JOB.json [--printer ID_OR_FILE] -o OUT.pdf [--manifest OUT.json] [--proof]

Defaults: port ${DEFAULT_PORT}, host 127.0.0.1, data folder ./.printsim, the bundled printers,
${DEFAULT_KEEP_JOBS} finished jobs kept per printer (--keep-jobs) whatever their age (--job-max-age).
`;

/** A mistake in how printsim was called: one line on stderr, exit 2. */
class UsageError extends Error {}

interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      case 'token':
        return await token(rest, io);
      case 'render':
        return await render(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}' (commands: serve, token, render; see printsim --help)`);
    }
  } catch (e) {
    const err = e as Error;
    io.stderr.write(`printsim: ${oneLine(err.message)}\n`);
    if (debug && err.stack !== undefined) io.stderr.write(`${err.stack}\n`);
    return e instanceof UsageError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1;
  }
}

function oneLine(s: string): string {
  return s.split('\n').filter((l) => l.trim() !== '').join('; ');
}

function list(v: string | string[] | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

function parseSpeed(v: string | undefined): number | 'unlimited' | undefined {
  if (v === undefined) return undefined;
  if (v === 'unlimited') return 'unlimited';
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--speed must be impressions per minute (> 0) or 'unlimited', got '${v}'`);
  return n;
}

/** A count or age limit: a positive number, or 'unlimited' (null). */
function parseLimit(flag: string, v: string | undefined, integer: boolean): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === 'unlimited') return null;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} must be ${integer ? 'a whole number' : 'a number'} above 0 or 'unlimited', got '${v}'`);
  }
  return n;
}

async function serve(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      printers: { type: 'string' },
      speed: { type: 'string' },
      'log-level': { type: 'string' },
      proof: { type: 'boolean' },
      'render-threads': { type: 'string' },
      'keep-jobs': { type: 'string' },
      'job-max-age': { type: 'string' },
      debug: { type: 'boolean' },
    },
    strict: true,
  });
  const renderThreads = values['render-threads'] === undefined ? 1 : Number(values['render-threads']);
  if (!Number.isInteger(renderThreads) || renderThreads < 0 || renderThreads > 16) {
    throw new UsageError(`--render-threads must be 0..16, got '${values['render-threads']}'`);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got '${values.port}'`);
  const host = values.host ?? '127.0.0.1';
  const dataDir = resolve(values['data-dir'] ?? '.printsim');
  const level = values['log-level'] ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) {
    throw new UsageError(`--log-level must be one of fatal, error, warn, info, debug, trace, silent; got '${level}'`);
  }
  // Loaded here so `render` and `token` start without them.
  const { pino } = await import('pino');
  const pretty = (await import('pino-pretty')).default;
  const logger: Logger = io.stdout.isTTY
    ? pino({ level }, pretty({ sync: true, colorize: true, ignore: 'pid,hostname' }))
    : pino({ level });
  const speed = parseSpeed(values.speed);
  const keepJobs = parseLimit('--keep-jobs', values['keep-jobs'], true);
  const maxAgeDays = parseLimit('--job-max-age', values['job-max-age'], false);
  const { createEmulator } = await import('./emulator.js');
  const emu = await createEmulator({
    proof: values.proof === true,
    renderThreads,
    dataDir,
    logger,
    ...(values.printers === undefined ? {} : { printers: resolve(values.printers) }),
    ...(speed === undefined ? {} : { speed }),
    jobRetention: {
      ...(keepJobs === undefined ? {} : { perPrinter: keepJobs }),
      ...(maxAgeDays === undefined ? {} : { maxAgeMs: maxAgeDays === null ? null : maxAgeDays * DAY_MS }),
    },
  });
  try {
    await emu.listen({ port, host });
  } catch (e) {
    await emu.close();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} on ${host} is already in use; choose another with --port`);
    throw e;
  }
  await logStartup(emu, logger, dataDir);
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      logger.info(`${signal}: stopping (jobs in progress resume on the next start)`);
      void emu.close().then(done);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

async function logStartup(emu: Emulator, logger: Logger, dataDir: string): Promise<void> {
  const { PRINTER_APP_ID } = await import('./emulator.js');
  logger.info(`printsim is listening on ${emu.baseUrl}`);
  logger.info(`Graph Universal Print API: ${emu.baseUrl}/v1.0/print (and ${emu.baseUrl}/beta/print)`);
  logger.info(`console: ${emu.baseUrl}/`);
  const ippHost = emu.baseUrl.replace(/^http:\/\//, '');
  logger.info(`data folder: ${dataDir}`);
  for (const p of emu.printers) {
    const rt = emu.service.runtime(p.id);
    const ipp = `ipp://${ippHost}/ipp/print/${p.name}${p === emu.printers[0] ? ` (also ipp://${ippHost}/ipp/print)` : ''}`;
    logger.info(`printer '${rt.displayName}': Graph id ${p.id}, IPP ${ipp}, ${p.speed.impressionsPerMinute} impressions/min, status ${rt.status().state}`);
  }
  logger.info(
    `get a token: npx printsim token --data-dir ${dataDir} --user you@contoso.com --scopes PrintJob.ReadWrite.All,Printer.ReadWrite.All,PrinterShare.ReadWrite.All --admin`,
  );
  logger.info(`printer application id (reports printer status): ${PRINTER_APP_ID}`);
}

async function token(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      user: { type: 'string' },
      scopes: { type: 'string', multiple: true },
      admin: { type: 'boolean' },
      app: { type: 'string' },
      roles: { type: 'string', multiple: true },
      lifetime: { type: 'string' },
      debug: { type: 'boolean' },
    },
    strict: true,
  });
  const lifetime = values.lifetime === undefined ? undefined : Number(values.lifetime);
  const scopes = list(values.scopes);
  const roles = list(values.roles);
  return tokenCommand(
    {
      dataDir: resolve(values['data-dir'] ?? '.printsim'),
      ...(values.user === undefined ? {} : { user: values.user }),
      ...(scopes === undefined ? {} : { scopes }),
      ...(values.admin === undefined ? {} : { admin: values.admin }),
      ...(values.app === undefined ? {} : { app: values.app }),
      ...(roles === undefined ? {} : { roles }),
      ...(lifetime === undefined ? {} : { lifetimeSeconds: lifetime }),
    },
    io,
  );
}

async function render(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      printer: { type: 'string' },
      output: { type: 'string', short: 'o' },
      manifest: { type: 'string' },
      proof: { type: 'boolean' },
      debug: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('render takes one INPUT document (see printsim --help)');
  if (values.config === undefined) throw new UsageError('render needs --config JOB.json');
  if (values.output === undefined) throw new UsageError('render needs -o OUT.pdf');
  const { renderCommand } = await import('./commands/render.js');
  return renderCommand(
    {
      input: positionals[0]!,
      config: values.config,
      output: values.output,
      ...(values.printer === undefined ? {} : { printer: values.printer }),
      ...(values.manifest === undefined ? {} : { manifest: values.manifest }),
      ...(values.debug === undefined ? {} : { debug: values.debug }),
      ...(values.proof === undefined ? {} : { proof: values.proof }),
    },
    { stdout: io.stdout, stderr: io.stderr, isTTY: io.stderr.isTTY === true },
  );
}

const invokedDirectly = process.argv[1] !== undefined && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  void main(process.argv.slice(2)).then((code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  });
}
