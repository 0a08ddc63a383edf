import { createHash, randomBytes, sign, verify } from 'node:crypto';
import { PrintsimError } from '../model/errors.js';
import type { SigningKey } from './signing-key.js';
import { GLOBAL_ADMIN_ROLE_ID, PRINTER_ADMIN_ROLE_ID } from './directory-roles.js';

// Tokens mimic Entra ID v1.0 access tokens for Microsoft Graph (the `ver: "1.0"`,
// `https://sts.windows.net/{tid}/` issuer shape Graph receives), so clients that
// peek at `scp`, `roles`, `wids` or `oid` see what they would see against Entra.

/** The `aud` Entra puts in Graph tokens; the Graph app id is accepted too. */
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const ACCEPTED_AUDIENCES = new Set([GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`, GRAPH_APP_ID]);

/** The emulated tenant (`tid`) unless a caller names another. */
export const DEFAULT_TENANT_ID = '5218807a-bfc8-467f-83a1-e391661fab41';
/** Entra's default access-token lifetime is 60–90 minutes; one hour keeps tests predictable. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

// UUIDv5 namespace for object ids, so the same UPN or app id always gets the same `oid`.
const OBJECT_ID_NAMESPACE = 'f7459791-d23f-44ab-8c25-e36ce47570d4';

export type TokenClaims =
  | { kind: 'user'; upn: string; scopes: string[]; admin?: boolean; name?: string }
  | { kind: 'app'; appId: string; roles: string[]; name?: string };

export interface IssueTokenOptions {
  /** Issue time in epoch milliseconds (defaults to Date.now()). */
  now?: number;
  lifetimeSeconds?: number;
  tenantId?: string;
  audience?: string;
}

export type Principal =
  | { kind: 'user'; id: string; upn: string; displayName: string; scopes: Set<string>; isPrinterAdmin: boolean }
  | { kind: 'app'; appId: string; id: string; displayName: string; roles: Set<string> };

export function issueToken(key: Pick<SigningKey, 'privateKey' | 'kid'>, claims: TokenClaims, options: IssueTokenOptions = {}): string {
  const now = options.now ?? Date.now();
  const lifetime = options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isFinite(lifetime) || lifetime <= 0) throw new RangeError(`lifetimeSeconds must be positive, got ${lifetime}`);
  const tid = options.tenantId ?? DEFAULT_TENANT_ID;
  const iat = Math.floor(now / 1000);
  const common = {
    aud: options.audience ?? GRAPH_AUDIENCE,
    iss: `https://sts.windows.net/${tid}/`,
    iat,
    nbf: iat,
    exp: iat + Math.floor(lifetime),
    ver: '1.0',
    tid,
    uti: randomBytes(16).toString('base64url'),
  };
  let payload: Record<string, unknown>;
  if (claims.kind === 'user') {
    const oid = objectId('user', claims.upn);
    payload = {
      ...common,
      oid,
      sub: oid,
      amr: ['pwd'],
      idtyp: 'user',
      name: claims.name ?? nameFromUpn(claims.upn),
      upn: claims.upn,
      unique_name: claims.upn,
      scp: claims.scopes.join(' '),
      ...(claims.admin === true ? { wids: [PRINTER_ADMIN_ROLE_ID] } : {}),
    };
  } else {
    const oid = objectId('app', claims.appId);
    payload = {
      ...common,
      oid,
      sub: oid,
      idtyp: 'app',
      appid: claims.appId,
      azp: claims.appId,
      ...(claims.name === undefined ? {} : { app_displayname: claims.name }),
      roles: [...claims.roles],
    };
  }
  const signingInput = `${base64urlJson({ typ: 'JWT', alg: 'RS256', kid: key.kid })}.${base64urlJson(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), key.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

/** Checks the `Authorization` header and returns who is calling; every failure is a 401 naming the reason. */
export function verifyToken(key: Pick<SigningKey, 'publicKey' | 'kid'>, authorizationHeader: string | undefined, now: number): Principal {
  return checkToken(key, authorizationHeader, now).principal;
}

/**
 * verifyToken with a small LRU of headers already verified against one key: the
 * RS256 check is most of a request's auth cost and clients resend one token for
 * its whole lifetime. exp/nbf are checked on every call, and any miss or time
 * failure goes through verifyToken, so answers (and 401 messages) do not change.
 */
export class TokenVerifier {
  private readonly verified = new Map<string, { principal: Principal; notBefore: number; notAfter: number }>();

  constructor(
    private readonly key: Pick<SigningKey, 'publicKey' | 'kid'>,
    private readonly capacity = 256,
  ) {}

  verify(authorizationHeader: string | undefined, now: number): Principal {
    if (authorizationHeader !== undefined) {
      const hit = this.verified.get(authorizationHeader);
      if (hit !== undefined) {
        this.verified.delete(authorizationHeader);
        if (now >= hit.notBefore && now < hit.notAfter) {
          this.verified.set(authorizationHeader, hit);
          return hit.principal;
        }
      }
    }
    const checked = checkToken(this.key, authorizationHeader, now);
    this.verified.set(authorizationHeader!, checked);
    if (this.verified.size > this.capacity) this.verified.delete(this.verified.keys().next().value!);
    return checked.principal;
  }
}

function checkToken(
  key: Pick<SigningKey, 'publicKey' | 'kid'>,
  authorizationHeader: string | undefined,
  now: number,
): { principal: Principal; notBefore: number; notAfter: number } {
  if (authorizationHeader === undefined || authorizationHeader.trim() === '') {
    throw unauthenticated("Access token is empty: send an 'Authorization: Bearer <token>' header (`printsim token` prints one)");
  }
  const match = /^(\S+)\s+(\S+)\s*$/.exec(authorizationHeader.trim());
  // The auth scheme is case-insensitive (RFC 9110 §11.1).
  if (match === null || match[1].toLowerCase() !== 'bearer') {
    throw unauthenticated("Authorization header must use the Bearer scheme: 'Authorization: Bearer <token>'");
  }
  const token = match[2];
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) {
    throw unauthenticated('Access token is not a well-formed JWT: expected three base64url parts separated by dots');
  }
  const header = decodeJsonPart(parts[0], 'header');
  const payload = decodeJsonPart(parts[1], 'payload');

  if (header.alg !== 'RS256') {
    throw unauthenticated(`Access token is signed with alg ${JSON.stringify(header.alg ?? null)}; printsim accepts RS256 only`);
  }
  if (!signatureVerifies(key, parts)) {
    throw unauthenticated(
      header.kid !== undefined && header.kid !== key.kid
        ? `Access token signature is invalid: it was signed with key ${String(header.kid)}, not this printsim's key ${key.kid} (tokens come from the same data folder as the server)`
        : 'Access token signature is invalid',
    );
  }

  if (typeof payload.exp !== 'number') throw unauthenticated('Access token has no numeric exp claim');
  if (now >= payload.exp * 1000) {
    throw unauthenticated(`Access token expired at ${isoSeconds(payload.exp)} (now ${new Date(now).toISOString()}); get a new one with \`printsim token\``);
  }
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') throw unauthenticated('Access token nbf claim is not a number');
    if (now < payload.nbf * 1000) {
      throw unauthenticated(`Access token is not valid before ${isoSeconds(payload.nbf)} (now ${new Date(now).toISOString()})`);
    }
  }

  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((a) => typeof a === 'string' && ACCEPTED_AUDIENCES.has(a))) {
    throw unauthenticated(`Access token audience ${JSON.stringify(payload.aud ?? null)} is not Microsoft Graph (${GRAPH_AUDIENCE})`);
  }

  return {
    principal: principalFromPayload(payload),
    notBefore: typeof payload.nbf === 'number' ? payload.nbf * 1000 : -Infinity,
    notAfter: payload.exp * 1000,
  };
}

