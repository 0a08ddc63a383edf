import { PrintsimError } from '../../model/errors.js';
import type { Principal } from '../../auth/tokens.js';

import { PRINTER_ADMIN_ROLE_ID } from '../../auth/directory-roles.js';

export { PRINTER_ADMIN_ROLE_ID };

// One row per Graph operation printsim serves, transcribing the Permissions columns of
// the reference (universal-print-api.md §2, from the Graph docs' per-API tables) and its
// §3 rules. Scope lists keep the docs' least→most privileged order, so denial messages
// read like the docs.

export interface PermissionRule {
  /** Delegated scopes (`scp`), any one suffices; empty = not supported for users. */
  delegated: readonly string[];
  /** Application roles (`roles`), any one suffices; empty = not supported for apps. */
  application: readonly string[];
  /** Application callers also need one of these (§3: app calls to job endpoints need printer read). */
  applicationAlsoNeeds: readonly string[];
  /** Delegated callers must hold the Printer Administrator role. */
  adminOnly: boolean;
  /** Reaches document bytes, so no Basic scope may grant it (§3). */
  content: boolean;
  /** Acts on one user's job: non-`.All` delegated scopes cover only the caller's own jobs. */
  jobScoped: boolean;
  /** Application roles are refused on the `/print/shares/...` form of the path. */
  delegatedOnlyOnShares: boolean;
}

const rule = (r: Partial<PermissionRule> & Pick<PermissionRule, 'delegated' | 'application'>): PermissionRule => ({
  applicationAlsoNeeds: [],
  adminOnly: false,
  content: false,
  jobScoped: false,
  delegatedOnlyOnShares: false,
  ...r,
});

// Legend sets of §2.
const JR_DELEGATED = [
  'PrintJob.ReadBasic',
  'PrintJob.Read',
  'PrintJob.ReadBasic.All',
  'PrintJob.Read.All',
  'PrintJob.ReadWriteBasic',
  'PrintJob.ReadWrite',
  'PrintJob.ReadWriteBasic.All',
  'PrintJob.ReadWrite.All',
];
const JR_APPLICATION = ['PrintJob.ReadBasic.All', 'PrintJob.Read.All', 'PrintJob.ReadWriteBasic.All', 'PrintJob.ReadWrite.All'];
const PRD = ['Printer.Read.All', 'Printer.ReadWrite.All', 'Printer.FullControl.All'];
const SRD = ['PrinterShare.ReadBasic.All', 'PrinterShare.Read.All', 'PrinterShare.ReadWrite.All'];
const TD = ['PrintTaskDefinition.ReadWrite.All'];
const PRINTER_READ_APPLICATION = ['Printer.Read.All', 'Printer.ReadWrite.All'];
const JOB_WRITE_DELEGATED = ['PrintJob.ReadWriteBasic', 'PrintJob.ReadWrite', 'PrintJob.ReadWriteBasic.All', 'PrintJob.ReadWrite.All'];
const JOB_MANAGE_APPLICATION = ['PrintJob.ReadWriteBasic.All', 'PrintJob.ReadWrite.All', 'PrintJob.Manage.All'];
const PRINTER_WRITE_DELEGATED = ['Printer.ReadWrite.All', 'Printer.FullControl.All'];
const SHARE_WRITE = ['PrinterShare.ReadWrite.All'];

const appJob = { applicationAlsoNeeds: PRINTER_READ_APPLICATION, jobScoped: true } as const;

