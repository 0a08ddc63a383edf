import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PrintsimError } from '../model/errors.js';
import { GLOBAL_ADMIN_ROLE_ID, PRINTER_ADMIN_ROLE_ID } from './directory-roles.js';
import { loadOrCreateSigningKey } from './signing-key.js';
import { DEFAULT_TENANT_ID, GRAPH_APP_ID, issueToken, objectId, TokenVerifier, verifyToken } from './tokens.js';
import { GRAPH_ERRORS } from '../graph/graph-error.js';

const key = loadOrCreateSigningKey(null);
const NOW = Date.parse('2025-03-01T10:00:00Z');

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
}

function forge(header: object, payload: object, signature = 'c2ln'): string {
  const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc(header)}.${enc(payload)}.${signature}`;
}

function rejects(header: string | undefined, message: RegExp, now = NOW): void {
  let caught: unknown;
  try {
    verifyToken(key, header, now);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(PrintsimError);
  const err = caught as PrintsimError;
  expect(err.kind).toBe('unauthenticated');
  expect(GRAPH_ERRORS[err.kind].status).toBe(401);
  expect(err.message).toMatch(message);
}

describe('issueToken / verifyToken', () => {
  it('round-trips a delegated user token shaped like an Entra v1 Graph token', () => {
    const token = issueToken(key, { kind: 'user', upn: 'alice.smith@contoso.com', scopes: ['PrintJob.ReadWrite', 'Printer.Read.All'], admin: true }, { now: NOW });
    const { header, payload } = decode(token);
    expect(header).toEqual({ typ: 'JWT', alg: 'RS256', kid: key.kid });
    expect(payload).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${DEFAULT_TENANT_ID}/`,
      tid: DEFAULT_TENANT_ID,
      iat: NOW / 1000,
      nbf: NOW / 1000,
      exp: NOW / 1000 + 3600,
      ver: '1.0',
      idtyp: 'user',
      upn: 'alice.smith@contoso.com',
      unique_name: 'alice.smith@contoso.com',
      name: 'Alice Smith',
      scp: 'PrintJob.ReadWrite Printer.Read.All',
      wids: [PRINTER_ADMIN_ROLE_ID],
    });
    const p = verifyToken(key, `Bearer ${token}`, NOW + 1000);
    expect(p).toEqual({
      kind: 'user',
      id: payload.oid,
      upn: 'alice.smith@contoso.com',
      displayName: 'Alice Smith',
      scopes: new Set(['PrintJob.ReadWrite', 'Printer.Read.All']),
      isPrinterAdmin: true,
    });
  });

  it('gives the same user the same oid whatever the token, and leaves wids out for non-admins', () => {
    const a = decode(issueToken(key, { kind: 'user', upn: 'Bob@Contoso.com', scopes: ['PrintJob.Read'], name: 'Bob B' }, { now: NOW })).payload;
    const b = decode(issueToken(key, { kind: 'user', upn: 'bob@contoso.com', scopes: ['PrintJob.Create'] }, { now: NOW + 5000 })).payload;
    expect(a.oid).toBe(b.oid);
    expect(a.oid).toBe(objectId('user', 'bob@contoso.com'));
    expect(a.oid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.oid).not.toBe(objectId('user', 'carol@contoso.com'));
    expect(a.name).toBe('Bob B');
    expect(a).not.toHaveProperty('wids');
    const p = verifyToken(key, `bearer ${issueToken(key, { kind: 'user', upn: 'bob@contoso.com', scopes: [] }, { now: NOW })}`, NOW);
    expect(p).toMatchObject({ kind: 'user', isPrinterAdmin: false, scopes: new Set() });
  });

  it('round-trips an application token', () => {
    const token = issueToken(key, { kind: 'app', appId: 'c3f5d3f8-6b0e-4d1e-9a55-1b2c3d4e5f60', roles: ['PrintJob.Manage.All', 'Printer.Read.All'] }, { now: NOW, lifetimeSeconds: 60, tenantId: 'tenant-1' });
    const { payload } = decode(token);
    expect(payload).toMatchObject({
      idtyp: 'app',
      appid: 'c3f5d3f8-6b0e-4d1e-9a55-1b2c3d4e5f60',
      azp: 'c3f5d3f8-6b0e-4d1e-9a55-1b2c3d4e5f60',
      roles: ['PrintJob.Manage.All', 'Printer.Read.All'],
      iss: 'https://sts.windows.net/tenant-1/',
      tid: 'tenant-1',
      exp: NOW / 1000 + 60,
    });
    expect(payload).not.toHaveProperty('scp');
    expect(verifyToken(key, `Bearer ${token}`, NOW)).toEqual({
      kind: 'app',
      appId: 'c3f5d3f8-6b0e-4d1e-9a55-1b2c3d4e5f60',
      id: objectId('app', 'c3f5d3f8-6b0e-4d1e-9a55-1b2c3d4e5f60'),
      displayName: 'c3f5d3f8-6b0e-4d1e-9a55-1b2c3d4e5f60',
      roles: new Set(['PrintJob.Manage.All', 'Printer.Read.All']),
    });
  });

  it('accepts the Graph app id as audience and treats Global Administrators as printer admins', () => {
    const token = issueToken(key, { kind: 'user', upn: 'gadmin@contoso.com', scopes: ['Printer.Read.All'] }, { now: NOW, audience: GRAPH_APP_ID });
    expect(verifyToken(key, `Bearer ${token}`, NOW).kind).toBe('user');
    const { header, payload } = decode(token);
    const body = Buffer.from(JSON.stringify({ ...payload, wids: [GLOBAL_ADMIN_ROLE_ID] })).toString('base64url');
    const h = token.split('.')[0];
    const sig = sign('sha256', Buffer.from(`${h}.${body}`), key.privateKey).toString('base64url');
    expect(header.kid).toBe(key.kid);
    expect(verifyToken(key, `Bearer ${h}.${body}.${sig}`, NOW)).toMatchObject({ isPrinterAdmin: true });
  });
});

