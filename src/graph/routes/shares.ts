import type { FastifyInstance } from 'fastify';
import { PrintsimError } from '../../model/errors.js';
import { authorize } from '../auth/permissions.js';
import { bindId, boolProp, objectBody, onlyKeys, stringProp } from '../../http/json-body.js';
import { principalOf, requestUrl, viewOf, type GraphDeps } from '../graph-context.js';
import { applySelect, page, parseQuery } from '../odata.js';
import { contextUrl, printerJson, shareJson, type GraphVersion } from '../serialize.js';

const SHARE_PROPS = [
  'id', 'displayName', 'manufacturer', 'model', 'isAcceptingJobs', 'allowAllUsers', 'createdDateTime', 'status', 'location',
  'defaults', 'capabilities',
];

// Graph printerShare: list, create, get, update, delete (api/print-list-shares.md, print-post-shares.md, printershare-*.md).
export function shareRoutes(app: FastifyInstance, deps: GraphDeps, version: GraphVersion): void {
  const { service } = deps;

  app.get('/print/shares', async (req) => {
    authorize(principalOf(req, deps), 'shares.list');
    const q = parseQuery(req.query as Record<string, unknown>, {
      allowed: ['$top', '$skip', '$skiptoken', '$select', '$expand', '$filter'],
      expandable: ['printer'],
      selectable: SHARE_PROPS,
      filterable: [],
    });
    const v = viewOf(req, version);
    const { items, nextLink } = page(service.listShares(), q, requestUrl(req));
    const caps = q.select?.includes('capabilities') ?? false;
    return {
      '@odata.context': contextUrl(v, 'print/shares'),
      ...(nextLink === null ? {} : { '@odata.nextLink': nextLink }),
      value: items.map((s) => {
        const json = applySelect(shareJson(v, service, s, { defaults: false, capabilities: caps }), q.select);
        if (q.expand.includes('printer')) {
          json.printer = printerJson(v, service, service.runtime(s.printerId), { defaults: false, capabilities: false });
        }
        return json;
      }),
    };
  });

  app.post('/print/shares', async (req, reply) => {
    authorize(principalOf(req, deps), 'shares.create');
    const body = objectBody(req);
    onlyKeys(body, ['printer@odata.bind', 'displayName', 'allowAllUsers'], 'a printer share');
    const printerId = bindId(body['printer@odata.bind'], 'printers', 'printer@odata.bind');
    service.runtime(printerId);
    const displayName = stringProp(body, 'displayName', { required: true, maxLength: 50 })!;
    const share = service.createShare({ printerId, displayName, allowAllUsers: boolProp(body, 'allowAllUsers') ?? false });
    const v = viewOf(req, version);
    reply.code(201);
    return { '@odata.context': contextUrl(v, 'print/shares/$entity'), ...shareJson(v, service, share, { defaults: true, capabilities: false }) };
  });

  const getOne = (withPrinter: boolean) => async (req: import('fastify').FastifyRequest) => {
    const params = req.params as { shareId: string; printerId?: string };
    authorize(principalOf(req, deps), 'shares.get');
    const q = parseQuery(req.query as Record<string, unknown>, { allowed: ['$select', '$expand'], expandable: ['printer'], selectable: SHARE_PROPS });
    const share = service.getShare(params.shareId);
    if (withPrinter && params.printerId !== share.printerId) {
      throw new PrintsimError('notFound', `Printer share '${share.id}' does not belong to printer '${params.printerId}'.`);
    }
    const v = viewOf(req, version);
    const json = applySelect(shareJson(v, service, share, { defaults: true, capabilities: q.select?.includes('capabilities') ?? false }), q.select);
    if (q.expand.includes('printer')) json.printer = printerJson(v, service, service.runtime(share.printerId), { defaults: false, capabilities: false });
    return { '@odata.context': contextUrl(v, 'print/shares/$entity'), ...json };
  };
  app.get('/print/shares/:shareId', getOne(false));
  app.get('/print/printers/:printerId/shares/:shareId', getOne(true));

  app.get('/print/shares/:shareId/printer', async (req) => {
    const { shareId } = req.params as { shareId: string };
    authorize(principalOf(req, deps), 'shares.get');
    const share = service.getShare(shareId);
    const v = viewOf(req, version);
    return {
      '@odata.context': contextUrl(v, 'print/printers/$entity'),
      ...printerJson(v, service, service.runtime(share.printerId), { defaults: true, capabilities: false }),
    };
  });

  app.patch('/print/shares/:shareId', async (req) => {
    const { shareId } = req.params as { shareId: string };
    authorize(principalOf(req, deps), 'shares.update');
    service.getShare(shareId);
    const body = objectBody(req);
    onlyKeys(body, ['printer@odata.bind', 'displayName', 'allowAllUsers'], 'a printer share');
    const patch: { printerId?: string; displayName?: string; allowAllUsers?: boolean } = {};
    if (body['printer@odata.bind'] !== undefined) patch.printerId = bindId(body['printer@odata.bind'], 'printers', 'printer@odata.bind');
    if (body.displayName === null) throw new PrintsimError('badRequest', "Property 'displayName' cannot be null: a share has a name.", { fields: ['displayName'] });
    const displayName = stringProp(body, 'displayName', { nonEmpty: true, maxLength: 50 });
    if (displayName !== undefined) patch.displayName = displayName;
    const allow = boolProp(body, 'allowAllUsers');
    if (allow !== undefined) patch.allowAllUsers = allow;
    const share = service.updateShare(shareId, patch);
    const v = viewOf(req, version);
    return { '@odata.context': contextUrl(v, 'print/shares/$entity'), ...shareJson(v, service, share, { defaults: true, capabilities: false }) };
  });

  app.delete('/print/shares/:shareId', async (req, reply) => {
    const { shareId } = req.params as { shareId: string };
    authorize(principalOf(req, deps), 'shares.delete');
    service.deleteShare(shareId);
    reply.code(204);
    return reply.send();
  });
}
