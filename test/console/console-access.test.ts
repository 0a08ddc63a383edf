// The console is open on a loopback listener and asks for a token anywhere else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { consoleIsOpen, isLoopbackAddress, isLoopbackHost } from '../../src/http/local-access.js';
import { missingTools } from '../support/tools.js';
import { launchChromium, screenshotPath } from './chromium.js';
import { loopbackUrl, startConsoleEmulator } from './console-emulator.js';

describe('which listeners count as loopback', () => {
  it('treats 127.0.0.0/8 and ::1 as loopback, anything else as reachable from other machines', () => {
    for (const a of ['127.0.0.1', '127.0.0.2', '127.255.0.9', '::1', '::ffff:127.0.0.1', '[::1]']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.20', '::ffff:10.0.0.1', 'fe80::1', '128.0.0.1']) expect(isLoopbackAddress(a), a).toBe(false);
  });

  it('opens the console only when the page was reached by a loopback name', () => {
    expect(consoleIsOpen('127.0.0.1', '127.0.0.1:8631')).toBe(true);
    expect(consoleIsOpen('127.0.0.1', 'localhost:8631')).toBe(true);
    expect(consoleIsOpen('::1', '[::1]:8631')).toBe(true);
    expect(consoleIsOpen('0.0.0.0', '127.0.0.1:8631')).toBe(false);
    expect(consoleIsOpen('192.168.1.20', '192.168.1.20:8631')).toBe(false);
    // A foreign name pointed at 127.0.0.1 (DNS rebinding) does not get in without a token.
    expect(isLoopbackHost('attacker.example:8631')).toBe(false);
    expect(consoleIsOpen('127.0.0.1', 'attacker.example:8631')).toBe(false);
  });
});

describe('a console listening on every address', () => {
  let emu: Emulator;
  let base: string;

  beforeAll(async () => {
    emu = await startConsoleEmulator('0.0.0.0');
    base = loopbackUrl(emu);
  });
  afterAll(async () => {
    await emu.close();
  });

  const userToken = () => emu.token({ kind: 'user', upn: 'ops@contoso.com', scopes: ['PrintJob.ReadWrite.All'] });

  it('shows the sign-in page instead of printers and jobs', async () => {
    for (const path of ['/', '/jobs', '/jobs/1', `/printers/${emu.printers[0]!.id}`, '/try']) {
      const res = await fetch(`${base}${path}`);
      const text = await res.text();
      expect(res.status, path).toBe(401);
      expect(text, path).toContain('data-sign-in');
      expect(text, path).not.toContain(emu.printers[0]!.displayName);
    }
  });

  it('refuses events, previews, documents and actions without a token', async () => {
    const calls: Array<[string, string]> = [
      ['GET', '/console/events'],
      ['GET', '/console/jobs/1/document'],
      ['GET', '/console/jobs/1/pages/1'],
      ['POST', '/console/api/preview'],
      ['PUT', `/console/api/printers/${emu.printers[0]!.id}/status`],
    ];
    for (const [method, path] of calls) {
      const res = await fetch(`${base}${path}`, { method, headers: { 'x-printsim-console': '1' } });
      expect(res.status, `${method} ${path}`).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unauthenticated');
      expect(body.error.message).toContain('printsim token');
    }
    expect(emu.printer(emu.printers[0]!.id).status().state).toBe('idle');
  });

  it('guards the /emulator routes the same way, except the health check', async () => {
    const id = emu.printers[0]!.id;
    expect((await fetch(`${base}/emulator/health`)).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/emulator/printers'],
      ['GET', '/emulator/jobs/1/output'],
      ['PUT', `/emulator/printers/${id}/status`],
    ] as const) {
      const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(method === 'PUT' ? { body: '{"state":"stopped","details":["mediaJam"]}' } : {}) });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    expect(emu.printer(id).status().state).toBe('idle');
    const ok = await fetch(`${base}/emulator/printers`, { headers: { authorization: `Bearer ${userToken()}` } });
    expect(ok.status).toBe(200);
  });

  it('lets a token from `printsim token` in, as a header or as the session cookie', async () => {
    const token = userToken();
    expect((await fetch(`${base}/jobs`, { headers: { 'x-printsim-token': token } })).status).toBe(200);

    const bad = await fetch(`${base}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: `${token.slice(0, -4)}AAAA` }),
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/signature is invalid/);

    const signIn = await fetch(`${base}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toEqual({ user: 'ops@contoso.com' });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(`${base}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(emu.printers[0]!.displayName);
  });

  const skip = missingTools('chromium');
  it.skipIf(skip)('asks for the token in the browser, then shows the printers', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      await page.goto(`${base}/`);
      await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
      await page.screenshot({ path: screenshotPath('sign-in') });

      await page.getByLabel('Token').fill('not-a-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not a well-formed JWT/);

      await page.getByLabel('Token').fill(userToken());
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Printers' }).waitFor();
      expect(await page.getByRole('link', { name: emu.printers[0]!.displayName }).count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => sessionStorage.getItem('printsim.console.token'))).not.toBeNull();
      await expect.poll(() => page.locator('html').getAttribute('data-live')).toBe('open');
    } finally {
      await browser.close();
    }
  });
});
