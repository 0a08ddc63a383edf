import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { layerOptions, SettingError, type OptionSpec } from './commands/layered-options.js';
import { tokenCommand } from './commands/token.js';
import type { Emulator } from './emulator.js';

// Kept in step with src/emulator.ts; the emulator itself loads only for `serve`.
const DEFAULT_PORT = 8631;
const DEFAULT_KEEP_JOBS = 10_000;
const DAY_MS = 24 * 3600 * 1000;

const SERVE_USAGE = `  printsim serve [--port P] [--host H] [--data-dir D] [--printers FILE_OR_DIR]
                 [--speed PPM|unlimited] [--log-level L] [--log-format pretty|json]
                 [--proof] [--render-threads N] [--no-default-shares]
                 [--keep-jobs N|unlimited] [--job-max-age DAYS|unlimited]
                 [--document-folder DIR] [--config FILE.json] [--debug]
`;
const TOKEN_USAGE = `  printsim token [--data-dir D] --user UPN --scopes A,B [--admin] [--lifetime SECONDS]
  printsim token [--data-dir D] --app APP_ID --roles A,B [--lifetime SECONDS]
`;
const RENDER_USAGE = `  printsim render INPUT --config JOB.json [--printer ID_OR_FILE] -o OUT.pdf [--manifest OUT.json] [--proof]
`;

const USAGE = `printsim: a virtual printer (Microsoft Graph Universal Print API + IPP)

Usage:
${SERVE_USAGE}${TOKEN_USAGE}${RENDER_USAGE}  printsim --version

Defaults: port ${DEFAULT_PORT}, host 127.0.0.1, data folder ./.printsim, the bundled printers,
${DEFAULT_KEEP_JOBS} finished jobs kept per printer (--keep-jobs) whatever their age (--job-max-age).
Every serve option can also come from the environment (PRINTSIM_PORT, PRINTSIM_RENDER_THREADS, ...)
or from a JSON file given with --config or PRINTSIM_CONFIG ({"port": 8631, "renderThreads": 1});
the command line wins over the environment, which wins over the file.
`;

/** `printsim serve` options; each is also PRINTSIM_<NAME> and a camelCase key of the config file. */
const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string', path: true },
  printers: { type: 'string', path: true },
  speed: { type: 'string' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  proof: { type: 'boolean' },
  'render-threads': { type: 'string' },
  'no-default-shares': { type: 'boolean' },
  'keep-jobs': { type: 'string' },
  'job-max-age': { type: 'string' },
  // IPP Print-URI / Send-URI may print file: URIs under this folder only (default: http and https only).
  'document-folder': { type: 'string', path: true },
  config: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies Record<string, OptionSpec>;

function version(): string {
  // package.json sits one folder above both src/cli.ts and dist/cli.js.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

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
      case '--version':
      case '-V':
      case 'version':
        io.stdout.write(`printsim ${version()}\n`);
        return 0;
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
    const usage = e instanceof UsageError || e instanceof SettingError;
    return usage || String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS_') ? 2 : 1;
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
  const parsed = parseArgs({ args, options: SERVE_OPTIONS, strict: true });
  if (parsed.values.help === true) {
    io.stdout.write(`Usage:\n${SERVE_USAGE}\nEvery option is also PRINTSIM_<OPTION> (PRINTSIM_DATA_DIR) or a key of the --config file ("dataDir").\n`);
    return 0;
  }
  const values = layerOptions(parsed.values, SERVE_OPTIONS, process.env, process.cwd()) as {
    [K in keyof typeof SERVE_OPTIONS]?: (typeof SERVE_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
  };
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
  const format = values['log-format'] ?? (io.stdout.isTTY ? 'pretty' : 'json');
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`--log-format must be pretty or json, got '${format}'`);
  const speed = parseSpeed(values.speed);
  const keepJobs = parseLimit('--keep-jobs', values['keep-jobs'], true);
  const maxAgeDays = parseLimit('--job-max-age', values['job-max-age'], false);
  // Found out before the emulator starts: telling the user takes a moment, not a full start and stop.
  if (port !== 0) await assertPortFree(port, host);
  // Loaded here so `render` and `token` start without them.
  const { pino } = await import('pino');
  let logger: Logger;
  if (format === 'pretty') {
    const pretty = (await import('pino-pretty')).default;
    // https://no-color.org: NO_COLOR set and not empty turns colour off.
    const colorize = io.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '';
    logger = pino({ level }, pretty({ sync: true, colorize, ignore: 'pid,hostname', destination: io.stdout }));
  } else {
    logger = pino({ level }, io.stdout);
  }
  const { createEmulator } = await import('./emulator.js');
  const emu = await createEmulator({
    proof: values.proof === true,
    defaultShares: values['no-default-shares'] !== true,
    renderThreads,
    dataDir,
    logger,
    ...(values.printers === undefined ? {} : { printers: resolve(values.printers) }),
    ...(speed === undefined ? {} : { speed }),
    jobRetention: {
      ...(keepJobs === undefined ? {} : { perPrinter: keepJobs }),
      ...(maxAgeDays === undefined ? {} : { maxAgeMs: maxAgeDays === null ? null : maxAgeDays * DAY_MS }),
    },
    // Print-URI / Send-URI may name files under this folder only.
    ...(values['document-folder'] === undefined ? {} : { ipp: { documentFolder: resolve(values['document-folder']) } }),
  });
  try {
    await emu.listen({ port, host });
  } catch (e) {
    // Taken in the moment between the check and the listen.
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

/** Fails with the one line serve would give if `port` on `host` is taken. */
async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((done, fail) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') fail(new Error(`port ${port} on ${host} is already in use; choose another with --port`));
      else if (e.code === 'EADDRNOTAVAIL') fail(new Error(`cannot listen on ${host}: no such address on this machine (--host)`));
      else if (e.code === 'EACCES') fail(new Error(`port ${port} on ${host} needs more privileges; choose a port above 1023 with --port`));
      else fail(e);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => done()));
  });
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
    const shares = emu.service.listShares().filter((s) => s.printerId === p.id);
    const shared = shares.length === 0 ? '' : `, share${shares.length === 1 ? '' : 's'} ${shares.map((s) => `${s.id}${s.allowAllUsers ? ' (all users)' : ''}`).join(', ')}`;
    logger.info(`printer '${rt.displayName}': Graph id ${p.id}, IPP ${ipp}${shared}, ${p.speed.impressionsPerMinute} impressions/min, status ${rt.status().state}`);
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
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    io.stdout.write(`Usage:\n${TOKEN_USAGE}\nThe token alone goes to stdout (TOKEN=$(printsim token ...)); what it is, to stderr.\n`);
    return 0;
  }
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
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) {
    io.stdout.write(`Usage:\n${RENDER_USAGE}`);
    return 0;
  }
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
