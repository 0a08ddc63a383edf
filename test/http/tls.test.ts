// HTTPS and IPPS on the same port as plain HTTP, with a local CA; RFC 2817 Upgrade to TLS.

import { get as httpsGet } from 'node:https';
import { get as httpGet } from 'node:http';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { startEmulator } from '../support/harness.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ tls: true });
});
afterAll(async () => {
  await emu.close();
});

function port(): number {
  return Number(new URL(emu.baseUrl).port);
}

function fetchStatus(secure: boolean, host: string, path: string): Promise<{ status: number; encrypted: boolean }> {
  return new Promise((resolve, reject) => {
    const done = (res: import('node:http').IncomingMessage): void => {
      const encrypted = (res.socket as { encrypted?: boolean }).encrypted === true;
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encrypted }));
    };
    const req = secure
      ? httpsGet({ host: '127.0.0.1', servername: host === '127.0.0.1' ? undefined : host, port: port(), path, ca: emu.caCertificate!, headers: { host: `${host}:${port()}` } }, done)
      : httpGet({ host: '127.0.0.1', port: port(), path }, done);
    req.on('error', reject);
  });
}

describe('TLS on the shared port', () => {
  it('serves HTTPS with a certificate from the local CA, for localhost and 127.0.0.1', async () => {
    expect(emu.secureBaseUrl).toBe(emu.baseUrl.replace('http:', 'https:'));
    expect(emu.caCertificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(await fetchStatus(true, '127.0.0.1', '/ipp/print')).toEqual({ status: 200, encrypted: true });
    expect(await fetchStatus(true, 'localhost', '/ipp/print')).toEqual({ status: 200, encrypted: true });
  });

  it('still serves plain HTTP on the same port', async () => {
    expect(await fetchStatus(false, '127.0.0.1', '/ipp/print')).toEqual({ status: 200, encrypted: false });
  });

  it('refuses a client that does not trust the CA (no answer in clear)', async () => {
    await expect(
      new Promise((resolve, reject) => httpsGet({ host: '127.0.0.1', port: port(), path: '/' }, resolve).on('error', reject)),
    ).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });

  it('upgrades a plain connection to TLS on OPTIONS with Upgrade: TLS/1.2 (RFC 2817)', async () => {
    const raw = netConnect(port(), '127.0.0.1');
    await new Promise<void>((r) => raw.once('connect', () => r()));
    raw.write(`OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nConnection: Upgrade\r\nUpgrade: TLS/1.2,TLS/1.1,TLS/1.0\r\n\r\n`);
    const switching = await new Promise<string>((resolve) => {
      let text = '';
      const onData = (b: Buffer): void => {
        text += b.toString('latin1');
        if (text.includes('\r\n\r\n')) {
          raw.removeListener('data', onData);
          raw.pause();
          resolve(text);
        }
      };
      raw.on('data', onData);
    });
    expect(switching).toMatch(/^HTTP\/1\.1 101 /);
    const secure = tlsConnect({ socket: raw, ca: emu.caCertificate!, servername: 'localhost' });
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      secure.on('data', (b: Buffer) => {
        text += b.toString('latin1');
        if (text.includes('\r\n\r\n')) resolve(text);
      });
      secure.on('error', reject);
    });
    expect(secure.authorized).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    // The same connection then carries ordinary requests over TLS.
    secure.write(`GET /ipp/print HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nConnection: close\r\n\r\n`);
    const page = await new Promise<string>((resolve) => {
      let text = '';
      secure.on('data', (b: Buffer) => (text += b.toString('latin1')));
      secure.on('end', () => resolve(text));
    });
    expect(page).toMatch(/HTTP\/1\.1 200 [\s\S]*text\/html/);
  });

  it('answers a request with a non-TLS Upgrade (h2c) as if there were none', async () => {
    const raw = netConnect(port(), '127.0.0.1');
    raw.write(`GET /ipp/print HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nConnection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n`);
    const text = await new Promise<string>((resolve) => {
      let t = '';
      raw.on('data', (b: Buffer) => (t += b.toString('latin1')));
      raw.on('end', () => resolve(t));
    });
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
  });
});
