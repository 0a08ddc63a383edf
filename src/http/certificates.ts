// The TLS identity of the listener: a local certificate authority made once
// (the certificate a user trusts, printed by `printsim ca`) and a server
// certificate it signs for every name the listener answers to. Both live in
// <data folder>/tls, or only in memory for an emulator without a data folder.
// Keys come from node:crypto (fast, native); node-forge only builds and signs
// the certificates.

import { X509Certificate as NodeX509, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

export interface TlsIdentity {
  /** PEM of the local CA that signed `cert`; null when the certificate was brought by the user. */
  caCert: string | null;
  /** PEM chain the listener presents: the server certificate (then the CA). */
  cert: string;
  key: string;
}

/** Names every server certificate carries besides the configured host (RFC 6125 §6.4, §6.5 IP SANs). */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

const DAY_MS = 24 * 60 * 60 * 1000;
/** Browsers refuse server certificates valid longer than 398 days (CA/Browser Forum BR 6.3.2). */
const SERVER_DAYS = 397;
const CA_DAYS = 3650;
/** A server certificate this close to its end is made again at start. */
const RENEW_DAYS = 30;

/**
 * The CA and a server certificate covering `hostNames` (plus localhost,
 * 127.0.0.1 and ::1): read from `dir` when there, made (and saved) otherwise.
 * The server certificate is made again when a name is missing or it ends soon.
 * Validity follows the machine's real time, as TLS peers check it.
 */
export function loadOrCreateTlsIdentity(dir: string | null, hostNames: string[]): TlsIdentity {
  const names = [...new Set([...LOOPBACK_NAMES, ...hostNames.map(normaliseName).filter((n) => n !== '' && n !== '0.0.0.0' && n !== '::')])];
  const files = dir === null ? null : { caCert: join(dir, 'ca.pem'), caKey: join(dir, 'ca-key.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server-key.pem') };
  let ca: { cert: string; key: string } | null = null;
  if (files !== null && existsSync(files.caCert) && existsSync(files.caKey)) {
    ca = { cert: readFileSync(files.caCert, 'utf8'), key: readFileSync(files.caKey, 'utf8') };
  }
  if (ca === null) {
    ca = createCa();
    if (files !== null) {
      mkdirSync(dir!, { recursive: true, mode: 0o700 });
      writeFileSync(files.caKey, ca.key, { mode: 0o600 });
      writeFileSync(files.caCert, ca.cert);
    }
  }
  if (files !== null && existsSync(files.cert) && existsSync(files.key)) {
    const cert = readFileSync(files.cert, 'utf8');
    if (covers(cert, names)) return { caCert: ca.cert, cert: `${cert}${ca.cert}`, key: readFileSync(files.key, 'utf8') };
  }
  const server = createServerCertificate(ca, names);
  if (files !== null) {
    writeFileSync(files.key, server.key, { mode: 0o600 });
    writeFileSync(files.cert, server.cert);
  }
  return { caCert: ca.cert, cert: `${server.cert}${ca.cert}`, key: server.key };
}

/** The CA certificate of a data folder, made if there is none yet (for `printsim ca`). */
export function caCertificate(dir: string): string {
  const identity = loadOrCreateTlsIdentity(dir, []);
  return identity.caCert!;
}

function normaliseName(name: string): string {
  return name.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** The certificate names every one of `names` and stays valid for RENEW_DAYS more. */
function covers(pem: string, names: string[]): boolean {
  try {
    const cert = new NodeX509(pem);
    if (Date.parse(cert.validTo) - Date.now() < RENEW_DAYS * DAY_MS) return false;
    return names.every((n) => (isIP(n) !== 0 ? cert.checkIP(n) !== undefined : cert.checkHost(n) !== undefined));
  } catch {
    return false;
  }
}

/** An RSA key pair from node:crypto, as PEM (node-forge's own key generation is pure JS and slow). */
function rsaKeys(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A positive serial number of 64 random bits (RFC 5280 §4.1.2.2), in hex. */
function serial(): string {
  const b = randomBytes(8);
  b[0] = (b[0]! & 0x7f) | 0x01;
  return b.toString('hex');
}

function validity(cert: forge.pki.Certificate, days: number): void {
  const now = Date.now();
  cert.validity.notBefore = new Date(now - DAY_MS);
  cert.validity.notAfter = new Date(now + days * DAY_MS);
}

function createCa(): { cert: string; key: string } {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  validity(cert, CA_DAYS);
  const name = [
    { name: 'commonName', value: `printsim local CA ${randomBytes(4).toString('hex')}` },
    { name: 'organizationName', value: 'printsim' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privatePem), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), key: keys.privatePem };
}

function createServerCertificate(ca: { cert: string; key: string }, names: string[]): { cert: string; key: string } {
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  validity(cert, SERVER_DAYS);
  cert.setSubject([
    { name: 'commonName', value: names.find((n) => isIP(n) === 0 && n !== 'localhost') ?? 'localhost' },
    { name: 'organizationName', value: 'printsim' },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // GeneralName types 2 = dNSName, 7 = iPAddress (RFC 5280 §4.2.1.6).
    { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) !== 0 ? { type: 7, ip: n } : { type: 2, value: n })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.key), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), key: keys.privatePem };
}
