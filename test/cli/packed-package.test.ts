// printsim as a project that installs it sees it: the tarball `npm pack`
// makes, unpacked into a scratch project's node_modules, type-checked with
// skipLibCheck false and the current @types/node, and run by a consumer that
// embeds an emulator. The dependencies come from this checkout's node_modules
// (no registry is asked), so what is tested is the package's own contents.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE_MODULES = join(ROOT, 'node_modules');

const CONSUMER = `import { createEmulator, type Emulator, type PrintJobConfiguration } from 'printsim';

const emu: Emulator = await createEmulator({ clock: 'simulated', speed: 'unlimited' });
const url = await emu.listen();
const config: PrintJobConfiguration = { copies: 2 };
const token = emu.token({ kind: 'user', upn: 'admin@contoso.com', scopes: ['Printer.Read.All'], admin: true });
const res = await fetch(url + '/v1.0/print/printers', { headers: { authorization: 'Bearer ' + token } });
const body = (await res.json()) as { value: Array<{ displayName: string }> };
console.log(JSON.stringify({ status: res.status, printers: body.value.map((p) => p.displayName), copies: config.copies }));
await emu.close();
`;

describe('the packed package', { timeout: 300_000 }, () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'printsim-consumer-'));
    // prepare (tsc) builds dist/ first, as a publish would.
    execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const pkg = join(dir, 'node_modules', 'printsim');
    mkdirSync(pkg, { recursive: true });
    execFileSync('tar', ['xzf', join(dir, tarball), '-C', pkg, '--strip-components', '1']);
    symlinkSync(NODE_MODULES, join(pkg, 'node_modules'));
    mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
    // The newest @types/node (a devDependency under another name), as a consumer starting today would have.
    symlinkSync(join(NODE_MODULES, '@types', 'node-current'), join(dir, 'node_modules', '@types', 'node'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, types: ['node'], outDir: 'out' },
        include: ['consumer.ts'],
      }),
    );
  }, 300_000);
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('holds what it needs and nothing of the development tree', () => {
    const files = readdirSync(join(dir, 'node_modules', 'printsim'));
    expect(files).toEqual(expect.arrayContaining(['bin', 'dist', 'fixtures', 'package.json', 'README.md']));
    for (const dev of ['test', 'bench', '.ci', 'tsconfig.json', 'vitest.config.ts']) expect(files, dev).not.toContain(dev);
  });

  it('type-checks in a strict consumer with skipLibCheck false', () => {
    const tsc = spawnSync(process.execPath, [join(NODE_MODULES, 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs embedded: an emulator from the package serves Graph', () => {
    const run = spawnSync(process.execPath, [join(dir, 'out', 'consumer.js')], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual({ status: 200, printers: expect.arrayContaining(['Office Color']), copies: 2 });
  });
});
