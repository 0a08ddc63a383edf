// The command line as a person uses it every day, through real processes:
// --version and --help on every command, settings from the environment and a
// config file, JSON log lines for job transitions, NO_COLOR, a taken port and
// a missing output folder reported in one line.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makePdf } from '../support/harness.js';

const BIN = fileURLToPath(new URL('../../bin/printsim.mjs', import.meta.url));
const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

interface IppNpm {
  Printer(url: string): { execute(op: string, msg: Record<string, unknown>, cb: (err: unknown, res: { statusCode: string }) => void): void };
}
const ippNpm = createRequire(import.meta.url)('ipp') as IppNpm;

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `printsim serve`; resolves once it logs where it listens, with every stdout line seen so far and later. */
function serve(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buf = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
      const m = /printsim is listening on (http:\/\/[^"\s]+)/.exec(parts.join('\n'));
      if (m !== null) resolve({ child, url: m[1]!, lines });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${lines.join('\n')}${buf}${err}`)));
  });
}

/** Resolves when a stdout line satisfies `pred` (the child's own output is the clock here, not a timer). */
function lineMatching(child: ChildProcess, lines: string[], pred: (line: string) => boolean): Promise<string> {
  const found = lines.find(pred);
  if (found !== undefined) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer): void => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      const hit = parts.find(pred);
      if (hit !== undefined) {
        child.stdout!.off('data', onData);
        resolve(hit);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', () => reject(new Error('serve exited before the line was logged')));
  });
}

// Each test starts several real processes; on a busy machine that takes a while, but nothing here waits on a clock.
describe('printsim day to day', { timeout: 120_000 }, () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const servers: Server[] = [];
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'printsim-cli-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    for (const s of servers.splice(0)) s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('--version prints the package version, and every command has --help (exit 0, usage on stdout)', () => {
    const cwd = tempDir();
    for (const args of [['--version'], ['-V'], ['version']]) {
      const r = run(args, cwd);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout.trim()).toBe(`printsim ${PKG.version}`);
    }
    for (const [cmd, flag] of [['serve', '--port'], ['token', '--scopes'], ['render', '--manifest']] as const) {
      for (const help of ['--help', '-h']) {
        const r = run([cmd, help], cwd);
        expect(r.code, `${cmd} ${help}`).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`printsim ${cmd} `));
        expect(r.stdout).toContain(flag);
        expect(r.stderr).toBe('');
      }
    }
    // serve --help starts nothing.
    expect(existsSync(join(cwd, '.printsim'))).toBe(false);
  });

  it('takes settings from PRINTSIM_* variables and a --config file, the command line first', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'printsim.json'), JSON.stringify({ dataDir: 'from-file', logFormat: 'json', speed: 'unlimited' }));
    const { child, lines } = await serve(['--port', '0', '--config', 'printsim.json'], cwd, { PRINTSIM_DATA_DIR: 'from-env' });
    children.push(child);
    const folder = lines.map((l) => JSON.parse(l) as { msg: string }).find((l) => l.msg.startsWith('data folder: '));
    expect(folder?.msg).toBe(`data folder: ${join(cwd, 'from-env')}`);
    expect(existsSync(join(cwd, 'from-env', 'printsim.sqlite'))).toBe(true);
    expect(existsSync(join(cwd, 'from-file'))).toBe(false);
  });

  it('a config file with an unknown or mistyped setting is one line naming the file and key, exit 2', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ prot: 8631 }));
    const r = run(['serve', '--config', 'bad.json'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.json: unknown setting "prot"/);
    writeFileSync(join(cwd, 'typed.json'), JSON.stringify({ proof: 'yes' }));
    const t = run(['serve', '--config', 'typed.json'], cwd);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/"proof" must be true or false/);
    const e = run(['serve', '--port', '0'], cwd, { PRINTSIM_PROOF: 'maybe' });
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/PRINTSIM_PROOF must be true or false/);
  });

  it('logs one JSON line per job transition and printer change, at info level', async () => {
    const cwd = tempDir();
    const { child, url, lines } = await serve(['--port', '0', '--data-dir', 'data', '--log-format', 'json', '--speed', 'unlimited'], cwd);
    children.push(child);
    for (const l of lines) expect(() => JSON.parse(l), l).not.toThrow();
    const pdf = await makePdf(2);
    const status = await new Promise<string>((resolve, reject) =>
      ippNpm.Printer(`${url}/ipp/print`).execute(
        'Print-Job',
        {
          'operation-attributes-tag': { 'requesting-user-name': 'alice', 'job-name': 'log me', 'document-format': 'application/pdf' },
          data: Buffer.from(pdf),
        },
        (err, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res.statusCode)),
      ),
    );
    expect(status).toBe('successful-ok');
    type Line = { level: number; event?: string; jobId?: string; to?: string; state?: string; printer?: string; msg: string };
    const done = JSON.parse(await lineMatching(child, lines, (l) => l.includes('"event":"job"') && l.includes('"to":"completed"'))) as Line;
    expect(done).toMatchObject({ level: 30, event: 'job', to: 'completed', state: 'completed', printer: 'office-color' });
    const jobLines = lines.map((l) => JSON.parse(l) as Line).filter((l) => l.event === 'job' && l.jobId === done.jobId);
    expect(jobLines.map((l) => l.to)).toEqual(expect.arrayContaining(['paused.uploadPending', 'pending', 'processing.interpreting', 'completed']));
    const printerLines = lines.map((l) => JSON.parse(l) as Line).filter((l) => l.event === 'printer');
    expect(printerLines.map((l) => l.state)).toContain('processing');
  });

  it('colours pretty logs on a terminal unless NO_COLOR is set', async () => {
    const cwd = tempDir();
    // script(1) runs serve on a real terminal; its output is what a person would see.
    const onTerminal = (noColor: string | undefined): Promise<string> =>
      new Promise((resolve, reject) => {
        const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
        delete env.NO_COLOR;
        if (noColor !== undefined) env.NO_COLOR = noColor;
        const child = spawn('script', ['-qfec', `exec ${process.execPath} ${BIN} serve --port 0 --data-dir data`, '/dev/null'], {
          cwd,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
          detached: true,
        });
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (/listening on/.test(out) && /printer application id/.test(out)) {
            process.kill(-child.pid!, 'SIGKILL');
            resolve(out);
          }
        });
        child.on('exit', () => reject(new Error(`serve on a terminal exited: ${out}`)));
      });
    const ESC = String.fromCharCode(27);
    expect(await onTerminal(undefined)).toContain(`${ESC}[`);
    const plain = await onTerminal('1');
    expect(plain).toContain('printsim is listening on');
    expect(plain).not.toContain(`${ESC}[`);
  });

  it('out of the box a user who is not an admin prints through a share; a deleted share stays deleted', async () => {
    const cwd = tempDir();
    const { child, url } = await serve(['--port', '0', '--data-dir', 'data', '--speed', 'unlimited', '--log-format', 'json'], cwd);
    children.push(child);
    const token = run(['token', '--data-dir', 'data', '--user', 'bob@contoso.com', '--scopes', 'PrinterShare.ReadBasic.All,PrintJob.ReadWrite'], cwd).stdout.trim();
    const graph = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
      const res = await fetch(`${url}/v1.0${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>) };
    };
    const shares = (await graph('GET', '/print/shares')).json.value as Array<{ id: string; displayName: string }>;
    expect(shares.map((s) => s.displayName).sort()).toEqual(['Letter Mono', 'Office Color', 'Production Finisher'].sort());
    const share = shares.find((s) => s.displayName === 'Office Color')!;
    const job = await graph('POST', `/print/shares/${share.id}/jobs`, { configuration: { copies: 1 } });
    expect(job.status).toBe(201);
    const jobPath = `/print/shares/${share.id}/jobs/${job.json.id as string}`;
    const docId = (job.json.documents as Array<{ id: string }>)[0]!.id;
    const pdf = await makePdf(1);
    const session = await graph('POST', `${jobPath}/documents/${docId}/createUploadSession`, {
      properties: { documentName: 'a.pdf', contentType: 'application/pdf', size: pdf.length },
    });
    expect(session.status).toBe(200);
    const put = await fetch(session.json.uploadUrl as string, {
      method: 'PUT',
      headers: { 'content-range': `bytes 0-${pdf.length - 1}/${pdf.length}`, 'content-length': String(pdf.length) },
      body: Buffer.from(pdf),
    });
    expect(put.status).toBe(201);
    expect((await graph('POST', `${jobPath}/start`)).status).toBe(200);

    // Deleted by an admin, a default share is not made again at the next start.
    const admin = run(['token', '--data-dir', 'data', '--user', 'admin@contoso.com', '--admin', '--scopes', 'PrinterShare.ReadWrite.All'], cwd).stdout.trim();
    const del = await fetch(`${url}/v1.0/print/shares/${share.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    expect(del.status).toBe(204);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    const again = await serve(['--port', '0', '--data-dir', 'data', '--log-format', 'json'], cwd);
    children.push(again.child);
    const after = await fetch(`${again.url}/v1.0/print/shares`, { headers: { authorization: `Bearer ${token}` } });
    const names = ((await after.json()) as { value: Array<{ displayName: string }> }).value.map((s) => s.displayName);
    expect(names.sort()).toEqual(['Letter Mono', 'Production Finisher'].sort());
  });

  it('a taken port is one line on stderr without starting the emulator, exit 1', async () => {
    const cwd = tempDir();
    const blocker = createServer();
    servers.push(blocker);
    await new Promise<void>((r) => blocker.listen({ port: 0, host: '127.0.0.1' }, () => r()));
    const port = (blocker.address() as { port: number }).port;
    const r = run(['serve', '--port', String(port), '--data-dir', 'data'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`printsim: port ${port} on 127.0.0.1 is already in use; choose another with --port`);
    // Refused before anything was made.
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it('render into a missing folder names the folder in one line, exit 1, nothing written', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'in.pdf'), await makePdf(1));
    writeFileSync(join(cwd, 'job.json'), JSON.stringify({ copies: 1 }));
    const r = run(['render', 'in.pdf', '--config', 'job.json', '-o', 'missing-dir/x.pdf'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('printsim render: cannot write the output missing-dir/x.pdf: the folder missing-dir does not exist');
    expect(r.stderr).not.toMatch(/ENOENT/);
  });
});
