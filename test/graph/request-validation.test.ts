// Every value a Graph request stores is checked against the CSDL type, and to a
// size, before anything is kept: a body nested 20,000 levels deep, a wrong type,
// an unknown enum member or a null createdBy is a 400 with the Graph error body,
// and what a client reads back is exactly what it was before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { startEmulator } from '../support/harness.js';
import { expectGraphErrorBody, FINISHER, observableState, PRINTER, send, setUpBodyRoutes, type BodyRoutes } from '../support/body-routes.js';

const LEVELS = 20_000;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('Graph request bodies', () => {
  let emu: Emulator;
  let r: BodyRoutes;

  beforeAll(async () => {
    emu = await startEmulator();
    r = await setUpBodyRoutes(emu);
  });
  afterAll(async () => {
    await emu.close();
  });

  it(`refuses JSON nested ${LEVELS.toLocaleString('en')} levels on every body-taking route, and nothing changes`, async () => {
    const before = await observableState(emu, r);
    for (const route of r.routes) {
      // The nesting sits where the route's first stored property goes, and at the top.
      const key = Object.keys(route.valid)[0] ?? 'value';
      for (const body of [`{"${key}":${deepObject(LEVELS)}}`, `{"${key}":${deepArray(LEVELS)}}`, deepArray(LEVELS)]) {
        const a = await send(emu, route.method, route.path, route.token, body);
        const e = expectGraphErrorBody(a, 400, route.name);
        expect(e.code).toBe('invalidRequest');
        expect(e.message, route.name).toContain('nests deeper than');
      }
    }
    expect(await observableState(emu, r)).toEqual(before);

    // Later writes still work, and read back.
    const patched = await send(emu, 'PATCH', `/v1.0${PRINTER}`, r.admin, { location: { building: 'Building 9', subunit: ['North'] } });
    expect(patched.status, patched.text).toBe(200);
    const got = await send(emu, 'GET', `/v1.0${PRINTER}`, r.admin);
    expect((got.json as { location: unknown }).location).toEqual({ building: 'Building 9', subunit: ['North'] });
    const task = await send(emu, 'PATCH', `/v1.0/print/taskDefinitions/${r.definitionId}/tasks/${r.taskId}`, r.pullApp, { status: { state: 'processing', description: 'still waiting' } });
    expect(task.status, task.text).toBe(200);
    const status = await send(emu, 'PUT', `/emulator/printers/${PRINTER.split('/').pop()!}/status`, r.admin, { state: 'idle', details: [] });
    expect(status.status, status.text).toBe(200);
  });

  it('takes a body nested as deep as the limit allows up to the type checks', async () => {
    // 32 levels parse; the route then refuses the value for its type, not its depth.
    const a = await send(emu, 'PATCH', `/v1.0${PRINTER}`, r.admin, `{"location":${deepObject(31)}}`);
    const e = expectGraphErrorBody(a, 400, 'location at the depth limit');
    expect(e.message).toContain("'location.a'");
    expect(e.message).not.toContain('nests deeper');
  });

  const refusals: Array<{ name: string; method: string; path: () => string; token: () => string; body: unknown; names: string[] }> = [
    // printer PATCH: printerLocation's declared properties only, each its type, bounded.
    { name: 'location with an undeclared property', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { building: 'B', elevator: '2' } }, names: ['location.elevator'] },
    { name: 'location.building a number', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { building: 7 } }, names: ['location.building'] },
    { name: 'location.building an object', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { building: { name: 'B' } } }, names: ['location.building'] },
    { name: 'location.organization a string', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { organization: 'Contoso' } }, names: ['location.organization'] },
    { name: 'location.subunit holding an object', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { subunit: [{ a: 1 }] } }, names: ['location.subunit[0]'] },
    { name: 'location.altitudeInMeters not an Int32', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { altitudeInMeters: 1.5 } }, names: ['location.altitudeInMeters'] },
    { name: 'location.latitude beyond 90', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { latitude: 91 } }, names: ['location.latitude'] },
    { name: 'location.city of 128 characters', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { city: 'x'.repeat(128) } }, names: ['location.city', '127'] },
    { name: 'location.organization of 17 values', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: { organization: Array.from({ length: 17 }, (_, i) => `o${i}`) } }, names: ['location.organization', '16'] },
    { name: 'location an array', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { location: ['B7'] }, names: ["'location'"] },
    { name: 'displayName null', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { displayName: null }, names: ['displayName'] },
    { name: 'displayName of 128 characters', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { displayName: 'p'.repeat(128) }, names: ['displayName'] },
    { name: 'defaults null', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { defaults: null }, names: ['defaults'] },
    { name: 'defaults.colorMode not a printColorMode', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.admin, body: { defaults: { colorMode: 'sepia' } }, names: ['colorMode', 'sepia'] },
    { name: 'capabilities.mediaSizes of 300 values', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.printerApp, body: { capabilities: { mediaSizes: Array.from({ length: 300 }, (_, i) => `S${i}`) } }, names: ['capabilities.mediaSizes'] },
    { name: 'capabilities.dpis holding a string', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.printerApp, body: { capabilities: { dpis: ['600'] } }, names: ['capabilities.dpis'] },
    { name: 'status.state not a printerProcessingState', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.printerApp, body: { status: { state: 'ready', details: [] } }, names: ['status.state', 'ready'] },
    { name: 'status.details holding an unknown member', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.printerApp, body: { status: { state: 'stopped', details: ['disconnected'] } }, names: ['status.details', 'disconnected'] },
    { name: 'status.description an object', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.printerApp, body: { status: { state: 'idle', details: [], description: { text: 'x' } } }, names: ['status.description'] },
    { name: 'status with an undeclared property', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.printerApp, body: { status: { state: 'idle', details: [], reasons: [] } }, names: ['status.reasons'] },
    { name: 'isAcceptingJobs a string', method: 'PATCH', path: () => `/v1.0${PRINTER}`, token: () => r.printerApp, body: { isAcceptingJobs: 'no' }, names: ['isAcceptingJobs'] },
    // shares
    { name: 'share displayName a number', method: 'POST', path: () => '/v1.0/print/shares', token: () => r.admin, body: { displayName: 5, 'printer@odata.bind': `https://graph.microsoft.com/v1.0${PRINTER}` }, names: ['displayName'] },
    { name: 'share allowAllUsers a string', method: 'PATCH', path: () => `/v1.0/print/shares/${r.shareId}`, token: () => r.admin, body: { allowAllUsers: 'yes' }, names: ['allowAllUsers'] },
    { name: 'share printer@odata.bind an object', method: 'PATCH', path: () => `/v1.0/print/shares/${r.shareId}`, token: () => r.admin, body: { 'printer@odata.bind': { id: 'x' } }, names: ['printer@odata.bind'] },
    // jobs: printJobConfiguration members, enums, integer ranges, bounded arrays
    { name: 'configuration.colorMode unknown', method: 'POST', path: () => `/v1.0${PRINTER}/jobs`, token: () => r.admin, body: { configuration: { colorMode: 'rainbow' } }, names: ['colorMode', 'rainbow'] },
    { name: 'configuration.copies beyond Int32', method: 'POST', path: () => `/v1.0${PRINTER}/jobs`, token: () => r.admin, body: { configuration: { copies: 2 ** 31 } }, names: ['copies'] },
    { name: 'configuration.finishings of 100 values', method: 'POST', path: () => `/v1.0${PRINTER}/jobs`, token: () => r.admin, body: { configuration: { finishings: Array.from({ length: 100 }, () => 'staple') } }, names: ['finishings'] },
    { name: 'configuration.mediaSize of 300 characters', method: 'POST', path: () => `/v1.0${PRINTER}/jobs`, token: () => r.admin, body: { configuration: { mediaSize: 'A'.repeat(300) } }, names: ['mediaSize'] },
    { name: 'configuration.margin.top a string', method: 'POST', path: () => `/v1.0${PRINTER}/jobs`, token: () => r.admin, body: { configuration: { margin: { top: '1' } } }, names: ['margin.top'] },
    { name: 'configuration with an undeclared property', method: 'POST', path: () => `/v1.0${PRINTER}/jobs`, token: () => r.admin, body: { configuration: { staples: 2 } }, names: ['staples'] },
    { name: 'job displayName of 256 characters', method: 'POST', path: () => `/v1.0${PRINTER}/jobs`, token: () => r.admin, body: { displayName: 'j'.repeat(256) }, names: ['displayName'] },
    { name: 'job PATCH configuration.duplexMode unknown', method: 'PATCH', path: () => `/v1.0${r.heldJobPath}`, token: () => r.pullApp, body: { configuration: { duplexMode: 'twoSided' } }, names: ['duplexMode', 'twoSided'] },
    { name: 'job PATCH configuration.pageRanges an object', method: 'PATCH', path: () => `/v1.0${r.heldJobPath}`, token: () => r.pullApp, body: { configuration: { pageRanges: { start: 1 } } }, names: ['pageRanges'] },
    // task definitions, tasks, triggers
    { name: 'task definition createdBy null', method: 'POST', path: () => '/v1.0/print/taskDefinitions', token: () => r.pullApp, body: { displayName: 'X', createdBy: null }, names: ['createdBy', 'appIdentity'] },
    { name: 'task definition createdBy a string', method: 'POST', path: () => '/v1.0/print/taskDefinitions', token: () => r.pullApp, body: { displayName: 'X', createdBy: 'me' }, names: ['createdBy', 'appIdentity'] },
    { name: 'task definition createdBy.displayName a number', method: 'POST', path: () => '/v1.0/print/taskDefinitions', token: () => r.pullApp, body: { displayName: 'X', createdBy: { displayName: 1 } }, names: ['createdBy.displayName'] },
    { name: 'task definition createdBy with an undeclared property', method: 'POST', path: () => '/v1.0/print/taskDefinitions', token: () => r.pullApp, body: { displayName: 'X', createdBy: { tenant: 'x' } }, names: ['createdBy.tenant'] },
    { name: 'task definition PATCH createdBy null', method: 'PATCH', path: () => `/v1.0/print/taskDefinitions/${r.definitionId}`, token: () => r.pullApp, body: { createdBy: null }, names: ['createdBy'] },
    { name: 'task definition PATCH displayName an array', method: 'PATCH', path: () => `/v1.0/print/taskDefinitions/${r.definitionId}`, token: () => r.pullApp, body: { displayName: ['x'] }, names: ['displayName'] },
    { name: 'task PATCH status null', method: 'PATCH', path: () => `/v1.0/print/taskDefinitions/${r.definitionId}/tasks/${r.taskId}`, token: () => r.pullApp, body: { status: null }, names: ["'status'"] },
    { name: 'task PATCH status.state unknown', method: 'PATCH', path: () => `/v1.0/print/taskDefinitions/${r.definitionId}/tasks/${r.taskId}`, token: () => r.pullApp, body: { status: { state: 'done' } }, names: ['status.state', 'done'] },
    { name: 'task PATCH status.state an object', method: 'PATCH', path: () => `/v1.0/print/taskDefinitions/${r.definitionId}/tasks/${r.taskId}`, token: () => r.pullApp, body: { status: { state: { a: 1 } } }, names: ['status.state'] },
    { name: 'task PATCH status.description of 1024 characters', method: 'PATCH', path: () => `/v1.0/print/taskDefinitions/${r.definitionId}/tasks/${r.taskId}`, token: () => r.pullApp, body: { status: { state: 'completed', description: 'd'.repeat(1024) } }, names: ['status.description'] },
    { name: 'trigger event unknown', method: 'POST', path: () => `/v1.0${PRINTER}/taskTriggers`, token: () => r.admin, body: () => ({ event: 'jobCompleted', 'definition@odata.bind': `https://graph.microsoft.com/v1.0/print/taskDefinitions/${r.definitionId}` }), names: ['event', 'jobCompleted'] },
    // upload session properties
    { name: 'upload properties null', method: 'POST', path: () => `/v1.0${r.heldJobPath}/documents/x/createUploadSession`, token: () => r.alice, body: { properties: null }, names: ['properties'] },
    // subscriptions
    { name: 'subscription clientState of 129 characters', method: 'POST', path: () => '/v1.0/subscriptions', token: () => r.pullApp, body: () => ({ changeType: 'created', resource: `print/taskDefinitions/${r.definitionId}/tasks`, notificationUrl: 'https://example.com/n', expirationDateTime: '2030-01-01T00:00:00Z', clientState: 'c'.repeat(129) }), names: ['clientState'] },
    { name: 'subscription latestSupportedTlsVersion unknown', method: 'POST', path: () => '/v1.0/subscriptions', token: () => r.pullApp, body: () => ({ changeType: 'created', resource: `print/taskDefinitions/${r.definitionId}/tasks`, notificationUrl: 'https://example.com/n', expirationDateTime: '2030-01-01T00:00:00Z', latestSupportedTlsVersion: 'v9' }), names: ['latestSupportedTlsVersion', 'v9'] },
    // control routes
    { name: 'control status.state an object', method: 'PUT', path: () => `/emulator/printers/${PRINTER.split('/').pop()!}/status`, token: () => r.admin, body: { state: { a: 1 } }, names: ['state'] },
    { name: 'fault rule status a string', method: 'POST', path: () => '/emulator/faults/graph', token: () => r.admin, body: { status: '503' }, names: ['status'] },
    { name: 'fault rule with an undeclared property', method: 'POST', path: () => '/emulator/faults/graph', token: () => r.admin, body: { status: 503, delay: 5 }, names: ['delay'] },
    { name: 'fault rule count a fraction', method: 'POST', path: () => '/emulator/faults/graph', token: () => r.admin, body: { status: 503, count: 1.5 }, names: ['count'] },
  ];

  it(`refuses ${refusals.length} ill-typed values with a 400 naming the property, and stores none of them`, async () => {
    const before = await observableState(emu, r);
    for (const c of refusals) {
      const e = expectGraphErrorBody(await send(emu, c.method, c.path(), c.token(), (typeof c.body === 'function' ? (c.body as () => object)() : c.body) as object), 400, c.name);
      expect(e.code, c.name).toBe('invalidRequest');
      for (const n of c.names) expect(e.message, c.name).toContain(n);
    }
    expect(await observableState(emu, r)).toEqual(before);
  });

  it('keeps a refused value out of the finisher too, and the printer application can still report status', async () => {
    const a = await send(emu, 'PATCH', `/v1.0${FINISHER}`, r.admin, { location: { building: 'B', floor: 3 } });
    expectGraphErrorBody(a, 400, 'floor a number');
    const got = await send(emu, 'GET', `/v1.0${FINISHER}`, r.admin);
    expect((got.json as { location: unknown }).location).not.toMatchObject({ building: 'B' });
    const ok = await send(emu, 'PATCH', `/v1.0${PRINTER}`, r.printerApp, { status: { state: 'stopped', details: ['mediaJam'], description: 'Tray 2 jammed' } });
    expect(ok.status, ok.text).toBe(200);
    expect((ok.json as { status: unknown }).status).toEqual({ state: 'stopped', details: ['mediaJam'], description: 'Tray 2 jammed' });
    const back = await send(emu, 'PATCH', `/v1.0${PRINTER}`, r.printerApp, { status: { state: 'idle', details: [] } });
    expect(back.status, back.text).toBe(200);
  });

  it('answers a URL with a malformed %-escape with the Graph error body', async () => {
    expectGraphErrorBody(await send(emu, 'GET', '/v1.0/print/printers/%E0%A4%A', r.admin), 400, 'bad escape');
  });
});
