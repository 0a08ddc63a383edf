// Issue 2, flow 2: one case per row of the reference's permission tables (§2, §3)
// that issue 2 touches. Every case checks the HTTP status and, for refusals, the
// Graph error code of the body.
import { Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator.js';
import { issueToken, type TokenClaims } from '../../src/auth/tokens.js';
import { DEFAULT_PRINTER_ID, adminClient, graphClient, makePdf, startEmulator } from '../support/harness.js';
import { createJob, raw, submitJob, uploadAll, valueRequest, type CreatedJob } from '../support/graph-flow.js';

const MONO_ID = '5c4b0d88-d8b3-430a-9605-4c205fb48f72';
const FINISHER_ID = '6ba21157-8bf2-4084-81eb-3826d47ed946';
const PRINTER = `/print/printers/${DEFAULT_PRINTER_ID}`;
const PULL_APP_ID = '11111111-2222-4333-8444-555555555555';
const OWNER = 'alice@contoso.com';
const OTHER = 'bob@contoso.com';

const user = (upn: string, scopes: string[], admin = false): TokenClaims => ({ kind: 'user', upn, scopes, admin });
const app = (roles: string[], appId = PULL_APP_ID): TokenClaims => ({ kind: 'app', appId, roles });

/** What the cases act on; jobs are made fresh per case so that cases do not depend on each other. */
interface Fixtures {
  shareId: string;
  definitionId: string;
  /** Alice's job on the default printer, created through the share, nothing uploaded. */
  ownJob(): Promise<CreatedJob>;
  /** Alice's job with its document uploaded, not started. */
  uploadedJob(): Promise<CreatedJob>;
  /** Alice's job on the finisher, held by the pull-printing trigger. */
  heldJob(): Promise<CreatedJob>;
}

interface Case {
  /** Reference row (§2 table / §3 rule) and what the caller holds. */
  name: string;
  who: TokenClaims;
  call(c: Client, f: Fixtures): Promise<Response>;
  status: number;
  /** Graph error code, for refusals. */
  code?: string;
  /** Something the refusal message must say. */
  message?: RegExp;
}

const bind = (what: string, id: string) => `https://graph.microsoft.com/v1.0/print/${what}/${id}`;
const docPath = (j: CreatedJob) => `${j.path}/documents/${j.documentId}`;
const uploadBody = { properties: { documentName: 'a.pdf', contentType: 'application/pdf', size: 100 } };

const CASES: Case[] = [
  // §2.1 Printers
  { name: 'GET printers: admin with Printer.Read.All', who: user(OWNER, ['Printer.Read.All'], true), call: (c) => raw(c, '/print/printers').get(), status: 200 },
  {
    name: 'GET printers: non-admin with Printer.Read.All (Admin only)',
    who: user(OWNER, ['Printer.Read.All']),
    call: (c) => raw(c, '/print/printers').get(),
    status: 403,
    code: 'accessDenied',
    message: /Printer Administrator/,
  },
  { name: 'GET printers: admin without a printer scope', who: user(OWNER, ['PrintJob.ReadWrite.All'], true), call: (c) => raw(c, '/print/printers').get(), status: 403, code: 'accessDenied', message: /Printer\.Read\.All/ },
  { name: 'GET printers: application (not supported)', who: app(['Printer.Read.All']), call: (c) => raw(c, '/print/printers').get(), status: 403, code: 'accessDenied', message: /delegated/ },
  { name: 'GET printer: non-admin with Printer.Read.All', who: user(OWNER, ['Printer.Read.All']), call: (c) => raw(c, PRINTER).get(), status: 200 },
  { name: 'GET printer: application with Printer.Read.All', who: app(['Printer.Read.All']), call: (c) => raw(c, PRINTER).get(), status: 200 },
  { name: 'GET printer: user with job scopes only', who: user(OWNER, ['PrintJob.ReadWrite']), call: (c) => raw(c, PRINTER).get(), status: 403, code: 'accessDenied' },
  { name: 'GET printer: application without roles', who: app([]), call: (c) => raw(c, PRINTER).get(), status: 403, code: 'accessDenied' },
  { name: 'PATCH printer: admin with Printer.ReadWrite.All', who: user(OWNER, ['Printer.ReadWrite.All'], true), call: (c) => raw(c, `/print/printers/${MONO_ID}`).patch({ displayName: 'Mono' }), status: 200 },
  { name: 'PATCH printer: admin with Printer.Read.All', who: user(OWNER, ['Printer.Read.All'], true), call: (c) => raw(c, `/print/printers/${MONO_ID}`).patch({ displayName: 'Mono' }), status: 403, code: 'accessDenied', message: /Printer\.ReadWrite\.All/ },
  { name: 'POST restoreFactoryDefaults: admin with Printer.ReadWrite.All', who: user(OWNER, ['Printer.ReadWrite.All'], true), call: (c) => raw(c, `/print/printers/${MONO_ID}/restoreFactoryDefaults`).post({}), status: 204 },
  { name: 'POST restoreFactoryDefaults: non-admin with Printer.FullControl.All (Admin only)', who: user(OWNER, ['Printer.FullControl.All']), call: (c) => raw(c, `/print/printers/${MONO_ID}/restoreFactoryDefaults`).post({}), status: 403, code: 'accessDenied', message: /Printer Administrator/ },
  { name: 'POST restoreFactoryDefaults: admin with Printer.Read.All', who: user(OWNER, ['Printer.Read.All'], true), call: (c) => raw(c, `/print/printers/${MONO_ID}/restoreFactoryDefaults`).post({}), status: 403, code: 'accessDenied', message: /Printer\.ReadWrite\.All/ },
  { name: 'POST restoreFactoryDefaults: application (none)', who: app(['Printer.ReadWrite.All']), call: (c) => raw(c, `/print/printers/${MONO_ID}/restoreFactoryDefaults`).post({}), status: 403, code: 'accessDenied' },

  // §2.4 Create job
  { name: 'POST printer jobs: admin with PrintJob.Create', who: user(OWNER, ['PrintJob.Create'], true), call: (c) => raw(c, `${PRINTER}/jobs`).post({ configuration: {} }), status: 201 },
  { name: 'POST printer jobs: non-admin with PrintJob.ReadWrite.All', who: user(OWNER, ['PrintJob.ReadWrite.All']), call: (c) => raw(c, `${PRINTER}/jobs`).post({ configuration: {} }), status: 403, code: 'accessDenied', message: /Printer Administrator/ },
  { name: 'POST printer jobs: admin with PrintJob.Read only', who: user(OWNER, ['PrintJob.Read'], true), call: (c) => raw(c, `${PRINTER}/jobs`).post({ configuration: {} }), status: 403, code: 'accessDenied', message: /PrintJob\.Create/ },
  { name: 'POST printer jobs: application (none)', who: app(['PrintJob.ReadWrite.All', 'Printer.Read.All']), call: (c) => raw(c, `${PRINTER}/jobs`).post({ configuration: {} }), status: 403, code: 'accessDenied' },
  { name: 'POST share jobs: user with PrintJob.ReadWriteBasic', who: user(OWNER, ['PrintJob.ReadWriteBasic']), call: (c, f) => raw(c, `/print/shares/${f.shareId}/jobs`).post({ configuration: {} }), status: 201 },
  { name: 'POST share jobs: user with PrintJob.Create (not listed for shares)', who: user(OWNER, ['PrintJob.Create']), call: (c, f) => raw(c, `/print/shares/${f.shareId}/jobs`).post({ configuration: {} }), status: 403, code: 'accessDenied', message: /PrintJob\.ReadWriteBasic/ },
  { name: 'POST share jobs: user with PrintJob.ReadBasic', who: user(OWNER, ['PrintJob.ReadBasic']), call: (c, f) => raw(c, `/print/shares/${f.shareId}/jobs`).post({ configuration: {} }), status: 403, code: 'accessDenied' },
  { name: 'POST share jobs: application (none)', who: app(['PrintJob.ReadWrite.All', 'Printer.Read.All']), call: (c, f) => raw(c, `/print/shares/${f.shareId}/jobs`).post({ configuration: {} }), status: 403, code: 'accessDenied' },

  // §2.4 GET job (JR), own jobs vs .All + Admin
  { name: 'GET job: owner with PrintJob.ReadBasic', who: user(OWNER, ['PrintJob.ReadBasic']), call: async (c, f) => raw(c, (await f.ownJob()).path).get(), status: 200 },
  { name: "GET job: another user's job with PrintJob.ReadWrite (own jobs only)", who: user(OTHER, ['PrintJob.ReadWrite']), call: async (c, f) => raw(c, (await f.ownJob()).path).get(), status: 403, code: 'accessDenied', message: /own jobs/ },
  { name: "GET job: another user's job with PrintJob.Read.All without the admin role", who: user(OTHER, ['PrintJob.Read.All']), call: async (c, f) => raw(c, (await f.ownJob()).path).get(), status: 403, code: 'accessDenied', message: /Printer Administrator/ },
  { name: "GET job: another user's job with PrintJob.Read.All and the admin role", who: user(OTHER, ['PrintJob.Read.All'], true), call: async (c, f) => raw(c, (await f.ownJob()).path).get(), status: 200 },
  { name: 'GET job: application with PrintJob.ReadBasic.All and Printer.Read.All', who: app(['PrintJob.ReadBasic.All', 'Printer.Read.All']), call: async (c, f) => raw(c, (await f.ownJob()).path).get(), status: 200 },
  { name: 'GET job: application without a printer read role', who: app(['PrintJob.Read.All']), call: async (c, f) => raw(c, (await f.ownJob()).path).get(), status: 403, code: 'accessDenied', message: /Printer\.Read\.All/ },
  { name: 'GET job: user with no job scope', who: user(OWNER, ['Printer.Read.All']), call: async (c, f) => raw(c, (await f.ownJob()).path).get(), status: 403, code: 'accessDenied' },

  // §2.4 start: delegated only
  { name: 'start: owner with PrintJob.Create', who: user(OWNER, ['PrintJob.Create']), call: async (c, f) => raw(c, `${(await f.uploadedJob()).path}/start`).post({}), status: 200 },
  { name: 'start: owner with PrintJob.ReadBasic', who: user(OWNER, ['PrintJob.ReadBasic']), call: async (c, f) => raw(c, `${(await f.uploadedJob()).path}/start`).post({}), status: 403, code: 'accessDenied' },
  { name: "start: another user's job with PrintJob.ReadWrite.All without the admin role", who: user(OTHER, ['PrintJob.ReadWrite.All']), call: async (c, f) => raw(c, `${(await f.uploadedJob()).path}/start`).post({}), status: 403, code: 'accessDenied', message: /Printer Administrator/ },
  { name: "start: another user's job with PrintJob.ReadWrite.All and the admin role", who: user(OTHER, ['PrintJob.ReadWrite.All'], true), call: async (c, f) => raw(c, `${(await f.uploadedJob()).path}/start`).post({}), status: 200 },
  { name: 'start: application (delegated only)', who: app(['PrintJob.ReadWrite.All', 'PrintJob.Manage.All', 'Printer.Read.All']), call: async (c, f) => raw(c, `${(await f.uploadedJob()).path}/start`).post({}), status: 403, code: 'accessDenied', message: /delegated/ },

  // §2.4 cancel: delegated only
  { name: 'cancel: owner with PrintJob.ReadWriteBasic', who: user(OWNER, ['PrintJob.ReadWriteBasic']), call: async (c, f) => raw(c, `${(await f.ownJob()).path}/cancel`).post({}), status: 204 },
  { name: 'cancel: owner with PrintJob.Create only', who: user(OWNER, ['PrintJob.Create']), call: async (c, f) => raw(c, `${(await f.ownJob()).path}/cancel`).post({}), status: 403, code: 'accessDenied' },
  { name: "cancel: another user's job with PrintJob.ReadWriteBasic.All without the admin role", who: user(OTHER, ['PrintJob.ReadWriteBasic.All']), call: async (c, f) => raw(c, `${(await f.ownJob()).path}/cancel`).post({}), status: 403, code: 'accessDenied', message: /Printer Administrator/ },
  { name: "cancel: another user's job with PrintJob.ReadWrite.All and the admin role", who: user(OTHER, ['PrintJob.ReadWrite.All'], true), call: async (c, f) => raw(c, `${(await f.ownJob()).path}/cancel`).post({}), status: 204 },
  { name: 'cancel: application (delegated only)', who: app(['PrintJob.ReadWrite.All', 'PrintJob.Manage.All', 'Printer.Read.All']), call: async (c, f) => raw(c, `${(await f.ownJob()).path}/cancel`).post({}), status: 403, code: 'accessDenied', message: /delegated/ },

  // §2.4 abort / update / redirect: application only (on a job held by the app's task)
  { name: 'abort: application with PrintJob.Manage.All and Printer.Read.All', who: app(['PrintJob.Manage.All', 'Printer.Read.All']), call: async (c, f) => raw(c, `${(await f.heldJob()).path}/abort`).post({}), status: 204 },
  { name: 'abort: application with PrintJob.Manage.All but no printer read role', who: app(['PrintJob.Manage.All']), call: async (c, f) => raw(c, `${(await f.heldJob()).path}/abort`).post({}), status: 403, code: 'accessDenied', message: /Printer\.Read\.All/ },
  { name: 'abort: delegated admin (application only)', who: user(OWNER, ['PrintJob.ReadWrite.All'], true), call: async (c, f) => raw(c, `${(await f.heldJob()).path}/abort`).post({}), status: 403, code: 'accessDenied', message: /application/ },
  { name: 'update: application with PrintJob.ReadWriteBasic.All and Printer.Read.All', who: app(['PrintJob.ReadWriteBasic.All', 'Printer.Read.All']), call: async (c, f) => raw(c, (await f.heldJob()).path).patch({ configuration: { copies: 2 } }), status: 200 },
  { name: 'update: application with PrintJob.Read.All only', who: app(['PrintJob.Read.All', 'Printer.Read.All']), call: async (c, f) => raw(c, (await f.heldJob()).path).patch({ configuration: { copies: 2 } }), status: 403, code: 'accessDenied', message: /PrintJob\.Manage\.All/ },
  { name: 'update: delegated admin (application only)', who: user(OWNER, ['PrintJob.ReadWrite.All'], true), call: async (c, f) => raw(c, (await f.heldJob()).path).patch({ configuration: { copies: 2 } }), status: 403, code: 'accessDenied', message: /application/ },
  { name: 'redirect: application with PrintJob.Manage.All and Printer.Read.All', who: app(['PrintJob.Manage.All', 'Printer.Read.All']), call: async (c, f) => raw(c, `${(await f.heldJob()).path}/redirect`).post({ destinationPrinterId: DEFAULT_PRINTER_ID }), status: 200 },
  { name: 'redirect: application with PrintJob.ReadWrite.All (Manage.All required)', who: app(['PrintJob.ReadWrite.All', 'Printer.Read.All']), call: async (c, f) => raw(c, `${(await f.heldJob()).path}/redirect`).post({ destinationPrinterId: DEFAULT_PRINTER_ID }), status: 403, code: 'accessDenied', message: /PrintJob\.Manage\.All/ },
  { name: 'redirect: delegated admin (application only)', who: user(OWNER, ['PrintJob.ReadWrite.All'], true), call: async (c, f) => raw(c, `${(await f.heldJob()).path}/redirect`).post({ destinationPrinterId: DEFAULT_PRINTER_ID }), status: 403, code: 'accessDenied', message: /application/ },

  // §2.5 createUploadSession: content, so never Basic
  { name: 'createUploadSession: owner with PrintJob.Create', who: user(OWNER, ['PrintJob.Create']), call: async (c, f) => raw(c, `${docPath(await f.ownJob())}/createUploadSession`).post(uploadBody), status: 200 },
  { name: 'createUploadSession: owner with PrintJob.ReadWriteBasic (Basic never reaches content)', who: user(OWNER, ['PrintJob.ReadWriteBasic']), call: async (c, f) => raw(c, `${docPath(await f.ownJob())}/createUploadSession`).post(uploadBody), status: 403, code: 'accessDenied', message: /Basic/ },
  { name: 'createUploadSession: owner with PrintJob.Read', who: user(OWNER, ['PrintJob.Read']), call: async (c, f) => raw(c, `${docPath(await f.ownJob())}/createUploadSession`).post(uploadBody), status: 403, code: 'accessDenied' },
  { name: "createUploadSession: another user's job with PrintJob.ReadWrite.All and the admin role", who: user(OTHER, ['PrintJob.ReadWrite.All'], true), call: async (c, f) => raw(c, `${docPath(await f.ownJob())}/createUploadSession`).post(uploadBody), status: 200 },
  {
    name: 'createUploadSession: application on a share path (shares: delegated only)',
    who: app(['PrintJob.ReadWrite.All', 'Printer.Read.All']),
    call: async (c, f) => {
      const j = await f.ownJob();
      return raw(c, `/print/shares/${f.shareId}/jobs/${j.id}/documents/${j.documentId}/createUploadSession`).post(uploadBody);
    },
    status: 403,
    code: 'accessDenied',
    message: /shares/,
  },

  // §2.5 $value: content, so never Basic
  { name: '$value: owner with PrintJob.Read', who: user(OWNER, ['PrintJob.Read']), call: async (c, f) => valueRequest(c, `${docPath(await f.uploadedJob())}/$value`).get(), status: 302 },
  { name: '$value: owner with PrintJob.ReadBasic', who: user(OWNER, ['PrintJob.ReadBasic']), call: async (c, f) => valueRequest(c, `${docPath(await f.uploadedJob())}/$value`).get(), status: 403, code: 'accessDenied', message: /Basic/ },
  { name: '$value: owner with PrintJob.ReadWriteBasic', who: user(OWNER, ['PrintJob.ReadWriteBasic']), call: async (c, f) => valueRequest(c, `${docPath(await f.uploadedJob())}/$value`).get(), status: 403, code: 'accessDenied', message: /Basic/ },
  { name: "$value: another user's job with PrintJob.Read", who: user(OTHER, ['PrintJob.Read']), call: async (c, f) => valueRequest(c, `${docPath(await f.uploadedJob())}/$value`).get(), status: 403, code: 'accessDenied' },
  { name: '$value: application with PrintJob.Read.All and Printer.Read.All', who: app(['PrintJob.Read.All', 'Printer.Read.All']), call: async (c, f) => valueRequest(c, `${docPath(await f.uploadedJob())}/$value`).get(), status: 302 },

  // §2.3 Shares
  { name: 'GET shares: user with PrinterShare.ReadBasic.All', who: user(OWNER, ['PrinterShare.ReadBasic.All']), call: (c) => raw(c, '/print/shares').get(), status: 200 },
  { name: 'GET shares: user without a share scope', who: user(OWNER, ['PrintJob.ReadWrite']), call: (c) => raw(c, '/print/shares').get(), status: 403, code: 'accessDenied', message: /PrinterShare/ },
  { name: 'GET shares: application (none)', who: app(['Printer.Read.All', 'PrintJob.ReadWrite.All']), call: (c) => raw(c, '/print/shares').get(), status: 403, code: 'accessDenied' },
  { name: 'POST shares: admin with PrinterShare.ReadWrite.All', who: user(OWNER, ['PrinterShare.ReadWrite.All'], true), call: (c) => raw(c, '/print/shares').post({ displayName: 'New', 'printer@odata.bind': bind('printers', MONO_ID) }), status: 201 },
  { name: 'POST shares: non-admin with PrinterShare.ReadWrite.All', who: user(OWNER, ['PrinterShare.ReadWrite.All']), call: (c) => raw(c, '/print/shares').post({ displayName: 'New', 'printer@odata.bind': bind('printers', MONO_ID) }), status: 403, code: 'accessDenied', message: /Printer Administrator/ },
  { name: 'POST shares: admin with PrinterShare.Read.All', who: user(OWNER, ['PrinterShare.Read.All'], true), call: (c) => raw(c, '/print/shares').post({ displayName: 'New', 'printer@odata.bind': bind('printers', MONO_ID) }), status: 403, code: 'accessDenied' },

  // §2.6 Task definitions: application only (TD)
  { name: 'POST taskDefinitions: application with PrintTaskDefinition.ReadWrite.All', who: app(['PrintTaskDefinition.ReadWrite.All']), call: (c) => raw(c, '/print/taskDefinitions').post({ displayName: 'TD' }), status: 201 },
  { name: 'POST taskDefinitions: application without it', who: app(['Printer.Read.All']), call: (c) => raw(c, '/print/taskDefinitions').post({ displayName: 'TD' }), status: 403, code: 'accessDenied', message: /PrintTaskDefinition\.ReadWrite\.All/ },
  { name: 'POST taskDefinitions: delegated admin', who: user(OWNER, ['Printer.ReadWrite.All'], true), call: (c) => raw(c, '/print/taskDefinitions').post({ displayName: 'TD' }), status: 403, code: 'accessDenied' },

  // §2.2 Task triggers
  {
    name: 'POST taskTriggers: admin with Printer.ReadWrite.All',
    who: user(OWNER, ['Printer.ReadWrite.All'], true),
    call: (c, f) => raw(c, `/print/printers/${MONO_ID}/taskTriggers`).post({ event: 'jobStarted', 'definition@odata.bind': bind('taskDefinitions', f.definitionId) }),
    status: 201,
  },
  {
    name: 'POST taskTriggers: non-admin with Printer.ReadWrite.All',
    who: user(OWNER, ['Printer.ReadWrite.All']),
    call: (c, f) => raw(c, `/print/printers/${MONO_ID}/taskTriggers`).post({ event: 'jobStarted', 'definition@odata.bind': bind('taskDefinitions', f.definitionId) }),
    status: 403,
    code: 'accessDenied',
  },
  {
    name: 'POST taskTriggers: application (none)',
    who: app(['PrintTaskDefinition.ReadWrite.All', 'Printer.ReadWrite.All']),
    call: (c, f) => raw(c, `/print/printers/${MONO_ID}/taskTriggers`).post({ event: 'jobStarted', 'definition@odata.bind': bind('taskDefinitions', f.definitionId) }),
    status: 403,
    code: 'accessDenied',
  },
];

describe('permissions', () => {
  let emu: Emulator;
  let other: Emulator;
  let fixtures: Fixtures;

  beforeAll(async () => {
    emu = await startEmulator();
    // Another emulator has its own signing key.
    other = await createEmulator({ clock: 'simulated' });
    const admin = adminClient(emu);
    const alice = graphClient(emu, user(OWNER, ['PrintJob.ReadWrite']));
    const pullApp = graphClient(emu, app(['PrintTaskDefinition.ReadWrite.All']));
    const pdf = await makePdf(1);
    const share = (await admin.api('/print/shares').post({ displayName: 'Everyone', allowAllUsers: true, 'printer@odata.bind': bind('printers', DEFAULT_PRINTER_ID) })) as { id: string };
    const pullShare = (await admin.api('/print/shares').post({ displayName: 'Pull', allowAllUsers: true, 'printer@odata.bind': bind('printers', FINISHER_ID) })) as { id: string };
    const definition = (await pullApp.api('/print/taskDefinitions').post({ displayName: 'Pull' })) as { id: string };
    await admin.api(`/print/printers/${FINISHER_ID}/taskTriggers`).post({ event: 'jobStarted', 'definition@odata.bind': bind('taskDefinitions', definition.id) });
    const onPrinter = (j: CreatedJob, printerId: string): CreatedJob => ({ ...j, path: `/print/printers/${printerId}/jobs/${j.id}` });
    fixtures = {
      shareId: share.id,
      definitionId: definition.id,
      ownJob: async () => onPrinter(await createJob(alice, `/print/shares/${share.id}`), DEFAULT_PRINTER_ID),
      uploadedJob: async () => {
        const j = await createJob(alice, `/print/shares/${share.id}`);
        await uploadAll(alice, j, pdf);
        return onPrinter(j, DEFAULT_PRINTER_ID);
      },
      heldJob: async () => onPrinter(await submitJob(alice, `/print/shares/${pullShare.id}`, pdf), FINISHER_ID),
    };
  });
  afterAll(async () => {
    await other.close();
    await emu.close();
  });

  /** The SDK with no Authorization header at all. */
  const anonymous = () => Client.initWithMiddleware({ baseUrl: `${emu.baseUrl}/`, defaultVersion: 'v1.0', middleware: new HTTPMessageHandler() });

  async function expectUnauthenticated(res: Response, message: RegExp): Promise<void> {
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, unknown> } };
    expect(body.error.code).toBe('unauthenticated');
    expect(body.error.message).toMatch(message);
    expect(body.error.innerError['request-id']).toEqual(expect.any(String));
  }

  it('no token → 401 with a Graph error body', async () => {
    await expectUnauthenticated(await raw(anonymous(), PRINTER).get(), /Authorization: Bearer/);
  });

  it('a garbage token → 401', async () => {
    await expectUnauthenticated(await raw(graphClient(emu, 'not-a-jwt'), PRINTER).get(), /well-formed JWT/);
  });

  it("another emulator's token (wrong signature) → 401", async () => {
    const foreign = other.token(user(OWNER, ['Printer.Read.All'], true));
    await expectUnauthenticated(await raw(graphClient(emu, foreign), PRINTER).get(), /signature/);
  });

  it('an expired token → 401', async () => {
    const expired = issueToken(emu.signingKey, user(OWNER, ['Printer.Read.All'], true), { now: Date.now() - 2 * 3600_000, lifetimeSeconds: 3600 });
    await expectUnauthenticated(await raw(graphClient(emu, expired), PRINTER).get(), /expired/);
  });

  it('a token from this emulator for the same call → 200 (the refusals above are about the token)', async () => {
    expect((await raw(graphClient(emu, user(OWNER, ['Printer.Read.All'], true)), PRINTER).get()).status).toBe(200);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const res = await c.call(graphClient(emu, c.who), fixtures);
    const text = await res.text();
    expect(res.status, text).toBe(c.status);
    if (c.status >= 400) {
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(c.code);
      if (c.message !== undefined) expect(body.error.message).toMatch(c.message);
    }
  });
});
