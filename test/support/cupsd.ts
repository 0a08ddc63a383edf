// A private CUPS scheduler for interop tests: Debian's `cupsd` in the
// foreground with its whole state (cupsd.conf, cups-files.conf, spool, cache,
// PPDs, logs, printcap) in a temp folder, listening on a free loopback port
// only, no browsing, no web interface, no authentication for local clients.
// The CUPS client tools (lp, lpadmin, lpstat, cancel, lpoptions) are pointed at
// it with `-h 127.0.0.1:PORT`, never at a system scheduler.
//
// As root, cupsd runs filters and the ipp backend as its default `User lp`, so
// the folders those read are group lp (as Debian's own /var/spool/cups is); as
// another user, cupsd runs everything as that user and needs no setup. cupsd
// needs no D-Bus or Avahi here: with `Browsing No` it advertises nothing
// (unlike ippeveprinter, which refuses to start without a system bus).

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Debian tools a CUPS test drives: cupsd (package cups-daemon, via cups), the rest from cups-client. */
export const CUPS_TOOLS = ['cupsd', 'lpadmin', 'lp', 'lpstat', 'cancel', 'lpoptions'];

/**
 * cupsd and lpadmin live in /usr/sbin, which Debian leaves off a normal user's
 * PATH; add the sbin folders (for this test process only) before `missingTools`.
 */
export function addSbinToPath(): void {
  const parts = (process.env.PATH ?? '').split(':').filter((p) => p !== '');
  for (const dir of ['/usr/local/sbin', '/usr/sbin', '/sbin']) if (!parts.includes(dir)) parts.push(dir);
  process.env.PATH = parts.join(':');
}

export interface CupsCommandResult {
  stdout: string;
  stderr: string;
}

export interface Cupsd {
  readonly port: number;
  /** `127.0.0.1:PORT`, what `-h` and CUPS_SERVER take. */
  readonly server: string;
  /** The private ServerRoot (also a scratch folder for the test's documents). */
  readonly dir: string;
  /** Runs a CUPS client command against this scheduler (`-h` is added); rejects with its stderr and the scheduler log. */
  run(command: string, args: string[], timeoutMs?: number): Promise<CupsCommandResult>;
  /** `lpadmin -p NAME -E -v URI -m everywhere`, then waits (bounded) until cupsd has written the queue's PPD. */
  addEverywhereQueue(name: string, deviceUri: string, timeoutMs?: number): Promise<void>;
  /** Runs `lp ARGS...` and returns the CUPS job id from "request id is NAME-ID". */
  lp(args: string[]): Promise<number>;
  /** CUPS job ids in `lpstat -W not-completed|completed -o` for a queue. */
  jobIds(queue: string, which: 'not-completed' | 'completed'): Promise<number[]>;
  /** The last lines of cupsd's error_log (LogLevel debug), for failure messages. */
  logTail(lines?: number): string;
  /** SIGTERM (cupsd stops its jobs and exits), SIGKILL after a bounded wait, then removes the folder. */
  stop(): Promise<void>;
}

export interface CupsdOptions {
  /** Bound on cupsd becoming ready (`lpstat -r` says it runs); default 15 s. */
  readyTimeoutMs?: number;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function groupId(name: string): number | null {
  try {
    for (const line of readFileSync('/etc/group', 'utf8').split('\n')) {
      const [group, , gid] = line.split(':');
      if (group === name && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
    }
  } catch {
    // no /etc/group: leave ownership alone
  }
  return null;
}

function filesConf(dir: string, root: boolean): string {
  return [
    // As root, SystemGroup names the group whose members may administer; the
    // policy below lets local clients do everything anyway.
    ...(root ? ['SystemGroup root'] : []),
    `ServerRoot ${dir}`,
    `RequestRoot ${dir}/spool`,
    `TempDir ${dir}/spool/tmp`,
    `CacheDir ${dir}/cache`,
    `StateDir ${dir}/run`,
    `Printcap ${dir}/printcap`,
    `AccessLog ${dir}/log/access_log`,
    `ErrorLog ${dir}/log/error_log`,
    `PageLog ${dir}/log/page_log`,
    '',
  ].join('\n');
}

function daemonConf(port: number): string {
  return [
    'LogLevel debug',
    'MaxLogSize 0',
    `Listen 127.0.0.1:${port}`,
    'Browsing No',
    'BrowseLocalProtocols none',
    'DefaultShared No',
    'WebInterface No',
    // One job the printer refuses must not stop the queue for the tests after it.
    'ErrorPolicy abort-job',
    'DefaultAuthType Basic',
    '<Location />',
    '  Order allow,deny',
    '  Allow from 127.0.0.1',
    '</Location>',
    '<Policy default>',
    '  <Limit All>',
    '    Order deny,allow',
    '  </Limit>',
    '</Policy>',
    '',
  ].join('\n');
}

function exec(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CupsCommandResult & { code: number | null }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null;
      resolve({ stdout, stderr: err !== null && stderr === '' ? err.message : stderr, code });
    });
  });
}

/**
 * Starts a private cupsd in the foreground on a free loopback port and waits
 * (bounded) until it answers. Retries with another port if the one picked was
 * taken in between.
 */