export const PERMISSIONS = {
  // §2.1 Printers
  'printers.list': rule({ delegated: PRD, application: [], adminOnly: true }),
  'printers.get': rule({ delegated: PRD, application: PRINTER_READ_APPLICATION }),
  // Admin: C printer-update.md ("The signed in user must be a Printer Administrator").
  'printers.update': rule({ delegated: PRINTER_WRITE_DELEGATED, application: ['Printer.ReadWrite.All'], adminOnly: true }),
  'printers.shares.list': rule({ delegated: SRD, application: [] }),
  // beta only (§2.1, §7): delegated printer read, no application row.
  'printers.getCapabilities': rule({ delegated: PRD, application: [] }),
  // Admin (§2.1): delegated Printer.ReadWrite.All or FullControl.All, no application row.
  'printers.restoreFactoryDefaults': rule({ delegated: PRINTER_WRITE_DELEGATED, application: [], adminOnly: true }),

  // §2.4 Jobs. Printer-path creation is an admin operation (D); users print through shares.
  // Only the printer path lists PrintJob.Create, as documented (§6 item 7).
  'printers.jobs.create': rule({ delegated: ['PrintJob.Create', ...JOB_WRITE_DELEGATED], application: [], adminOnly: true }),
  'shares.jobs.create': rule({ delegated: JOB_WRITE_DELEGATED, application: [] }),
  'jobs.list': rule({ delegated: JR_DELEGATED, application: JR_APPLICATION, ...appJob }),
  'jobs.get': rule({ delegated: JR_DELEGATED, application: JR_APPLICATION, ...appJob }),
  'jobs.update': rule({ delegated: [], application: JOB_MANAGE_APPLICATION, ...appJob }),
  'jobs.start': rule({ delegated: ['PrintJob.Create', ...JOB_WRITE_DELEGATED], application: [], jobScoped: true }),
  'jobs.cancel': rule({ delegated: JOB_WRITE_DELEGATED, application: [], jobScoped: true }),
  'jobs.abort': rule({ delegated: [], application: JOB_MANAGE_APPLICATION, ...appJob }),
  'jobs.redirect': rule({ delegated: [], application: ['PrintJob.Manage.All'], ...appJob }),

  // §2.5 Documents. The reference has no row for document metadata; it follows GET job,
  // whose `$expand=documents` returns the same properties under the same scopes.
  'documents.get': rule({ delegated: JR_DELEGATED, application: JR_APPLICATION, ...appJob }),
  'documents.content': rule({
    delegated: ['PrintJob.Read', 'PrintJob.Read.All', 'PrintJob.ReadWrite', 'PrintJob.ReadWrite.All'],
    application: ['PrintJob.Read.All', 'PrintJob.ReadWrite.All'],
    content: true,
    ...appJob,
  }),
  'documents.createUploadSession': rule({
    delegated: ['PrintJob.Create', 'PrintJob.ReadWrite', 'PrintJob.ReadWrite.All'],
    application: ['PrintJob.ReadWrite.All'],
    content: true,
    delegatedOnlyOnShares: true,
    ...appJob,
  }),

  // §2.3 Shares
  'shares.list': rule({ delegated: SRD, application: [] }),
  'shares.get': rule({ delegated: SRD, application: [] }),
  'shares.create': rule({ delegated: SHARE_WRITE, application: [], adminOnly: true }),
  'shares.update': rule({ delegated: SHARE_WRITE, application: [], adminOnly: true }),
  'shares.delete': rule({ delegated: SHARE_WRITE, application: [], adminOnly: true }),

  // §2.2 Task triggers. The docs mark only creation Admin; printsim reserves removal
  // for the same administrators (issue 2).
  'taskTriggers.create': rule({ delegated: PRINTER_WRITE_DELEGATED, application: [], adminOnly: true }),
  'taskTriggers.list': rule({ delegated: PRD, application: [] }),
  'taskTriggers.get': rule({ delegated: PRD, application: [] }),
  'taskTriggers.delete': rule({ delegated: PRINTER_WRITE_DELEGATED, application: [], adminOnly: true }),

  // §2.6 Task definitions and tasks: application only.
  'taskDefinitions.create': rule({ delegated: [], application: TD }),
  'taskDefinitions.list': rule({ delegated: [], application: TD }),
  'taskDefinitions.get': rule({ delegated: [], application: TD }),
  'taskDefinitions.update': rule({ delegated: [], application: TD }),
  'taskDefinitions.delete': rule({ delegated: [], application: TD }),
  'tasks.list': rule({ delegated: [], application: TD }),
  'tasks.get': rule({ delegated: [], application: TD }),
  'tasks.update': rule({ delegated: [], application: TD }),

  // Change notification subscriptions (subscription-post-subscriptions.md, Permissions):
  // printer and printTaskDefinition are application-only.
  'subscriptions.printerJobs': rule({ delegated: [], application: PRINTER_READ_APPLICATION }),
  'subscriptions.taskDefinitionTasks': rule({ delegated: [], application: TD }),
} satisfies Record<string, PermissionRule>;

export type Operation = keyof typeof PERMISSIONS;
export const OPERATIONS = Object.keys(PERMISSIONS) as Operation[];

