import { loadOrCreateSigningKey, type SigningKey } from '../auth/signing-key.js';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, issueToken, type TokenClaims } from '../auth/tokens.js';
import { KNOWN_APPLICATION_ROLES, KNOWN_DELEGATED_SCOPES } from '../graph/auth/permissions.js';

export interface TokenCommandArgs {
  dataDir: string;
  user?: string;
  scopes?: string[];
  admin?: boolean;
  app?: string;
  roles?: string[];
  lifetimeSeconds?: number;
}

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `printsim token`: prints a bearer token signed with the data folder's key, so it
 * is accepted by a server on that folder (running now or started later). The token
 * is all of stdout (one line), for `TOKEN=$(printsim token ...)`; the description goes to stderr.
 */
export async function tokenCommand(args: TokenCommandArgs, io: CommandIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`printsim token: ${message}\n`);
    return 2;
  };

  const parsed = parseClaims(args);
  if (typeof parsed === 'string') return fail(parsed);
  const lifetime = args.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime <= 0) return fail(`--lifetime must be a whole number of seconds above 0, got ${lifetime}`);
  if (args.dataDir.trim() === '') return fail('--data-dir must not be empty');

  let key: SigningKey;
  try {
    key = loadOrCreateSigningKey(args.dataDir);
  } catch (e) {
    return fail(`cannot use the signing key in ${args.dataDir}: ${e instanceof Error ? e.message : String(e)}`);
  }

  for (const warning of unknownPermissionWarnings(parsed)) io.stderr.write(`printsim token: warning: ${warning}\n`);

  const now = Date.now();
  const token = issueToken(key, parsed, { now, lifetimeSeconds: lifetime });
  const expires = new Date(Math.floor(now / 1000) * 1000 + lifetime * 1000).toISOString();
  const who =
    parsed.kind === 'user'
      ? `user ${parsed.upn}${parsed.admin === true ? ' (Printer Administrator)' : ''} with scopes ${parsed.scopes.join(' ')}`
      : `application ${parsed.appId} with roles ${parsed.roles.join(' ')}`;
  // The token alone on stdout, so `TOKEN=$(printsim token ...)` works; what it is goes to stderr.
  io.stderr.write(
    `Token for ${who}, valid until ${expires}.\n` +
      `Send it as the header 'Authorization: Bearer <token>' to the Graph API of a printsim using ${args.dataDir}.\n`,
  );
  io.stdout.write(`${token}\n`);
  return 0;
}

/** The claims to sign, or a one-line reason the arguments don't make a token. */
function parseClaims(args: TokenCommandArgs): TokenClaims | string {
  const hasUser = args.user !== undefined;
  const hasApp = args.app !== undefined;
  if (hasUser && hasApp) return 'give either --user UPN or --app APP_ID, not both';
  if (!hasUser && !hasApp) return 'say who the token is for: --user UPN --scopes A,B [--admin], or --app APP_ID --roles A,B';

  if (args.user !== undefined) {
    if (args.roles !== undefined) return '--roles is for application tokens (--app); a user token takes --scopes';
    const upn = args.user.trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(upn)) return `--user takes a user principal name such as alice@contoso.com, got ${JSON.stringify(args.user)}`;
    const scopes = splitList(args.scopes);
    if (scopes.length === 0) return '--scopes needs at least one delegated scope, e.g. --scopes PrintJob.ReadWrite,PrinterShare.ReadBasic.All';
    return { kind: 'user', upn, scopes, admin: args.admin === true };
  }

  if (args.scopes !== undefined) return '--scopes is for user tokens (--user); an application token takes --roles';
  if (args.admin === true) return '--admin gives a user the Printer Administrator role; applications hold --roles instead';
  const appId = (args.app ?? '').trim();
  if (appId === '' || /\s/.test(appId)) return `--app takes an application (client) id, got ${JSON.stringify(args.app)}`;
  const roles = splitList(args.roles);
  if (roles.length === 0) return '--roles needs at least one application role, e.g. --roles PrintJob.Manage.All,Printer.Read.All';
  return { kind: 'app', appId, roles };
}

/** Accepts both repeated flags and "A,B" / "A B" lists; drops blanks and repeats. */
function splitList(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== ''))];
}

// Unknown names still go into the token (tests may want odd ones); a warning catches typos.
function unknownPermissionWarnings(claims: TokenClaims): string[] {
  if (claims.kind === 'user') {
    return claims.scopes
      .filter((s) => !KNOWN_DELEGATED_SCOPES.has(s))
      .map((s) =>
        KNOWN_APPLICATION_ROLES.has(s)
          ? `${s} is an application role, not a delegated scope; it grants a user nothing`
          : `${s} is not a Universal Print delegated scope printsim knows; it grants nothing`,
      );
  }
  return claims.roles
    .filter((r) => !KNOWN_APPLICATION_ROLES.has(r))
    .map((r) =>
      KNOWN_DELEGATED_SCOPES.has(r)
        ? `${r} is a delegated scope, not an application role; it grants an application nothing`
        : `${r} is not a Universal Print application role printsim knows; it grants nothing`,
    );
}
