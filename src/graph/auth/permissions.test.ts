import { describe, expect, it } from 'vitest';
import { PrintsimError } from '../../model/errors.js';
import {
  authorize,
  denialReason,
  isAuthorized,
  KNOWN_APPLICATION_ROLES,
  KNOWN_DELEGATED_SCOPES,
  OPERATIONS,
  PERMISSIONS,
  PRINTER_ADMIN_ROLE_ID,
  type Operation,
} from './permissions.js';
import type { Principal } from '../../auth/tokens.js';
import { GRAPH_ERRORS } from '../graph-error.js';

const user = (scopes: string[], isPrinterAdmin = false, upn = 'alice@contoso.com'): Principal => ({
  kind: 'user',
  id: 'u1',
  upn,
  displayName: 'Alice',
  scopes: new Set(scopes),
  isPrinterAdmin,
});
const app = (roles: string[]): Principal => ({ kind: 'app', appId: 'a1', id: 'a1-oid', displayName: 'App', roles: new Set(roles) });

function denied(p: Principal, op: Operation, context?: Parameters<typeof authorize>[2]): string {
  try {
    authorize(p, op, context);
  } catch (e) {
    expect(e).toBeInstanceOf(PrintsimError);
    expect((e as PrintsimError).kind).toBe('accessDenied');
    expect(GRAPH_ERRORS[(e as PrintsimError).kind].status).toBe(403);
    return (e as PrintsimError).message;
  }
  throw new Error(`${op} was allowed`);
}

// A second, independent transcription of the reference's §2 Permissions columns:
// the table in permissions.ts must agree with it row by row.
const JR_D = ['PrintJob.ReadBasic', 'PrintJob.Read', 'PrintJob.ReadBasic.All', 'PrintJob.Read.All', 'PrintJob.ReadWriteBasic', 'PrintJob.ReadWrite', 'PrintJob.ReadWriteBasic.All', 'PrintJob.ReadWrite.All'];
const JR_A = ['PrintJob.ReadBasic.All', 'PrintJob.Read.All', 'PrintJob.ReadWriteBasic.All', 'PrintJob.ReadWrite.All'];
const PRD = ['Printer.Read.All', 'Printer.ReadWrite.All', 'Printer.FullControl.All'];
const SRD = ['PrinterShare.ReadBasic.All', 'PrinterShare.Read.All', 'PrinterShare.ReadWrite.All'];
const JW = ['PrintJob.ReadWriteBasic', 'PrintJob.ReadWrite', 'PrintJob.ReadWriteBasic.All', 'PrintJob.ReadWrite.All'];
const JM = ['PrintJob.ReadWriteBasic.All', 'PrintJob.ReadWrite.All', 'PrintJob.Manage.All'];
const PW = ['Printer.ReadWrite.All', 'Printer.FullControl.All'];
const TD = ['PrintTaskDefinition.ReadWrite.All'];
type Row = { d: string[]; a: string[]; admin?: boolean; job?: boolean; content?: boolean };
const EXPECTED: Record<Operation, Row> = {
  'printers.list': { d: PRD, a: [], admin: true },
  'printers.get': { d: PRD, a: ['Printer.Read.All', 'Printer.ReadWrite.All'] },
  'printers.update': { d: PW, a: ['Printer.ReadWrite.All'], admin: true },
  'printers.getCapabilities': { d: PRD, a: [] },
  'subscriptions.printerJobs': { d: [], a: ['Printer.Read.All', 'Printer.ReadWrite.All'] },
  'subscriptions.taskDefinitionTasks': { d: [], a: TD },
  'printers.restoreFactoryDefaults': { d: PW, a: [], admin: true },
  'printers.jobs.create': { d: ['PrintJob.Create', ...JW], a: [], admin: true },
  'shares.jobs.create': { d: JW, a: [] },
  'jobs.list': { d: JR_D, a: JR_A, job: true },
  'jobs.get': { d: JR_D, a: JR_A, job: true },
  'jobs.update': { d: [], a: JM, job: true },
  'jobs.start': { d: ['PrintJob.Create', ...JW], a: [], job: true },
  'jobs.cancel': { d: JW, a: [], job: true },
  'jobs.abort': { d: [], a: JM, job: true },
  'jobs.redirect': { d: [], a: ['PrintJob.Manage.All'], job: true },
  'documents.get': { d: JR_D, a: JR_A, job: true },
  'documents.content': { d: ['PrintJob.Read', 'PrintJob.Read.All', 'PrintJob.ReadWrite', 'PrintJob.ReadWrite.All'], a: ['PrintJob.Read.All', 'PrintJob.ReadWrite.All'], job: true, content: true },
  'documents.createUploadSession': { d: ['PrintJob.Create', 'PrintJob.ReadWrite', 'PrintJob.ReadWrite.All'], a: ['PrintJob.ReadWrite.All'], job: true, content: true },
  'shares.list': { d: SRD, a: [] },
  'shares.get': { d: SRD, a: [] },
  'shares.create': { d: ['PrinterShare.ReadWrite.All'], a: [], admin: true },
  'shares.update': { d: ['PrinterShare.ReadWrite.All'], a: [], admin: true },
  'shares.delete': { d: ['PrinterShare.ReadWrite.All'], a: [], admin: true },
  'printers.shares.list': { d: SRD, a: [] },
  'taskTriggers.create': { d: PW, a: [], admin: true },
  'taskTriggers.list': { d: PRD, a: [] },
  'taskTriggers.get': { d: PRD, a: [] },
  'taskTriggers.delete': { d: PW, a: [], admin: true },
  'taskDefinitions.create': { d: [], a: TD },
  'taskDefinitions.list': { d: [], a: TD },
  'taskDefinitions.get': { d: [], a: TD },
  'taskDefinitions.update': { d: [], a: TD },
  'taskDefinitions.delete': { d: [], a: TD },
  'tasks.list': { d: [], a: TD },
  'tasks.get': { d: [], a: TD },
  'tasks.update': { d: [], a: TD },
};