/** Every delegated scope / application role §3 names, for spotting typos in `printsim token`. */
export const KNOWN_DELEGATED_SCOPES: ReadonlySet<string> = new Set([
  ...Object.values(PERMISSIONS).flatMap((r: PermissionRule) => r.delegated),
  'Printer.Create',
  'PrintConnector.Read.All',
  'PrintConnector.ReadWrite.All',
  'PrintSettings.Read.All',
  'PrintSettings.ReadWrite.All',
]);
export const KNOWN_APPLICATION_ROLES: ReadonlySet<string> = new Set([
  ...Object.values(PERMISSIONS).flatMap((r: PermissionRule) => [...r.application, ...r.applicationAlsoNeeds]),
  'PrintSettings.Read.All',
]);

export interface AuthorizationContext {
  /**
   * Owner of the job the operation acts on; `null` for a job with no known owner
   * (treated as someone else's). Leave undefined when there is no single job
   * (lists: filter each job with `isAuthorized(p, 'jobs.get', { jobOwnerUpn })`).
   */
  jobOwnerUpn?: string | null;
  /** The request came in on a `/print/shares/{id}/...` path. */
  viaShare?: boolean;
}

/** Throws a 403 naming what the caller lacks. */
export function authorize(principal: Principal, op: Operation, context: AuthorizationContext = {}): void {
  const reason = denialReason(principal, op, context);
  if (reason !== null) throw new PrintsimError('accessDenied', reason);
}

export function isAuthorized(principal: Principal, op: Operation, context: AuthorizationContext = {}): boolean {
  return denialReason(principal, op, context) === null;
}

/** Why `principal` may not perform `op`, or null when it may. */
export function denialReason(principal: Principal, op: Operation, context: AuthorizationContext = {}): string | null {
  const r: PermissionRule = PERMISSIONS[op];
  return principal.kind === 'user' ? delegatedDenial(principal, op, r, context) : applicationDenial(principal, op, r, context);
}

function delegatedDenial(p: Extract<Principal, { kind: 'user' }>, op: Operation, r: PermissionRule, context: AuthorizationContext): string | null {
  if (r.delegated.length === 0) {
    return `${op} is not supported with delegated (user) permissions: it needs an application token with ${oneOf(r.application)}`;
  }
  const held = r.delegated.filter((s) => p.scopes.has(s));
  if (held.length === 0) {
    const basicNote = r.content && [...p.scopes].some(isBasicJobScope) ? ' (Basic scopes never reach document content)' : '';
    return `Missing scope: ${oneOf(r.delegated)} is required for ${op}${basicNote}`;
  }
  if (r.adminOnly && !p.isPrinterAdmin) {
    return `Missing role: ${op} is reserved for Printer Administrators (directory role ${PRINTER_ADMIN_ROLE_ID})`;
  }
  if (r.jobScoped && context.jobOwnerUpn !== undefined && !sameUpn(context.jobOwnerUpn, p.upn)) {
    const allScopes = r.delegated.filter((s) => s.endsWith('.All'));
    if (!held.some((s) => s.endsWith('.All'))) {
      return `Missing scope: ${oneOf(allScopes)} is required for ${op} on another user's job (${held.join(', ')} covers only the caller's own jobs)`;
    }
    if (!p.isPrinterAdmin) {
      return `Missing role: ${op} on another user's job needs the Printer Administrator role (directory role ${PRINTER_ADMIN_ROLE_ID}) as well as a .All scope`;
    }
  }
  return null;
}

function applicationDenial(p: Extract<Principal, { kind: 'app' }>, op: Operation, r: PermissionRule, context: AuthorizationContext): string | null {
  if (r.application.length === 0) {
    return `${op} is not supported with application permissions: it needs a delegated (user) token with ${oneOf(r.delegated)}`;
  }
  if (r.delegatedOnlyOnShares && context.viaShare === true) {
    return `${op} is not supported with application permissions on a /print/shares path: use the /print/printers path`;
  }
  if (!r.application.some((role) => p.roles.has(role))) {
    return `Missing role: ${oneOf(r.application)} is required for ${op}`;
  }
  if (r.applicationAlsoNeeds.length > 0 && !r.applicationAlsoNeeds.some((role) => p.roles.has(role))) {
    return `Missing role: ${oneOf(r.applicationAlsoNeeds)} is also required for ${op} (application calls to job endpoints need printer read access)`;
  }
  return null;
}

function oneOf(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `one of ${names.join(', ')}`;
}

function isBasicJobScope(scope: string): boolean {
  return /^PrintJob\.(Read|ReadWrite)Basic(\.All)?$/.test(scope);
}

// Entra UPNs are case-insensitive.
function sameUpn(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}
