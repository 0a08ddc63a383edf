import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/printsim.mjs', import.meta.url));

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `printsim serve` and resolves with its base URL once it logs it. */
function serve(args: string[], cwd: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'info', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /printsim is listening on (http:\/\/[^"\s]+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${out}`));
    });
  });
}

describe('printsim command line', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'printsim-cli-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('serve logs the Graph URL and printers, and a token printed while it runs is accepted', async () => {
    const cwd = tempDir();
    const { child, url } = await serve(['--data-dir', 'data'], cwd);
    children.push(child);
    const t = run(['token', '--data-dir', 'data', '--user', 'admin@contoso.com', '--scopes', 'Printer.Read.All', '--admin'], cwd);
    expect(t.code).toBe(0);
    const token = t.stdout.trim().split('\n').pop()!;
    expect(token.split('.')).toHaveLength(3);
    const ok = await fetch(`${url}/v1.0/print/printers`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { value: Array<{ displayName: string }> };
    expect(body.value.map((p) => p.displayName)).toContain('Office Color');
    const denied = await fetch(`${url}/v1.0/print/printers`);
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');

    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('an unknown command or a bad option is one line on stderr and exit 2', () => {
    const cwd = tempDir();
    for (const args of [
      ['frobnicate'],
      ['serve', '--port', 'eighty'],
      ['serve', '--keep-jobs', '0'],
      ['serve', '--job-max-age', 'forever'],
      ['token', '--user', 'a@b.c'],
    ]) {
      const r = run(args, cwd);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a printer definition with a mistake stops serve with the file and field named, without a stack trace', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ id: 'x' }));
    const r = run(['serve', '--port', '0', '--data-dir', 'data', '--printers', 'bad.json'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json/);
    expect(r.stderr).toMatch(/displayName|name|speed|capabilities/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const debug = run(['serve', '--port', '0', '--data-dir', 'data', '--printers', 'bad.json', '--debug'], cwd);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