describe('verifyToken 401s', () => {
  const good = issueToken(key, { kind: 'user', upn: 'alice@contoso.com', scopes: ['PrintJob.Read'] }, { now: NOW });

  it('no header', () => {
    rejects(undefined, /Access token is empty.*Authorization: Bearer/);
    rejects('   ', /Access token is empty/);
  });

  it('not Bearer', () => {
    rejects(`Basic ${Buffer.from('a:b').toString('base64')}`, /Bearer scheme/);
    rejects(good, /Bearer scheme/);
    rejects('Bearer', /Bearer scheme/);
  });

  it('malformed JWT', () => {
    rejects('Bearer abc.def', /not a well-formed JWT/);
    rejects('Bearer a.b.c.d', /not a well-formed JWT/);
    rejects('Bearer a+b.cc.dd', /not a well-formed JWT/);
    rejects(`Bearer ${Buffer.from('not json').toString('base64url')}.${good.split('.')[1]}.sig`, /header is not base64url-encoded JSON/);
    rejects(`Bearer ${good.split('.')[0]}.${Buffer.from('[1]').toString('base64url')}.sig`, /payload is not a JSON object/);
  });

  it('bad signature: tampered payload, or a token from another key', () => {
    const [h, , s] = good.split('.');
    const { payload } = decode(good);
    const tampered = Buffer.from(JSON.stringify({ ...payload, scp: 'PrintJob.ReadWrite.All' })).toString('base64url');
    rejects(`Bearer ${h}.${tampered}.${s}`, /^Access token signature is invalid$/);
    const other = loadOrCreateSigningKey(null);
    rejects(`Bearer ${issueToken(other, { kind: 'user', upn: 'alice@contoso.com', scopes: [] }, { now: NOW })}`, new RegExp(`signed with key ${other.kid}, not this printsim's key ${key.kid}`));
  });

  it('wrong alg', () => {
    const { payload } = decode(good);
    rejects(`Bearer ${forge({ typ: 'JWT', alg: 'none' }, payload)}`, /alg "none"; printsim accepts RS256 only/);
    rejects(`Bearer ${forge({ typ: 'JWT', alg: 'HS256', kid: key.kid }, payload)}`, /alg "HS256"/);
    // RS512 with a genuine signature from the right key is still refused.
    const h = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'RS512', kid: key.kid })).toString('base64url');
    const p = good.split('.')[1];
    const sig = sign('sha512', Buffer.from(`${h}.${p}`), key.privateKey).toString('base64url');
    rejects(`Bearer ${h}.${p}.${sig}`, /alg "RS512"/);
  });

  it('expired and not yet valid', () => {
    rejects(`Bearer ${good}`, /expired at 2025-03-01T11:00:00.000Z/, NOW + 3600_000);
    rejects(`Bearer ${good}`, /not valid before 2025-03-01T10:00:00.000Z/, NOW - 1000);
    expect(verifyToken(key, `Bearer ${good}`, NOW + 3599_999).kind).toBe('user');
  });

  it('wrong audience', () => {
    const t = issueToken(key, { kind: 'app', appId: 'app-1', roles: ['Printer.Read.All'] }, { now: NOW, audience: 'https://management.azure.com' });
    rejects(`Bearer ${t}`, /audience "https:\/\/management.azure.com" is not Microsoft Graph/);
  });
});

describe('TokenVerifier (cache of verified tokens)', () => {
  const good = issueToken(key, { kind: 'user', upn: 'carol@contoso.com', scopes: ['PrintJob.Read'] }, { now: NOW });

  function verifierRejects(v: TokenVerifier, header: string, message: RegExp, now: number): void {
    expect(() => v.verify(header, now)).toThrow(message);
  }

  it('answers a repeated token from the cache and still enforces exp and nbf', () => {
    const v = new TokenVerifier(key);
    const first = v.verify(`Bearer ${good}`, NOW);
    expect(v.verify(`Bearer ${good}`, NOW + 1000)).toBe(first);
    verifierRejects(v, `Bearer ${good}`, /expired at 2025-03-01T11:00:00.000Z/, NOW + 3600_000);
    verifierRejects(v, `Bearer ${good}`, /not valid before/, NOW - 1000);
    expect(v.verify(`Bearer ${good}`, NOW + 10).kind).toBe('user');
  });

  it('never accepts a token that another key verified', () => {
    const other = new TokenVerifier(loadOrCreateSigningKey(null));
    new TokenVerifier(key).verify(`Bearer ${good}`, NOW);
    verifierRejects(other, `Bearer ${good}`, /signature is invalid/, NOW);
  });

  it('keeps at most its capacity', () => {
    const v = new TokenVerifier(key, 2);
    const tokens = ['a', 'b', 'c'].map((u) => issueToken(key, { kind: 'user', upn: `${u}@contoso.com`, scopes: [] }, { now: NOW }));
    const principals = tokens.map((t) => v.verify(`Bearer ${t}`, NOW));
    expect(v.verify(`Bearer ${tokens[2]}`, NOW)).toBe(principals[2]);
    expect(v.verify(`Bearer ${tokens[0]}`, NOW)).not.toBe(principals[0]);
  });
});
