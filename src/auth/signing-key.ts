import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The RS256 key that signs and verifies printsim's Entra-style access tokens. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** JWT header `kid`: the RFC 7638 JWK thumbprint of the public key. */
  kid: string;
}

export const SIGNING_KEY_FILE = 'signing-key.pem';

/**
 * The key kept in `<dataDir>/signing-key.pem`, created on first use, so that
 * `printsim token` and a server on the same folder sign with the same key.
 * `null` (embedded, in-memory emulator) gives a fresh key that lives as long
 * as the caller keeps it, made when first used: an RSA key takes 50-200 ms
 * to make, most of an embedded emulator's start, and a test that never
 * issues or checks a token (IPP, the renderer, the console on loopback)
 * never needs one.
 */
export function loadOrCreateSigningKey(dataDir: string | null): SigningKey {
  if (dataDir === null) return lazySigningKey();
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SIGNING_KEY_FILE);
  const existing = readPem(path);
  if (existing !== null) return signingKeyFromPem(isCompletePem(existing) ? existing : readPemWithRetry(path), path);
  return signingKeyFromPem(publishKeyFile(path, generatePem()), path);
}

/**
 * Writes `pem` to `path` unless a key is already there, and returns the PEM
 * that ended up in `path`. The content is complete in a temp file before
 * link(2) gives it its name, and link never clobbers: when two processes race,
 * the first link wins and the loser re-reads the winner's key.
 */
export function publishKeyFile(path: string, pem: string): string {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, pem);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return pem;
  } catch (e) {
    if (errorCode(e) === 'EEXIST') return readPemWithRetry(path);
    if (errorCode(e) === 'EPERM' || errorCode(e) === 'ENOTSUP' || errorCode(e) === 'EOPNOTSUPP') {
      // Filesystems without hard links (some network/Windows mounts): an exclusive create still
      // lets only one writer win; readers retry until its content is complete.
      try {
        writeExclusive(path, pem);
        return pem;
      } catch (e2) {
        if (errorCode(e2) === 'EEXIST') return readPemWithRetry(path);
        throw e2;
      }
    }
    throw e;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone: nothing to clean up
    }
  }
}

function lazySigningKey(): SigningKey {
  let key: SigningKey | undefined;
  const made = (): SigningKey => (key ??= signingKeyFromPem(generatePem()));
  return {
    get privateKey() {
      return made().privateKey;
    },
    get publicKey() {
      return made().publicKey;
    },
    get kid() {
      return made().kid;
    },
  };
}

function generatePem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function signingKeyFromPem(pem: string, path?: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new Error(`${path ?? 'signing key'} is not a PEM private key; delete it to have printsim create a new one`, { cause: e });
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new Error(`${path ?? 'signing key'} holds a ${String(privateKey.asymmetricKeyType)} key; printsim signs RS256 tokens and needs an RSA key`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, kid: jwkThumbprint(publicKey) };
}

function jwkThumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

function readPem(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  }
}

/** Only the no-hard-link fallback can expose a half-written file; give its writer a moment. */
function readPemWithRetry(path: string): string {
  for (let attempt = 0; ; attempt++) {
    const pem = readPem(path);
    if (pem !== null && isCompletePem(pem)) return pem;
    if (attempt >= 50) return pem ?? '';
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

function isCompletePem(pem: string): boolean {
  return pem.includes('-----END');
}

function writeExclusive(path: string, pem: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, pem);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}
