import {
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { readFileSync } from 'node:fs';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator.js';
import type { TokenClaims } from '../../src/auth/tokens.js';

export const DEFAULT_PRINTER_ID = '9a3b3956-ce5b-4d06-a605-5b0bd3e9ddea';
export const MONO_PRINTER_NAME = 'letter-mono';

/** All delegated job and printer scopes an administrator uses in tests. */
export const ADMIN_SCOPES = [
  'PrintJob.ReadWrite.All',
  'PrintJob.Create',
  'Printer.ReadWrite.All',
  'PrinterShare.ReadWrite.All',
];

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await createEmulator({ clock: 'simulated', ...options });
  await emu.listen({ port: 0 });
  return emu;
}

/** The official Graph SDK client, pointed at printsim. */
export function graphClient(emu: Emulator, claims: TokenClaims | string, version: 'v1.0' | 'beta' = 'v1.0'): Client {
  const token = typeof claims === 'string' ? claims : emu.token(claims);
  return Client.initWithMiddleware({
    baseUrl: `${emu.baseUrl}/`,
    defaultVersion: version,
    middleware: bearerChain(token),
  });
}

export function adminClient(emu: Emulator, upn = 'admin@contoso.com'): Client {
  return graphClient(emu, { kind: 'user', upn, scopes: ADMIN_SCOPES, admin: true });
}

export function fixture(path: string): Buffer {
  return readFileSync(new URL(`../../${path}`, import.meta.url));
}

/** A small valid PDF with `pages` pages, made with pdf-lib. */
export async function makePdf(pages: number): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Page ${i}`, { x: 200, y: 400, size: 48, font });
  }
  return doc.save({ useObjectStreams: false });
}

/** Waits until the predicate holds, advancing a simulated clock in steps (real time only for I/O). */
export async function until(emu: Emulator, predicate: () => boolean | Promise<boolean>, opts: { stepMs?: number; maxSteps?: number } = {}): Promise<void> {
  const step = opts.stepMs ?? 1000;
  for (let i = 0; i < (opts.maxSteps ?? 2000); i++) {
    if (await predicate()) return;
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 2));
    emu.advance(step);
  }
  throw new Error('condition not reached');
}

/**
 * The SDK's AuthenticationHandler attaches tokens only to https Graph hosts and
 * strips Authorization elsewhere, so against http://127.0.0.1 this handler takes
 * its place at the head of the default chain (README: "Using the Graph SDK").
 * It also lets `client.api(nextLink)` follow an http `@odata.nextLink` verbatim.
 */
export function bearerChain(token: string): Middleware {
  const http = new HTTPMessageHandler();
  const redirect = new RedirectHandler();
  const retry = new RetryHandler();
  retry.setNext(redirect);
  redirect.setNext(http);
  const bearer: Middleware & { next?: Middleware } = {
    async execute(context: Context): Promise<void> {
      // The SDK takes the host out of absolute URLs (an @odata.nextLink passed to
      // client.api()) only when they are https; an http link ends up appended to the
      // base URL, so take it back out and send the link as given.
      if (typeof context.request === 'string') {
        const embedded = /^https?:\/\/[^/]+\/[^/]+\/(https?:\/\/.+)$/.exec(context.request);
        if (embedded !== null) context.request = embedded[1]!;
      }
      const headers = (context.options ??= {}).headers;
      if (headers instanceof Headers) headers.set('Authorization', `Bearer ${token}`);
      else context.options.headers = { ...(headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` };
      await retry.execute(context);
    },
    setNext(next: Middleware) {
      bearer.next = next;
    },
  };
  return bearer;
}