describe('the permission table', () => {
  it('has exactly the operations the routes call', () => {
    expect([...OPERATIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(OPERATIONS).toHaveLength(37);
  });

  it.each(OPERATIONS)('%s matches the reference row', (op) => {
    const r = PERMISSIONS[op];
    const e = EXPECTED[op];
    expect([...r.delegated]).toEqual(e.d);
    expect([...r.application]).toEqual(e.a);
    expect(r.adminOnly).toBe(e.admin ?? false);
    expect(r.jobScoped).toBe(e.job ?? false);
    expect(r.content).toBe(e.content ?? false);
    // §3: application calls to job endpoints also need printer read.
    expect([...r.applicationAlsoNeeds]).toEqual(e.job === true && e.a.length > 0 ? ['Printer.Read.All', 'Printer.ReadWrite.All'] : []);
    // §3: Basic scopes never reach content.
    if (r.content) expect(r.delegated.filter((s) => s.includes('Basic'))).toEqual([]);
  });
});

describe('authorize, every row, one permission at a time', () => {
  // An admin acting on their own job, so only the scope decides.
  it.each(OPERATIONS)('%s: exactly the listed delegated scopes grant it', (op) => {
    for (const scope of KNOWN_DELEGATED_SCOPES) {
      const allowed = isAuthorized(user([scope], true), op, { jobOwnerUpn: 'alice@contoso.com' });
      expect({ scope, allowed }).toEqual({ scope, allowed: EXPECTED[op].d.includes(scope) });
    }
    expect(isAuthorized(user([], true), op)).toBe(false);
  });

  it.each(OPERATIONS)('%s: exactly the listed application roles grant it', (op) => {
    // Job endpoints also want printer read (checked on its own below), so grant it alongside.
    const extra = EXPECTED[op].job === true ? ['Printer.Read.All'] : [];
    for (const role of KNOWN_APPLICATION_ROLES) {
      if (extra.includes(role)) continue;
      const allowed = isAuthorized(app([role, ...extra]), op);
      expect({ role, allowed }).toEqual({ role, allowed: EXPECTED[op].a.includes(role) });
    }
    expect(isAuthorized(app(extra), op)).toBe(false);
  });

  it.each(OPERATIONS.filter((op) => EXPECTED[op].admin === true))('%s is refused to non-admins holding the scope', (op) => {
    const scope = EXPECTED[op].d[0];
    expect(denied(user([scope]), op)).toBe(`Missing role: ${op} is reserved for Printer Administrators (directory role ${PRINTER_ADMIN_ROLE_ID})`);
    expect(isAuthorized(user([scope], true), op)).toBe(true);
  });

  it.each(OPERATIONS.filter((op) => EXPECTED[op].admin !== true && EXPECTED[op].d.length > 0))('%s needs no admin role', (op) => {
    expect(isAuthorized(user([EXPECTED[op].d[0]]), op, { jobOwnerUpn: 'alice@contoso.com' })).toBe(true);
  });
});

describe('job ownership', () => {
  const bobsJob = { jobOwnerUpn: 'bob@contoso.com' };

  it('non-.All scopes cover only the caller’s own jobs (UPNs compared case-insensitively)', () => {
    const alice = user(['PrintJob.ReadWrite']);
    expect(isAuthorized(alice, 'jobs.cancel', { jobOwnerUpn: 'Alice@Contoso.com' })).toBe(true);
    expect(denied(alice, 'jobs.cancel', bobsJob)).toBe(
      "Missing scope: one of PrintJob.ReadWriteBasic.All, PrintJob.ReadWrite.All is required for jobs.cancel on another user's job (PrintJob.ReadWrite covers only the caller's own jobs)",
    );
    expect(isAuthorized(alice, 'jobs.get', { jobOwnerUpn: null })).toBe(false);
    // Admin alone does not widen a non-.All scope.
    expect(isAuthorized(user(['PrintJob.ReadWrite'], true), 'jobs.cancel', bobsJob)).toBe(false);
  });

  it('.All reaches other users’ jobs only for Printer Administrators', () => {
    for (const op of ['jobs.get', 'jobs.list', 'jobs.cancel', 'jobs.start', 'documents.get', 'documents.content', 'documents.createUploadSession'] as const) {
      expect(isAuthorized(user(['PrintJob.ReadWrite.All']), op, { jobOwnerUpn: 'alice@contoso.com' })).toBe(true);
      expect(denied(user(['PrintJob.ReadWrite.All']), op, bobsJob)).toMatch(/^Missing role: .* on another user's job needs the Printer Administrator role/);
      expect(isAuthorized(user(['PrintJob.ReadWrite.All'], true), op, bobsJob)).toBe(true);
    }
  });

  it('PrintJob.Create starts and uploads to own jobs only', () => {
    const creator = user(['PrintJob.Create'], true);
    expect(isAuthorized(creator, 'jobs.start', { jobOwnerUpn: 'alice@contoso.com' })).toBe(true);
    expect(isAuthorized(creator, 'documents.createUploadSession', { jobOwnerUpn: 'alice@contoso.com' })).toBe(true);
    expect(isAuthorized(creator, 'jobs.start', bobsJob)).toBe(false);
    expect(isAuthorized(creator, 'jobs.get', { jobOwnerUpn: 'alice@contoso.com' })).toBe(false);
  });

  it('applications are not bound to job owners', () => {
    expect(isAuthorized(app(['PrintJob.ReadBasic.All', 'Printer.Read.All']), 'jobs.get', bobsJob)).toBe(true);
  });
});

describe('content, delegated-only and application-only operations', () => {
  it('Basic scopes never reach document content', () => {
    const basicAdmin = user(['PrintJob.ReadWriteBasic.All', 'PrintJob.ReadBasic'], true);
    expect(isAuthorized(basicAdmin, 'jobs.get', { jobOwnerUpn: 'bob@contoso.com' })).toBe(true);
    expect(denied(basicAdmin, 'documents.content', { jobOwnerUpn: 'alice@contoso.com' })).toBe(
      'Missing scope: one of PrintJob.Read, PrintJob.Read.All, PrintJob.ReadWrite, PrintJob.ReadWrite.All is required for documents.content (Basic scopes never reach document content)',
    );
    expect(denied(basicAdmin, 'documents.createUploadSession')).toMatch(/Basic scopes never reach document content/);
    expect(isAuthorized(app(['PrintJob.ReadWriteBasic.All', 'Printer.ReadWrite.All']), 'documents.content')).toBe(false);
    expect(isAuthorized(user(['PrintJob.Read']), 'documents.content', { jobOwnerUpn: 'alice@contoso.com' })).toBe(true);
  });

  it('names the missing scope as the brief’s example does', () => {
    expect(denied(user(['PrintJob.Read']), 'jobs.cancel')).toBe(
      'Missing scope: one of PrintJob.ReadWriteBasic, PrintJob.ReadWrite, PrintJob.ReadWriteBasic.All, PrintJob.ReadWrite.All is required for jobs.cancel',
    );
  });

  it('cancel, start and job creation are delegated only', () => {
    const everything = app([...KNOWN_APPLICATION_ROLES]);
    for (const op of ['jobs.cancel', 'jobs.start', 'printers.jobs.create', 'shares.jobs.create', 'printers.list', 'shares.create', 'taskTriggers.create'] as const) {
      expect(denied(everything, op)).toMatch(new RegExp(`^${op.replace(/\./g, '\\.')} is not supported with application permissions: it needs a delegated \\(user\\) token with`));
    }
  });

  it('abort, update, redirect and task definitions are application only', () => {
    const everything = user([...KNOWN_DELEGATED_SCOPES], true);
    for (const op of ['jobs.abort', 'jobs.update', 'jobs.redirect', 'taskDefinitions.create', 'taskDefinitions.list', 'tasks.update'] as const) {
      expect(denied(everything, op)).toMatch(/is not supported with delegated \(user\) permissions: it needs an application token with/);
    }
    expect(denied(everything, 'taskDefinitions.create')).toBe(
      'taskDefinitions.create is not supported with delegated (user) permissions: it needs an application token with PrintTaskDefinition.ReadWrite.All',
    );
  });

  it('application job calls also need a printer-read role', () => {
    expect(denied(app(['PrintJob.Manage.All']), 'jobs.redirect')).toBe(
      'Missing role: one of Printer.Read.All, Printer.ReadWrite.All is also required for jobs.redirect (application calls to job endpoints need printer read access)',
    );
    expect(isAuthorized(app(['PrintJob.Manage.All', 'Printer.Read.All']), 'jobs.redirect')).toBe(true);
    expect(denied(app(['Printer.Read.All']), 'jobs.redirect')).toBe('Missing role: PrintJob.Manage.All is required for jobs.redirect');
    // Printer and task-definition endpoints need no extra role.
    expect(isAuthorized(app(['PrintTaskDefinition.ReadWrite.All']), 'tasks.update')).toBe(true);
  });

  it('applications may create upload sessions on the printer path only', () => {
    const a = app(['PrintJob.ReadWrite.All', 'Printer.Read.All']);
    expect(isAuthorized(a, 'documents.createUploadSession')).toBe(true);
    expect(denied(a, 'documents.createUploadSession', { viaShare: true })).toMatch(/not supported with application permissions on a \/print\/shares path/);
    expect(isAuthorized(user(['PrintJob.ReadWrite']), 'documents.createUploadSession', { viaShare: true, jobOwnerUpn: 'alice@contoso.com' })).toBe(true);
  });

  it('denialReason returns null when allowed', () => {
    expect(denialReason(user(['PrinterShare.ReadBasic.All']), 'shares.list')).toBeNull();
  });
});
