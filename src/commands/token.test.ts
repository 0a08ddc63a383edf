import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../auth/signing-key.js';
import { verifyToken } from '../auth/tokens.js';
import { tokenCommand, type TokenCommandArgs } from './token.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return Object.assign(w, { text: () => chunks.join('') });
}

async function run(args: Omit<TokenCommandArgs, 'dataDir'> & { dataDir?: string }) {
  const dataDir = args.dataDir ?? mkdtempSync(join(tmpdir(), 'printsim-token-'));
  dirs.push(dataDir);
  const stdout = sink();
  const stderr = sink();
  const code = await tokenCommand({ ...args, dataDir }, { stdout, stderr });
  return { code, dataDir, stdout: stdout.text(), stderr: stderr.text() };
}

describe('printsim token', () => {
  it('prints a user token alone on stdout and what it is on stderr, verifiable with the folder key', async () => {
    const r = await run({ user: 'alice@contoso.com', scopes: ['PrintJob.ReadWrite,PrinterShare.ReadBasic.All'], admin: true });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(r.stderr).toMatch(/^Token for user alice@contoso\.com \(Printer Administrator\) with scopes PrintJob\.ReadWrite PrinterShare\.ReadBasic\.All, valid until \d{4}-\d\d-\d\dT/);
    expect(r.stderr).toContain('Authorization: Bearer');
    const token = lines[0];
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const p = verifyToken(loadOrCreateSigningKey(r.dataDir), `Bearer ${token}`, Date.now());
    expect(p).toMatchObject({ kind: 'user', upn: 'alice@contoso.com', isPrinterAdmin: true, scopes: new Set(['PrintJob.ReadWrite', 'PrinterShare.ReadBasic.All']) });
  });

  it('prints an application token, reusing the key a server already made', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'printsim-token-'));
    const serverKey = loadOrCreateSigningKey(dataDir);
    const r = await run({ dataDir, app: 'c3f5d3f8-6b0e-4d1e-9a55-1b2c3d4e5f60', roles: ['PrintJob.Manage.All', 'Printer.Read.All'], lifetimeSeconds: 120 });
    expect(r.code).toBe(0);
    const token = r.stdout.trimEnd().split('\n').pop() ?? '';
    expect(verifyToken(serverKey, `Bearer ${token}`, Date.now())).toMatchObject({ kind: 'app', roles: new Set(['PrintJob.Manage.All', 'Printer.Read.All']) });
    expect(() => verifyToken(serverKey, `Bearer ${token}`, Date.now() + 121_000)).toThrow(/expired/);
  });

  it('warns about names that are not Universal Print permissions but still issues the token', async () => {
    const r = await run({ user: 'alice@contoso.com', scopes: ['PrintJob.Readwrite', 'PrintJob.Manage.All'] });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('PrintJob.Readwrite is not a Universal Print delegated scope');
    expect(r.stderr).toContain('PrintJob.Manage.All is an application role, not a delegated scope');
  });

  it('fails cleanly when the data folder cannot hold a key', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'printsim-token-'));
    const file = join(parent, 'not-a-folder');
    writeFileSync(file, 'x');
    const r = await run({ dataDir: file, user: 'alice@contoso.com', scopes: ['PrintJob.Read'] });
    rmSync(parent, { recursive: true, force: true });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^printsim token: cannot use the signing key in .*not-a-folder: .*\n$/);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  it.each<[string, Omit<TokenCommandArgs, 'dataDir'>, RegExp]>([
    ['both --user and --app', { user: 'alice@contoso.com', scopes: ['PrintJob.Read'], app: 'app-1', roles: ['Printer.Read.All'] }, /either --user UPN or --app APP_ID, not both/],
    ['neither', {}, /say who the token is for/],
    ['no scopes', { user: 'alice@contoso.com' }, /--scopes needs at least one delegated scope/],
    ['empty scopes', { user: 'alice@contoso.com', scopes: [' , '] }, /--scopes needs at least one delegated scope/],
    ['empty roles', { app: 'app-1', roles: [] }, /--roles needs at least one application role/],
    ['a UPN without a domain', { user: 'alice', scopes: ['PrintJob.Read'] }, /--user takes a user principal name/],
    ['roles on a user', { user: 'alice@contoso.com', scopes: ['PrintJob.Read'], roles: ['Printer.Read.All'] }, /--roles is for application tokens/],
    ['scopes on an app', { app: 'app-1', roles: ['Printer.Read.All'], scopes: ['PrintJob.Read'] }, /--scopes is for user tokens/],
    ['--admin on an app', { app: 'app-1', roles: ['Printer.Read.All'], admin: true }, /--admin gives a user/],
    ['a bad lifetime', { app: 'app-1', roles: ['Printer.Read.All'], lifetimeSeconds: 0 }, /--lifetime must be a whole number/],
  ])('fails cleanly on %s', async (_name, args, message) => {
    const r = await run(args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.stderr).toMatch(/^printsim token: /);
    expect(r.stderr).toMatch(message);
  });
});
