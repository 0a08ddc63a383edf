import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PrintsimError } from '../../model/errors.js';
import { JOB_STATE_TABLE } from '../../core/job-machine.js';
import type { JobLeaf, JobRecord } from '../../model/records.js';
import type { JobListQuery } from '../../model/job-queries.js';
import { parseConfiguration } from '../../core/validate-configuration.js';
import { authorize, isAuthorized, type Operation } from '../auth/permissions.js';
import type { Principal } from '../../auth/tokens.js';
import { objectBody, onlyKeys, stringProp } from '../../http/json-body.js';
import { principalOf, requestUrl, viewOf, type GraphDeps } from '../graph-context.js';
import { applySelect, DEFAULT_PAGE_SIZE, keysetNextLink, parseQuery, type FilterClause } from '../odata.js';
import { contextUrl, jobJson, type GraphVersion } from '../serialize.js';

const JOB_PROPS = [
  'id', 'createdDateTime', 'createdBy', 'status', 'configuration', 'isFetchable', 'redirectedFrom', 'redirectedTo', 'errorCode',
  'acknowledgedDateTime', 'displayName', 'completedDateTime', 'documents', 'tasks',
];

/** The printer or share a job path goes through. */
interface JobParent {
  printerId: string;
  shareId: string | null;
  /** OData context prefix, e.g. print/printers('id'). */
  context: string;
}

export function resolveParent(deps: GraphDeps, req: FastifyRequest): JobParent {
  const params = req.params as { printerId?: string; shareId?: string };
  if (params.shareId !== undefined) {
    const share = deps.service.getShare(params.shareId);
    return { printerId: share.printerId, shareId: share.id, context: `print/shares('${share.id}')` };
  }
  const rt = deps.service.runtime(params.printerId!);
  return { printerId: rt.id, shareId: null, context: `print/printers('${rt.id}')` };
}

/** Loads a job of the parent and checks the caller may act on it. */
export function jobFor(deps: GraphDeps, req: FastifyRequest, op: Operation): { job: JobRecord; parent: JobParent; principal: Principal } {
  const principal = principalOf(req, deps);
  const parent = resolveParent(deps, req);
  const viaShare = parent.shareId !== null;
  authorize(principal, op, { viaShare });
  const { jobId } = req.params as { jobId: string };
  const job = deps.service.getJob(jobId, parent.printerId);
  authorize(principal, op, { viaShare, jobOwnerUpn: job.createdBy.userPrincipalName });
  return { job, parent, principal };
}

/** The leaves whose Graph status/state is `state`. */
function leavesOf(state: string): JobLeaf[] {
  return (Object.keys(JOB_STATE_TABLE) as JobLeaf[]).filter((leaf) => JOB_STATE_TABLE[leaf].state === state);
}

/**
 * The store query of a job list: the caller's visibility (a user without the
 * .All scope and the Printer Administrator role sees their own jobs only) and
 * the $filter clauses, all answered by indexed columns. Null: nothing can match.
 */
function listQuery(principal: Principal, viaShare: boolean, printerId: string, clauses: FilterClause[]): JobListQuery | null {
  const q: JobListQuery = { printerId };
  let upn: string | undefined;
  if (!isAuthorized(principal, 'jobs.get', { viaShare, jobOwnerUpn: null })) {
    if (principal.kind !== 'user' || !isAuthorized(principal, 'jobs.get', { viaShare, jobOwnerUpn: principal.upn })) return null;
    upn = principal.upn.toLowerCase();
  }
  for (const c of clauses) {
    switch (c.field) {
      case 'createdBy/userPrincipalName': {
        const v = c.value.toLowerCase();
        if (upn !== undefined && upn !== v) return null;
        upn = v;
        break;
      }
      case 'status/state': {
        const leaves = leavesOf(c.value);
        q.leaves = q.leaves === undefined ? leaves : q.leaves.filter((l) => leaves.includes(l as JobLeaf));
        break;
      }
      case 'isFetchable':
        if (q.isFetchable !== undefined && q.isFetchable !== c.value) return null;
        q.isFetchable = c.value;
        break;
    }
  }
  if (upn !== undefined) q.ownerUpn = upn;
  return q;
}

