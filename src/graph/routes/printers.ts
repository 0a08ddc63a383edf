import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PrintsimError } from '../../model/errors.js';
import type { PrinterCapabilities, PrinterDefaults } from '../../model/print-types.js';
import { validatePrinterDefinition } from '../../core/printer-definitions.js';
import type { PrinterStateRecord } from '../../model/records.js';
import { authorize } from '../auth/permissions.js';
import { assertBounded, boolProp, objectBody, objectProp, onlyKeys, stringProp, withoutAnnotations } from '../../http/json-body.js';
import { parsePrinterStatus } from '../../http/printer-status-body.js';
import { principalOf, requestUrl, viewOf, type GraphDeps } from '../graph-context.js';
import { parsePrinterLocation, PRINTER_TEXT_MAX } from '../../http/printer-location-body.js';
import { applySelect, page, parseQuery } from '../odata.js';
import { contextUrl, printerJson, shareJson, type GraphVersion } from '../serialize.js';

const PRINTER_PROPS = [
  'id', 'displayName', 'manufacturer', 'model', 'registeredDateTime', 'isShared', 'hasPhysicalDevice', 'isAcceptingJobs',
  'lastSeenDateTime', 'status', 'location', 'defaults', 'capabilities',
];

// Graph printer: list, get, update, getCapabilities (beta), restoreFactoryDefaults
// (api/print-list-printers.md, printer-get.md, printer-update.md,
// printer-getcapabilities.md, printer-restorefactorydefaults.md).
export function printerRoutes(app: FastifyInstance, deps: GraphDeps, version: GraphVersion): void {
  const { service } = deps;

  app.get('/print/printers', async (req) => {
    authorize(principalOf(req, deps), 'printers.list');
    const q = parseQuery(req.query as Record<string, unknown>, {
      allowed: ['$top', '$skip', '$skiptoken', '$select', '$expand'],
      expandable: ['share', 'shares'],
      selectable: PRINTER_PROPS,
    });
    const v = viewOf(req, version);
    const all = service.printerIds().map((id) => service.runtime(id));
    const { items, nextLink } = page(all, q, requestUrl(req));
    const selCaps = q.select?.includes('capabilities') ?? false;
    const selDefaults = q.select?.includes('defaults') ?? false;
    return {
      '@odata.context': contextUrl(v, q.select === null ? 'print/printers' : `print/printers(${q.select.join(',')})`),
      ...(nextLink === null ? {} : { '@odata.nextLink': nextLink }),
      value: items.map((rt) => {
        const json = applySelect(printerJson(v, service, rt, { defaults: selDefaults, capabilities: selCaps }), q.select);
        return withShares(json, q.expand, rt.id);
      }),
    };
  });

  app.get('/print/printers/:printerId', async (req) => {
    const { printerId } = req.params as { printerId: string };
    authorize(principalOf(req, deps), 'printers.get');
    const q = parseQuery(req.query as Record<string, unknown>, {
      allowed: ['$select', '$expand'],
      expandable: ['share', 'shares'],
      selectable: PRINTER_PROPS,
    });
    const rt = service.runtime(printerId);
    const v = viewOf(req, version);
    const json = printerJson(v, service, rt, { defaults: true, capabilities: q.select?.includes('capabilities') ?? false });
    return {
      '@odata.context': contextUrl(v, q.select === null ? 'print/printers/$entity' : `print/printers(${q.select.join(',')})/$entity`),
      ...withShares(applySelect(json, q.select), q.expand, rt.id),
    };
  });

  app.get('/print/printers/:printerId/shares', async (req) => {
    const { printerId } = req.params as { printerId: string };
    authorize(principalOf(req, deps), 'printers.shares.list');
    parseQuery(req.query as Record<string, unknown>, { allowed: [] });
    service.runtime(printerId);
    const v = viewOf(req, version);
    return {
      '@odata.context': contextUrl(v, `print/printers('${printerId}')/shares`),
      value: service
        .listShares()
        .filter((s) => s.printerId === printerId)
        .map((s) => shareJson(v, service, s, { defaults: false, capabilities: false })),
    };
  });

  // Delegated admins change defaults, location and displayName; the printer's registering
  // application also reports status, capabilities and isAcceptingJobs (printer-update.md).
  app.patch('/print/printers/:printerId', async (req) => {
    const { printerId } = req.params as { printerId: string };
    const p = principalOf(req, deps);
    authorize(p, 'printers.update');
    const rt = service.runtime(printerId);
    const body = objectBody(req);
    if (p.kind === 'user') {
      onlyKeys(body, ['defaults', 'location', 'displayName'], 'a printer with delegated permissions');
    } else {
      if (p.appId !== service.printerAppId) {
        throw new PrintsimError(
          'accessDenied',
          `Only the application that registered this printer (${service.printerAppId}) may update it with application permissions; the caller is ${p.appId}.`,
        );
      }
      onlyKeys(body, ['defaults', 'capabilities', 'displayName', 'manufacturer', 'model', 'status', 'isAcceptingJobs'], 'a printer');
    }
    const patch: Partial<Omit<PrinterStateRecord, 'id' | 'registeredDateTime' | 'warm'>> = {};
    // displayName, manufacturer and model are IPP printer-info and printer-make-and-model, text(127) (RFC 8011 §5.4.6, §5.4.9).
    const displayName = stringProp(body, 'displayName', { nonEmpty: true, maxLength: PRINTER_TEXT_MAX });
    if (body.displayName === null) throw new PrintsimError('badRequest', "Property 'displayName' cannot be null: a printer has a name.", { fields: ['displayName'] });
    if (displayName !== undefined) patch.displayName = displayName;
    const manufacturer = stringProp(body, 'manufacturer', { maxLength: PRINTER_TEXT_MAX });
    if (manufacturer !== undefined) patch.manufacturer = manufacturer;
    const model = stringProp(body, 'model', { maxLength: PRINTER_TEXT_MAX });
    if (model !== undefined) patch.model = model;
    const accepting = boolProp(body, 'isAcceptingJobs');
    if (accepting !== undefined) patch.isAcceptingJobs = accepting;
    if ('location' in body) patch.location = parsePrinterLocation(body.location);
    const rawDefaults = objectProp(body, 'defaults', { type: 'printerDefaults', nullable: false });
    const rawCapabilities = objectProp(body, 'capabilities', { type: 'printerCapabilities', nullable: false });
    if (rawDefaults != null || rawCapabilities != null) {
      if (rawDefaults != null) assertBounded(rawDefaults, 'defaults', { maxLength: PRINTER_TEXT_MAX });
      if (rawCapabilities != null) assertBounded(rawCapabilities, 'capabilities', { maxLength: PRINTER_TEXT_MAX });
      const current = rt.effectiveDefinition();
      const defaults = rawDefaults == null ? current.defaults : { ...current.defaults, ...withoutAnnotations(rawDefaults) };
      const capabilities = rawCapabilities == null ? current.capabilities : { ...current.capabilities, ...withoutAnnotations(rawCapabilities) };
      // The same checks as a definition file: types, enum members, defaults within capabilities.
      const checked = validatePrinterDefinition({ ...current, defaults, capabilities }, 'request body');
      if (rawDefaults != null) patch.defaults = checked.defaults as PrinterDefaults;
      if (rawCapabilities != null) patch.capabilities = checked.capabilities as PrinterCapabilities;
    }
    if (body.status !== undefined) patch.reportedStatus = parsePrinterStatus(body.status);
    service.updatePrinter(printerId, patch);
    const v = viewOf(req, version);
    return { '@odata.context': contextUrl(v, 'print/printers/$entity'), ...printerJson(v, service, rt, { defaults: true, capabilities: false }) };
  });

  // beta only: the printer's capabilities, without $select (printer-getcapabilities.md).
  if (version === 'beta') {
    app.get('/print/printers/:printerId/getCapabilities', async (req) => {
      const { printerId } = req.params as { printerId: string };
      authorize(principalOf(req, deps), 'printers.getCapabilities');
      parseQuery(req.query as Record<string, unknown>, { allowed: [] });
      const rt = service.runtime(printerId);
      return { '@odata.context': contextUrl(viewOf(req, version), 'microsoft.graph.printerCapabilities'), ...rt.effectiveDefinition().capabilities };
    });
  }

  // Defaults go back to the printer definition's; everything else stays (204, no body).
  app.post('/print/printers/:printerId/restoreFactoryDefaults', async (req, reply) => {
    const { printerId } = req.params as { printerId: string };
    authorize(principalOf(req, deps), 'printers.restoreFactoryDefaults');
    const rt = service.runtime(printerId);
    if (rt.state.defaults !== undefined) {
      // Capabilities the printer application reported since may no longer admit them.
      validatePrinterDefinition({ ...rt.effectiveDefinition(), defaults: rt.definition.defaults }, 'the factory defaults');
      service.updatePrinter(printerId, { defaults: undefined });
    }
    return reply.code(204).send();
  });

  function withShares(json: Record<string, unknown>, expand: string[], printerId: string): Record<string, unknown> {
    if (expand.length === 0) return json;
    const shares = service.listShares().filter((s) => s.printerId === printerId);
    const v = { origin: '', version };
    const out = { ...json };
    if (expand.includes('shares')) out.shares = shares.map((s) => shareJson(v, service, s, { defaults: false, capabilities: false }));
    if (expand.includes('share')) out.share = shares[0] === undefined ? null : shareJson(v, service, shares[0], { defaults: false, capabilities: false });
    return out;
  }
}

export type PrinterRequest = FastifyRequest<{ Params: { printerId: string } }>;