/** The directory object id printsim gives a user (by UPN, case-insensitive like Entra) or an app (by app id). */
export function objectId(kind: 'user' | 'app', name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(OBJECT_ID_NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(`${kind}:${name.toLowerCase()}`)
    .digest();
  // RFC 9562 §5.5: version 5, variant 10.
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function principalFromPayload(payload: Record<string, unknown>): Principal {
  const isApp = payload.idtyp === 'app' || (payload.idtyp === undefined && payload.scp === undefined && Array.isArray(payload.roles));
  if (isApp) {
    const appId = stringClaim(payload, 'appid') ?? stringClaim(payload, 'azp');
    if (appId === undefined) throw unauthenticated('Application token has no appid claim');
    const roles = payload.roles ?? [];
    if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
      throw unauthenticated('Access token roles claim must be an array of strings');
    }
    return {
      kind: 'app',
      appId,
      id: stringClaim(payload, 'oid') ?? objectId('app', appId),
      displayName: stringClaim(payload, 'app_displayname') ?? appId,
      roles: new Set(roles),
    };
  }
  const upn = stringClaim(payload, 'upn') ?? stringClaim(payload, 'unique_name') ?? stringClaim(payload, 'preferred_username');
  if (upn === undefined) throw unauthenticated('Delegated token has no upn claim');
  const scp = payload.scp ?? '';
  if (typeof scp !== 'string') throw unauthenticated('Access token scp claim must be a space-separated string');
  const wids = Array.isArray(payload.wids) ? payload.wids : [];
  return {
    kind: 'user',
    id: stringClaim(payload, 'oid') ?? objectId('user', upn),
    upn,
    displayName: stringClaim(payload, 'name') ?? upn,
    scopes: new Set(scp.split(/\s+/).filter((s) => s !== '')),
    // The reference (§3) lets Global Administrators act as Printer Administrators.
    isPrinterAdmin: wids.includes(PRINTER_ADMIN_ROLE_ID) || wids.includes(GLOBAL_ADMIN_ROLE_ID),
  };
}

function signatureVerifies(key: Pick<SigningKey, 'publicKey'>, parts: string[]): boolean {
  try {
    return verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key.publicKey, Buffer.from(parts[2], 'base64url'));
  } catch {
    return false;
  }
}

function decodeJsonPart(part: string, which: 'header' | 'payload'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw unauthenticated(`Access token is not a well-formed JWT: its ${which} is not base64url-encoded JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw unauthenticated(`Access token is not a well-formed JWT: its ${which} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function stringClaim(payload: Record<string, unknown>, name: string): string | undefined {
  const v = payload[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** "alice.smith@contoso.com" → "Alice Smith", the display name Entra would likely hold. */
function nameFromUpn(upn: string): string {
  const local = upn.split('@')[0];
  const words = local.split(/[._-]+/).filter((w) => w !== '');
  return words.length === 0 ? upn : words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function isoSeconds(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return Number.isNaN(d.getTime()) ? String(epochSeconds) : d.toISOString();
}

function unauthenticated(message: string): PrintsimError {
  return new PrintsimError('unauthenticated', message);
}