// Graph printJob: create, list, get, update, start, cancel, abort, redirect
// (api/printer-post-jobs.md, printershare-post-jobs.md, printer-list-jobs.md, printjob-*.md).
export function jobRoutes(app: FastifyInstance, deps: GraphDeps, version: GraphVersion): void {
  const { service } = deps;

  for (const base of ['/print/printers/:printerId', '/print/shares/:shareId']) {
    const viaShare = base.startsWith('/print/shares');

    app.post(`${base}/jobs`, async (req, reply) => {
      const principal = principalOf(req, deps);
      authorize(principal, viaShare ? 'shares.jobs.create' : 'printers.jobs.create', { viaShare });
      if (principal.kind !== 'user') throw new PrintsimError('accessDenied', 'Print jobs are created by users (delegated permissions).');
      const parent = resolveParent(deps, req);
      if (parent.shareId !== null) {
        const share = service.getShare(parent.shareId);
        if (!share.allowAllUsers && !principal.isPrinterAdmin) {
          throw new PrintsimError('accessDenied', `Printer share '${share.displayName}' does not allow all users (allowAllUsers is false) and the caller is not on it.`);
        }
      }
      const body = objectBody(req);
      onlyKeys(body, ['configuration', 'displayName'], 'a print job');
      const configuration = parseConfiguration(body.configuration ?? {});
      // It is IPP job-name, a name(MAX) (RFC 8011 §5.3.5).
      const displayName = stringProp(body, 'displayName', { maxLength: 255 }) ?? null;
      const job = service.createJob({
        printerId: parent.printerId,
        shareId: parent.shareId,
        configuration,
        displayName,
        door: 'graph',
        createdBy: { id: principal.id, displayName: principal.displayName, ipAddress: req.ip, userPrincipalName: principal.upn },
      });
      const v = viewOf(req, version);
      reply.code(201);
      return { '@odata.context': contextUrl(v, `${parent.context}/jobs/$entity`), ...jobJson(v, service, job, { documents: true }) };
    });

    app.get(`${base}/jobs`, async (req) => {
      const principal = principalOf(req, deps);
      authorize(principal, 'jobs.list', { viaShare });
      const parent = resolveParent(deps, req);
      const q = parseQuery(req.query as Record<string, unknown>, {
        allowed: ['$top', '$skip', '$skiptoken', '$select', '$expand', '$filter'],
        expandable: ['documents', 'tasks'],
        selectable: JOB_PROPS,
        filterable: ['createdBy/userPrincipalName', 'status/state', 'isFetchable'],
        keyset: true,
      });
      const v = viewOf(req, version);
      // One keyset page, creation order: the cursor in $skiptoken is the last job's sequence number.
      const size = q.top ?? DEFAULT_PAGE_SIZE;
      const where = listQuery(principal, viaShare, parent.printerId, q.filter);
      const rows =
        where === null
          ? []
          : service.queryJobs({ ...where, ...(q.after === null ? {} : { afterSeq: q.after }), order: 'seq', offset: q.skip, limit: size + 1 });
      const items = rows.slice(0, size);
      const nextLink = rows.length > size ? keysetNextLink(requestUrl(req), q, size, items[items.length - 1]!.seq) : null;
      return {
        '@odata.context': contextUrl(v, `${parent.context}/jobs`),
        ...(nextLink === null ? {} : { '@odata.nextLink': nextLink }),
        value: items.map((j) =>
          applySelect(jobJson(v, service, j, { documents: q.expand.includes('documents'), tasks: q.expand.includes('tasks') }), q.select),
        ),
      };
    });

    app.get(`${base}/jobs/:jobId`, async (req) => {
      const { job, parent } = jobFor(deps, req, 'jobs.get');
      const q = parseQuery(req.query as Record<string, unknown>, { allowed: ['$select', '$expand'], expandable: ['documents', 'tasks'], selectable: JOB_PROPS });
      const v = viewOf(req, version);
      const json = jobJson(v, service, job, { documents: q.expand.includes('documents'), tasks: q.expand.includes('tasks') });
      const ctx = q.expand.length > 0 ? `${parent.context}/jobs(${q.expand.map((e) => `${e}()`).join(',')})/$entity` : `${parent.context}/jobs/$entity`;
      return { '@odata.context': contextUrl(v, ctx), ...applySelect(json, q.select) };
    });

    // printJob: start. Documented on shares; the CSDL binds it to printJob, so both paths work.
    app.post(`${base}/jobs/:jobId/start`, async (req) => {
      const { job } = jobFor(deps, req, 'jobs.start');
      service.startJob(job.id);
      const v = viewOf(req, version);
      return { '@odata.context': contextUrl(v, 'microsoft.graph.printJobStatus'), ...service.jobStatus(job) };
    });

    app.post(`${base}/jobs/:jobId/cancel`, async (req, reply) => {
      const { job } = jobFor(deps, req, 'jobs.cancel');
      service.cancelJob(job.id);
      reply.code(204);
      return reply.send();
    });

    app.post(`${base}/jobs/:jobId/abort`, async (req, reply) => {
      const { job, principal } = jobFor(deps, req, 'jobs.abort');
      service.assertAppControlsJob(job, appIdOf(principal), 'abort');
      const body = objectBody(req, true);
      onlyKeys(body, ['reason'], 'an abort request');
      service.abortJob(job.id, undefined, stringProp(body, 'reason', { maxLength: 1023 }) ?? null);
      reply.code(204);
      return reply.send();
    });

    app.patch(`${base}/jobs/:jobId`, async (req) => {
      const { job, parent, principal } = jobFor(deps, req, 'jobs.update');
      service.assertAppControlsJob(job, appIdOf(principal), 'update');
      const body = objectBody(req);
      onlyKeys(body, ['configuration'], 'a print job (only configuration can be updated)');
      const patch = parseConfiguration(body.configuration ?? {});
      service.updateJobConfiguration(job.id, undefined, patch);
      const v = viewOf(req, version);
      return { '@odata.context': contextUrl(v, `${parent.context}/jobs/$entity`), ...jobJson(v, service, job) };
    });

    app.post(`${base}/jobs/:jobId/redirect`, async (req) => {
      const { job, principal } = jobFor(deps, req, 'jobs.redirect');
      service.assertAppControlsJob(job, appIdOf(principal), 'redirect');
      const body = objectBody(req);
      onlyKeys(body, ['destinationPrinterId', 'configuration'], 'a redirect request');
      const destinationPrinterId = stringProp(body, 'destinationPrinterId', { required: true, maxLength: 64 })!;
      const configuration = body.configuration === undefined || body.configuration === null ? null : parseConfiguration(body.configuration);
      const target = await service.redirectJob(job.id, undefined, destinationPrinterId, configuration);
      const v = viewOf(req, version);
      return { '@odata.context': contextUrl(v, `print/printers('${target.printerId}')/jobs/$entity`), ...jobJson(v, service, target) };
    });
  }
}

function appIdOf(p: Principal): string {
  if (p.kind !== 'app') throw new PrintsimError('accessDenied', 'This operation needs an application token.');
  return p.appId;
}