export async function startCupsd(options: CupsdOptions = {}): Promise<Cupsd> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  const root = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'printsim-cupsd-'));
  const sub = ['spool', 'spool/tmp', 'cache', 'run', 'log', 'ppd'];
  for (const s of sub) await mkdir(join(dir, s), { recursive: true });
  if (root) {
    // cupsd (root) runs filters and backends as lp: they read the spool and the
    // PPD and write TempDir, as in Debian's /var/spool/cups and /etc/cups.
    const lp = groupId('lp');
    if (lp !== null) for (const p of [dir, ...['spool', 'spool/tmp', 'cache', 'run', 'ppd'].map((s) => join(dir, s))]) await chown(p, 0, lp);
  }
  await chmod(dir, 0o755);
  await chmod(join(dir, 'spool'), 0o710);
  await chmod(join(dir, 'spool/tmp'), 0o1770);
  await writeFile(join(dir, 'cups-files.conf'), filesConf(dir, root));

  const errorLog = join(dir, 'log/error_log');
  const logTail = (lines = 40): string => {
    try {
      return readFileSync(errorLog, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no cupsd error_log)';
    }
  };

  let lastFailure = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freeLoopbackPort();
    const server = `127.0.0.1:${port}`;
    await writeFile(join(dir, 'cupsd.conf'), daemonConf(port));
    // HOME keeps ~/.cups (lpoptions, client.conf) of whoever runs the tests out of it.
    const clientEnv: NodeJS.ProcessEnv = { ...process.env, HOME: dir, CUPS_SERVER: server, LC_ALL: 'C', LANG: 'C' };
    const args = ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')];
    const check = await exec('cupsd', ['-t', ...args.slice(1)], clientEnv, 10_000);
    if (check.code !== 0) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`cupsd -t rejected the private configuration: ${check.stdout}${check.stderr}`);
    }

    const child: ChildProcess = spawn('cupsd', args, { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (output = (output + s).slice(-4000)));
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (output = (output + s).slice(-4000)));
    let exited = false;
    const exitedPromise = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
    child.once('error', (e) => (output += `\n${e.message}`));
    // If the test process dies without afterAll, do not leave the scheduler behind.
    const onExit = () => {
      if (!exited) child.kill('SIGKILL');
    };
    process.once('exit', onExit);

    const deadline = Date.now() + readyTimeoutMs;
    let ready = false;
    while (!exited && Date.now() < deadline) {
      const r = await exec('lpstat', ['-h', server, '-r'], clientEnv, 5_000);
      if (r.code === 0 && r.stdout.includes('scheduler is running')) {
        ready = true;
        break;
      }
      await pause(100);
    }
    if (!ready) {
      if (!exited) child.kill('SIGKILL');
      await Promise.race([exitedPromise, pause(5_000)]);
      process.removeListener('exit', onExit);
      lastFailure = `cupsd on ${server} ${exited ? 'exited' : `did not answer within ${readyTimeoutMs} ms`}: ${output.trim()}\n${logTail(20)}`;
      if (/bind|address already in use/i.test(output + logTail(20))) continue;
      break;
    }

    const run = async (command: string, cmdArgs: string[], timeoutMs = 20_000): Promise<CupsCommandResult> => {
      const r = await exec(command, ['-h', server, ...cmdArgs], clientEnv, timeoutMs);
      if (r.code !== 0) {
        throw new Error(`${command} ${cmdArgs.join(' ')} failed (${r.code ?? 'killed'}): ${r.stderr.trim()}\n--- cupsd error_log ---\n${logTail()}`);
      }
      return { stdout: r.stdout, stderr: r.stderr };
    };

    const cupsd: Cupsd = {
      port,
      server,
      dir,
      run,
      async addEverywhereQueue(name, deviceUri, timeoutMs = 20_000) {
        await run('lpadmin', ['-p', name, '-E', '-v', deviceUri, '-m', 'everywhere'], timeoutMs);
        // lpadmin returns at once; cupsd asks the printer for its attributes and writes ppd/NAME.ppd.
        const ppd = join(dir, 'ppd', `${name}.ppd`);
        const until = Date.now() + timeoutMs;
        while (!existsSync(ppd)) {
          if (Date.now() > until) throw new Error(`cupsd wrote no PPD for ${name} within ${timeoutMs} ms\n${logTail()}`);
          await pause(50);
        }
        const state = await run('lpstat', ['-p', name]);
        if (!/enabled/.test(state.stdout)) throw new Error(`queue ${name} is not enabled: ${state.stdout}\n${logTail()}`);
      },
      async lp(lpArgs) {
        const r = await run('lp', lpArgs);
        const m = /request id is \S+-(\d+)/.exec(r.stdout);
        if (m === null) throw new Error(`lp printed no request id: ${r.stdout}${r.stderr}`);
        return Number(m[1]);
      },
      async jobIds(queue, which) {
        const r = await run('lpstat', ['-W', which, '-o', queue]);
        const ids: number[] = [];
        const re = new RegExp(`^${queue.replace(/[^\w-]/g, '')}-(\\d+)\\s`, 'gm');
        for (const m of r.stdout.matchAll(re)) ids.push(Number(m[1]));
        return ids;
      },
      logTail,
      async stop() {
        if (!exited) {
          child.kill('SIGTERM');
          await Promise.race([exitedPromise, pause(5_000)]);
          if (!exited) {
            child.kill('SIGKILL');
            await Promise.race([exitedPromise, pause(5_000)]);
          }
        }
        process.removeListener('exit', onExit);
        await rm(dir, { recursive: true, force: true });
      },
    };
    return cupsd;
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(lastFailure);
}
