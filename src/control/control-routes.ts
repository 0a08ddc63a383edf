import type { FastifyInstance } from 'fastify';
import { SimulatedClock } from '../core/clock.js';
import { PrintsimError } from '../core/errors.js';
import type { PrintService } from '../core/print-service.js';
import { describe, intProp, objectBody, onlyKeys } from '../http/json-body.js';
import { parsePrinterStatus } from '../http/printer-status-body.js';
import type { SigningKey } from '../graph/auth/signing-key.js';
import { consoleAccess } from '../web/console-access.js';
import type { GraphFaults } from '../graph/graph-faults.js';

/**
 * Routes Graph does not have, for tests and the console: rendered output and
 * manifest of a job, the simulated clock, and printer faults. On loopback they
 * take no token.
 */
export function controlRoutes(app: FastifyInstance, service: PrintService, signingKey: SigningKey, faults: GraphFaults): void {
  app.get('/emulator/health', async () => ({ status: 'ok', printers: service.printerIds().length }));

  // Like the console: open on a loopback listener; from other machines these routes
  // (which serve documents and inject faults) need a token from `printsim token`.
  app.addHook('onRequest', async (req) => {
    if (req.url.split('?')[0] === '/emulator/health') return;
    const access = consoleAccess(req, signingKey);
    if (access.kind === 'denied') throw new PrintsimError('unauthenticated', `The /emulator routes of a printsim reachable from other machines need a token: ${access.reason}`);
  });


  app.get('/emulator/jobs/:jobId', async (req) => {
    const { jobId } = req.params as { jobId: string };
    const job = service.getJob(jobId);
    return { ...job, status: service.jobStatus(job) };
  });

  app.get('/emulator/jobs/:jobId/output', async (req, reply) => {
    const { jobId } = req.params as { jobId: string };
    const job = service.getJob(jobId);
    if (!service.hasOutput(job)) {
      throw new PrintsimError('notFound', `Job ${job.id} has no output yet (state ${service.jobStatus(job).state}); output exists once the job is rendered.`);
    }
    reply.type('application/pdf').header('content-disposition', `inline; filename="job-${job.id}.pdf"`);
    const { createReadStream } = await import('node:fs');
    return reply.send(createReadStream(service.spool.outputPath(job.id)));
  });

  app.get('/emulator/jobs/:jobId/manifest', async (req) => {
    const { jobId } = req.params as { jobId: string };
    const job = service.getJob(jobId);
    if (!service.hasOutput(job)) {
      throw new PrintsimError('notFound', `Job ${job.id} has no manifest yet (state ${service.jobStatus(job).state}).`);
    }
    return service.spool.readManifest(job.id);
  });

  app.post('/emulator/clock/advance', async (req) => {
    const body = objectBody(req);
    const ms = body.ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new PrintsimError('badRequest', "Property 'ms' must be a number of milliseconds >= 0.", { fields: ['ms'] });
    }
    const clock = service.clock;
    if (!(clock instanceof SimulatedClock)) {
      throw new PrintsimError('notAllowed', 'This emulator runs on the system clock; start it with a simulated clock (clock: "simulated") to advance time.');
    }
    clock.advance(ms);
    return { now: new Date(clock.now()).toISOString() };
  });

  app.get('/emulator/printers', async () => ({
    value: service.printerIds().map((id) => {
      const rt = service.runtime(id);
      return {
        id,
        name: rt.definition.name,
        displayName: rt.displayName,
        status: rt.status(),
        isAcceptingJobs: rt.state.isAcceptingJobs,
        currentJobId: rt.currentJobId(),
        queuedJobIds: rt.queuedJobIds(),
      };
    }),
  }));

  // Fault injection: the same effect as the printer application's PATCH of status.
  app.put('/emulator/printers/:printerId/status', async (req) => {
    const { printerId } = req.params as { printerId: string };
    const rt = service.setPrinterStatus(printerId, parsePrinterStatus(objectBody(req), ''));
    return rt.status();
  });

  app.delete('/emulator/printers/:printerId/status', async (req) => {
    const { printerId } = req.params as { printerId: string };
    return service.setPrinterStatus(printerId, null).status();
  });

  // Graph faults: the next `count` Graph requests matching `method` and `path` answer `status`.
  app.post('/emulator/faults/graph', async (req, reply) => {
    const body = objectBody(req);
    onlyKeys(body, ['status', 'count', 'method', 'path', 'retryAfterSeconds'], 'a Graph fault rule');
    const status = intProp(body, 'status', { required: true, min: 100, max: 599 })!;
    const count = intProp(body, 'count', { min: 1 });
    const rule = faults.add({
      status,
      ...(count === undefined ? {} : { count }),
      ...(body.method === undefined ? {} : { method: stringOrNull(body.method, 'method', 16) }),
      ...(body.path === undefined ? {} : { path: stringOrNull(body.path, 'path', 2048) }),
      ...(body.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: body.retryAfterSeconds === null ? null : intProp(body, 'retryAfterSeconds', { min: 0 })! }),
    });
    return reply.code(201).send(rule);
  });
  app.get('/emulator/faults/graph', async () => ({ value: faults.list() }));
  app.delete('/emulator/faults/graph', async (_req, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
}

function stringOrNull(v: unknown, field: string, maxLength: number): string | null {
  if (v === null || (typeof v === 'string' && v.length <= maxLength)) return v;
  throw new PrintsimError('badRequest', `${field} must be a string of at most ${maxLength} characters, or null; got ${describe(v)}.`, { fields: [field] });
}
