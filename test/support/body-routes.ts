// Every Graph and control route that takes a JSON body, with a caller allowed to
// reach it and a valid body, set up on one emulator: for the request-validation
// and body-fuzz suites.
import { expect } from 'vitest';
import { PRINTER_APP_ID, type Emulator } from '../../src/emulator.js';
import { ADMIN_SCOPES, DEFAULT_PRINTER_ID, makePdf } from './harness.js';

export const PRINTER = `/print/printers/${DEFAULT_PRINTER_ID}`;
export const FINISHER_ID = '6ba21157-8bf2-4084-81eb-3826d47ed946';
export const FINISHER = `/print/printers/${FINISHER_ID}`;
const PULL_APP_ID = '11111111-2222-4333-8444-555555555555';

export interface Answer {
  status: number;
  text: string;
  json: unknown;
}

/** One request with a raw or JSON body; the answer's text and parsed JSON (undefined if not JSON). */
export async function send(emu: Emulator, method: string, path: string, token: string | null, body?: string | object, contentType = 'application/json'): Promise<Answer> {
  const headers: Record<string, string> = { 'client-request-id': 'validation-test' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(`${emu.baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** The answer is `status` with the Graph error body {"error":{"code","message","innerError":{date, request-id, client-request-id}}}. */
export function expectGraphErrorBody(a: Answer, status: number, what = ''): { code: string; message: string } {
  expect(a.status, `${what}: ${a.text.slice(0, 300)}`).toBe(status);
  const e = (a.json as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } } | undefined)?.error;
  expect(e, `${what}: not a Graph error body: ${a.text.slice(0, 300)}`).toBeDefined();
  expect(typeof e!.code, what).toBe('string');
  expect(typeof e!.message, what).toBe('string');
  expect((e!.message as string).length, what).toBeGreaterThan(0);
  expect(e!.innerError, what).toMatchObject({ date: expect.any(String), 'request-id': expect.any(String), 'client-request-id': expect.any(String) });
  return { code: e!.code as string, message: e!.message as string };
}

export interface BodyRoute {
  name: string;
  method: string;
  path: string;
  token: string;
  /** A body the route accepts (or refuses only for a reason unrelated to its shape). */
  valid: Record<string, unknown>;
}

export interface BodyRoutes {
  admin: string;
  printerApp: string;
  pullApp: string;
  alice: string;
  shareId: string;
  definitionId: string;
  taskId: string;
  heldJobPath: string;
  routes: BodyRoute[];
}

async function ok(a: Answer, status: number, what: string): Promise<Record<string, unknown>> {
  expect(a.status, `${what}: ${a.text.slice(0, 300)}`).toBe(status);
  return a.json as Record<string, unknown>;
}

/**
 * A share on the finisher with a jobStarted trigger of a pull-printing app, a
 * held job with its processing task, and a job waiting for its document on the
 * default printer: so that every body-taking route gets as far as its body.
 */
export async function setUpBodyRoutes(emu: Emulator): Promise<BodyRoutes> {
  const admin = emu.token({ kind: 'user', upn: 'admin@contoso.com', scopes: ADMIN_SCOPES, admin: true });
  const printerApp = emu.token({ kind: 'app', appId: PRINTER_APP_ID, roles: ['Printer.ReadWrite.All'] });
  const pullApp = emu.token({
    kind: 'app',
    appId: PULL_APP_ID,
    roles: ['PrintTaskDefinition.ReadWrite.All', 'PrintJob.Manage.All', 'PrintJob.ReadWrite.All', 'Printer.Read.All'],
  });
  const alice = emu.token({ kind: 'user', upn: 'alice@contoso.com', scopes: ['PrintJob.ReadWrite'] });
  const v = '/v1.0';

  const share = await ok(
    await send(emu, 'POST', `${v}/print/shares`, admin, { displayName: 'Pull queue', allowAllUsers: true, 'printer@odata.bind': `https://graph.microsoft.com/v1.0${FINISHER}` }),
    201,
    'create share',
  );
  const shareId = String(share.id);
  const definition = await ok(await send(emu, 'POST', `${v}/print/taskDefinitions`, pullApp, { displayName: 'Release', createdBy: { displayName: 'Pull' } }), 201, 'definition');
  const definitionId = String(definition.id);
  await ok(
    await send(emu, 'POST', `${v}${FINISHER}/taskTriggers`, admin, { event: 'jobStarted', 'definition@odata.bind': `https://graph.microsoft.com/v1.0/print/taskDefinitions/${definitionId}` }),
    201,
    'trigger',
  );

  // Alice's job on the share, uploaded and started: held, with a processing task.
  const held = await ok(await send(emu, 'POST', `${v}/print/shares/${shareId}/jobs`, alice, { configuration: {} }), 201, 'held job');
  const heldDoc = (held.documents as Array<{ id: string }>)[0]!.id;
  const pdf = await makePdf(1);
  const session = await ok(
    await send(emu, 'POST', `${v}/print/shares/${shareId}/jobs/${String(held.id)}/documents/${heldDoc}/createUploadSession`, alice, {
      properties: { documentName: 'a.pdf', contentType: 'application/pdf', size: pdf.length },
    }),
    200,
    'upload session',
  );
  const put = await fetch(String(session.uploadUrl), { method: 'PUT', headers: { 'content-range': `bytes 0-${pdf.length - 1}/${pdf.length}` }, body: new Uint8Array(pdf) });
  expect(put.status).toBe(201);
  await put.arrayBuffer();
  await ok(await send(emu, 'POST', `${v}/print/shares/${shareId}/jobs/${String(held.id)}/start`, alice, {}), 200, 'start');
  const heldJobPath = `${FINISHER}/jobs/${String(held.id)}`;
  const tasks = await ok(await send(emu, 'GET', `${v}/print/taskDefinitions/${definitionId}/tasks`, pullApp), 200, 'tasks');
  const taskId = String((tasks.value as Array<{ id: string }>)[0]!.id);

  // A job on the default printer waiting for its document.
  const waiting = await ok(await send(emu, 'POST', `${v}${PRINTER}/jobs`, admin, { configuration: {} }), 201, 'waiting job');
  const waitingPath = `${PRINTER}/jobs/${String(waiting.id)}`;
  const waitingDoc = (waiting.documents as Array<{ id: string }>)[0]!.id;

  const route = (name: string, method: string, path: string, token: string, valid: Record<string, unknown>): BodyRoute => ({ name, method, path, token, valid });
  const routes: BodyRoute[] = [
    route('printer PATCH (admin)', 'PATCH', `${v}${PRINTER}`, admin, { displayName: 'Office Color', location: { building: 'B7', floor: '3' }, defaults: { copiesPerJob: 1 } }),
    route('printer PATCH (beta)', 'PATCH', `/beta${PRINTER}`, admin, { location: { city: 'Redmond', organization: ['Contoso'] } }),
    route('printer PATCH (printer app)', 'PATCH', `${v}${PRINTER}`, printerApp, { status: { state: 'idle', details: [] }, isAcceptingJobs: true, capabilities: { dpis: [300, 600] } }),
    route('share create', 'POST', `${v}/print/shares`, admin, { displayName: 'Second', allowAllUsers: false, 'printer@odata.bind': `https://graph.microsoft.com/v1.0${PRINTER}` }),
    route('share PATCH', 'PATCH', `${v}/print/shares/${shareId}`, admin, { displayName: 'Pull queue', allowAllUsers: true }),
    route('job create', 'POST', `${v}${PRINTER}/jobs`, admin, { displayName: 'report', configuration: { copies: 1, colorMode: 'color', finishings: ['none'], pageRanges: [{ start: 1, end: 1 }] } }),
    route('job create on a share', 'POST', `${v}/print/shares/${shareId}/jobs`, alice, { configuration: { duplexMode: 'oneSided' } }),
    route('job PATCH', 'PATCH', `${v}${heldJobPath}`, pullApp, { configuration: { copies: 1 } }),
    route('job redirect', 'POST', `${v}${heldJobPath}/redirect`, pullApp, { destinationPrinterId: 'no-such-printer', configuration: {} }),
    route('job abort', 'POST', `${v}${waitingPath}/abort`, pullApp, { reason: 'not yours' }),
    route('job start', 'POST', `${v}${waitingPath}/start`, admin, {}),
    route('createUploadSession', 'POST', `${v}${waitingPath}/documents/${waitingDoc}/createUploadSession`, admin, {
      properties: { documentName: 'b.pdf', contentType: 'application/pdf', size: 10 },
    }),
    route('task definition create', 'POST', `${v}/print/taskDefinitions`, pullApp, { displayName: 'Another', createdBy: { displayName: 'Pull' } }),
    route('task definition PATCH', 'PATCH', `${v}/print/taskDefinitions/${definitionId}`, pullApp, { displayName: 'Release', createdBy: { displayName: 'Pull' } }),
    route('task PATCH', 'PATCH', `${v}/print/taskDefinitions/${definitionId}/tasks/${taskId}`, pullApp, { status: { state: 'processing', description: 'waiting at the device' } }),
    route('trigger create', 'POST', `${v}${PRINTER}/taskTriggers`, admin, { event: 'jobStarted', 'definition@odata.bind': `https://graph.microsoft.com/v1.0/print/taskDefinitions/${definitionId}` }),
    route('subscription create', 'POST', `${v}/subscriptions`, pullApp, {
      changeType: 'created',
      resource: `print/taskDefinitions/${definitionId}/tasks`,
      notificationUrl: 'not a url',
      expirationDateTime: '2030-01-01T00:00:00Z',
      clientState: 'abc',
    }),
    route('subscription PATCH', 'PATCH', `${v}/subscriptions/00000000-0000-4000-8000-000000000000`, pullApp, { expirationDateTime: '2030-01-01T00:00:00Z' }),
    route('control printer status', 'PUT', `/emulator/printers/${DEFAULT_PRINTER_ID}/status`, admin, { state: 'idle', details: [] }),
    route('control fault rule', 'POST', '/emulator/faults/graph', admin, { status: 503, count: 1, method: 'GET', path: '/print/never/*', retryAfterSeconds: 1 }),
    route('control clock advance', 'POST', '/emulator/clock/advance', admin, { ms: 0 }),
  ];
  return { admin, printerApp, pullApp, alice, shareId, definitionId, taskId, heldJobPath, routes };
}

/** What a client can read back of the state these routes write. */
export async function observableState(emu: Emulator, r: BodyRoutes): Promise<unknown> {
  const get = async (path: string, token: string) => {
    const a = await send(emu, 'GET', path, token);
    expect(a.status, `${path}: ${a.text.slice(0, 300)}`).toBe(200);
    return a.json;
  };
  const select = '$select=id,displayName,manufacturer,model,isAcceptingJobs,status,location,defaults,capabilities';
  return {
    printer: await get(`/v1.0${PRINTER}?${select}`, r.admin),
    finisher: await get(`/v1.0${FINISHER}?${select}`, r.admin),
    shares: await get('/v1.0/print/shares', r.admin),
    printerJobs: await get(`/v1.0${PRINTER}/jobs?$expand=documents`, r.admin),
    finisherJobs: await get(`/v1.0${FINISHER}/jobs?$expand=documents`, r.admin),
    definitions: await get('/v1.0/print/taskDefinitions', r.pullApp),
    tasks: await get(`/v1.0/print/taskDefinitions/${r.definitionId}/tasks`, r.pullApp),
    triggers: await get(`/v1.0${PRINTER}/taskTriggers`, r.admin),
    subscriptions: await get('/v1.0/subscriptions', r.pullApp),
    faults: await get('/emulator/faults/graph', r.admin),
  };
}
