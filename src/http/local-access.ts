// Who may see the console. On a loopback listener only this machine can reach
// it, so it is open; on any other address it shows printers, jobs and
// documents only to someone holding a token signed with this printsim's key.
import type { FastifyRequest } from 'fastify';
import { isIP } from 'node:net';
import type { SigningKey } from '../auth/signing-key.js';
import { verifyToken, type Principal } from '../auth/tokens.js';

export const TOKEN_COOKIE = 'printsim_console_token';
export const TOKEN_HEADER = 'x-printsim-token';

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Whether a Host header names this machine. A page on another site can point
 * its own name at 127.0.0.1 (DNS rebinding); such requests carry that name.
 */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (hostHeader === undefined || hostHeader === '') return false;
  const host = hostHeader.startsWith('[') ? hostHeader.slice(1, hostHeader.indexOf(']')) : hostHeader.replace(/:\d+$/, '');
  const name = host.toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

/** The console is open without a token only on a loopback listener reached by a loopback name. */
export function consoleIsOpen(boundAddress: string | null, hostHeader: string | undefined): boolean {
  // Not listening (fastify inject): nothing outside this process can reach it.
  if (boundAddress === null) return true;
  return isLoopbackAddress(boundAddress) && isLoopbackHost(hostHeader);
}

export type ConsoleAccess =
  | { kind: 'open' }
  | { kind: 'signedIn'; principal: Principal }
  | { kind: 'denied'; reason: string };

/** The console's token header, a bearer Authorization header, or the session cookie. */
export function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const auth = req.headers.authorization;
  if (auth !== undefined && /^bearer\s+\S/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  return cookieValue(req.headers.cookie, TOKEN_COOKIE);
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const part of cookieHeader.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      return v === '' ? undefined : decodeURIComponent(v);
    }
  }
  return undefined;
}

export function checkToken(key: SigningKey, token: string | undefined): ConsoleAccess {
  if (token === undefined) return { kind: 'denied', reason: 'This printsim is reachable from other machines, so the console needs a token.' };
  try {
    return { kind: 'signedIn', principal: verifyToken(key, `Bearer ${token}`, Date.now()) };
  } catch (e) {
    return { kind: 'denied', reason: (e as Error).message };
  }
}

export function consoleAccess(req: FastifyRequest, key: SigningKey): ConsoleAccess {
  const addr = req.server.server.address();
  const bound = addr === null ? null : typeof addr === 'string' ? addr : addr.address;
  if (consoleIsOpen(bound, req.headers.host)) return { kind: 'open' };
  return checkToken(key, tokenOf(req));
}
