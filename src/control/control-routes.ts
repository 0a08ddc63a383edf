import type { FastifyInstance } from 'fastify';
import { SimulatedClock } from '../core/clock.js';
import { PrintsimError } from '../model/errors.js';
import type { PrintService } from '../core/print-service.js';
import { describe, objectBody, onlyKeys } from '../http/json-body.js';
import { parsePrinterStatus } from '../http/printer-status-body.js';
import type { SigningKey } from '../auth/signing-key.js';
import { consoleAccess } from '../http/local-access.js';

/** The most one clock advance may move the simulated clock: ten years. */
const MAX_ADVANCE_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * Routes Graph does not have, for tests and the console: rendered output and
 * manifest of a job, the simulated clock, and printer faults (Graph faults are
 * the Graph door's, graph/faults/). On loopback they
 * take no token.
 */
export function controlRoutes(app: FastifyInstance, service: PrintService, signingKey: SigningKey): void {
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
    onlyKeys(body, ['ms'], 'a clock advance');
    const ms = body.ms;
    // Beyond a few centuries the simulated time is no longer a date (ECMA-262 §21.4.1.1).
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
      throw new PrintsimError('badRequest', `Property 'ms' must be a number of milliseconds from 0 to ${MAX_ADVANCE_MS} (ten years), got ${describe(ms)}.`, { fields: ['ms'] });
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
}
