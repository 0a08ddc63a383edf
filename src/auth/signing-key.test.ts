import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, publishKeyFile, SIGNING_KEY_FILE } from './signing-key.js';

function newPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'printsim-key-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadOrCreateSigningKey', () => {
  it('gives an in-memory emulator its own ephemeral RSA key', () => {
    const a = loadOrCreateSigningKey(null);
    const b = loadOrCreateSigningKey(null);
    expect(a.privateKey.asymmetricKeyType).toBe('rsa');
    expect(a.kid).not.toBe(b.kid);
  });

  it('makes an in-memory key once, when first used, and its halves match', () => {
    const key = loadOrCreateSigningKey(null);
    const kid = key.kid;
    const signature = sign('sha256', Buffer.from('printsim'), key.privateKey);
    expect(verify('sha256', Buffer.from('printsim'), key.publicKey, signature)).toBe(true);
    expect(key.kid).toBe(kid);
  });

  it('creates <dataDir>/signing-key.pem with mode 0600 and reuses it', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const first = loadOrCreateSigningKey(dir);
    const path = join(dir, SIGNING_KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(dir).kid).toBe(first.kid);
    expect(readdirSync(dir)).toEqual([SIGNING_KEY_FILE]);
  });

  it('lets the first writer win: a second publish returns the key already there', () => {
    const dir = tempDir();
    const path = join(dir, SIGNING_KEY_FILE);
    const [pemA, pemB] = [newPem(), newPem()];
    expect(publishKeyFile(path, pemA)).toBe(pemA);
    expect(publishKeyFile(path, pemB)).toBe(pemA);
    expect(readFileSync(path, 'utf8')).toBe(pemA);
    expect(readdirSync(dir)).toEqual([SIGNING_KEY_FILE]);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('names the file when it holds no usable key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SIGNING_KEY_FILE), '-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n');
    expect(() => loadOrCreateSigningKey(dir)).toThrow(/signing-key\.pem is not a PEM private key/);
  });

  it('ends with one key when several processes race on an empty folder', async () => {
    const dir = tempDir();
    const modulePath = fileURLToPath(new URL('./signing-key.ts', import.meta.url));
    const script = join(tempDir(), 'load.mts');
    // Each child spins until the shared start time so that all of them find no key and generate one.
    writeFileSync(
      script,
      `import { loadOrCreateSigningKey } from ${JSON.stringify(modulePath)};\n` +
        `const start = Number(process.argv[3]); while (Date.now() < start) {}\n` +
        `process.stdout.write(loadOrCreateSigningKey(process.argv[2]).kid);\n`,
    );
    const start = Date.now() + 2500;
    const runs = Array.from({ length: 4 }, () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, dir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`loader exited ${code}: ${err}`))));
      }),
    );
    const kids = await Promise.all(runs);
    const onDisk = loadOrCreateSigningKey(dir).kid;
    expect(kids).toEqual([onDisk, onDisk, onDisk, onDisk]);
    expect(readdirSync(dir)).toEqual([SIGNING_KEY_FILE]);
  });
});
