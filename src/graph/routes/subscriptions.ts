import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PrintsimError } from '../../model/errors.js';
import { authorize, type Operation } from '../auth/permissions.js';
import { ChangeNotifications, parseResource, type GraphSubscription } from '../change-notifications.js';
import { boolProp, enumProp, objectBody, onlyKeys, stringProp } from '../../http/json-body.js';
import { principalOf, viewOf, type GraphDeps } from '../graph-context.js';
import { parseQuery } from '../odata.js';
import { contextUrl, type GraphVersion } from '../serialize.js';

// Change notification subscriptions on the two print resources that have them
// (api/subscription-post-subscriptions.md, subscription-list.md, -get.md,
// -update.md, -delete.md; concepts/universal-print-webhook-notifications.md).
// Application permissions only, as the Permissions table says for printer and
// printTaskDefinition; an application sees and changes only its own.

const CREATE_KEYS = [
  'changeType', 'notificationUrl', 'resource', 'expirationDateTime', 'clientState', 'notificationQueryOptions',
  'lifecycleNotificationUrl', 'latestSupportedTlsVersion', 'includeResourceData',
];
const TLS_VERSIONS = ['v1_0', 'v1_1', 'v1_2', 'v1_3'] as const;
/** subscription.clientState: at most 128 characters (resources/subscription.md). */
const CLIENT_STATE_MAX = 128;
const URL_MAX = 2048;

export function subscriptionRoutes(app: FastifyInstance, deps: GraphDeps, version: GraphVersion, notifications: ChangeNotifications): void {
  const { service } = deps;

  /** The calling application: print subscriptions take no user token. */
  const appCaller = (req: FastifyRequest) => {
    const p = principalOf(req, deps);
    if (p.kind !== 'app') throw new PrintsimError('accessDenied', 'Change notification subscriptions on print resources need an application token.');
    return p;
  };

  /** The calling application, authorized for the subscribed resource's kind. */
  const callerFor = (req: FastifyRequest, resource: string) => {
    const op: Operation = parseResource(resource)?.kind === 'printerJobs' ? 'subscriptions.printerJobs' : 'subscriptions.taskDefinitionTasks';
    authorize(principalOf(req, deps), op);
    return appCaller(req);
  };

  const json = (req: FastifyRequest, s: GraphSubscription) => ({
    '@odata.context': contextUrl(viewOf(req, version), 'subscriptions/$entity'),
    ...body(s),
  });

  app.post('/subscriptions', async (req, reply) => {
    const b = objectBody(req);
    onlyKeys(b, CREATE_KEYS, 'a subscription');
    const resource = stringProp(b, 'resource', { required: true })!;
    const parsed = parseResource(resource);
    if (parsed === undefined) {
      throw new PrintsimError(
        'badRequest',
        `Resource '${resource}' does not support change notifications here: subscribe to 'print/printers/{id}/jobs' (job fetchable) or 'print/taskDefinitions/{id}/tasks' (printTask triggered).`,
        { fields: ['resource'] },
      );
    }
    const p = callerFor(req, resource);
    // The resource must exist, and a task definition must be the caller's (as GET taskDefinition).
    if (parsed.kind === 'printerJobs') service.runtime(parsed.printerId);
    else if (service.getTaskDefinition(parsed.definitionId).createdBy.appId !== p.appId) {
      throw new PrintsimError('notFound', `Task definition '${parsed.definitionId}' was not found.`);
    }
    const changeType = stringProp(b, 'changeType', { required: true })!;
    const wanted = parsed.kind === 'printerJobs' ? 'updated' : 'created';
    if (changeType !== wanted) {
      throw new PrintsimError('badRequest', `changeType must be '${wanted}' for ${parsed.kind === 'printerJobs' ? 'printer jobs' : 'printTasks'}, not '${changeType}'.`, { fields: ['changeType'] });
    }
    const options = stringProp(b, 'notificationQueryOptions') ?? null;
    ChangeNotifications.checkQueryOptions(parsed, options);
    if (boolProp(b, 'includeResourceData') === true) {
      throw new PrintsimError('badRequest', 'Print resources send no resource data in notifications: includeResourceData must be false.', { fields: ['includeResourceData'] });
    }
    const tls = enumProp(b, 'latestSupportedTlsVersion', 'TLS version', TLS_VERSIONS);
    const s = await notifications.create({
      resource,
      changeType,
      clientState: stringProp(b, 'clientState', { maxLength: CLIENT_STATE_MAX }) ?? null,
      notificationUrl: webUrl(stringProp(b, 'notificationUrl', { required: true, maxLength: URL_MAX })!, 'notificationUrl'),
      notificationQueryOptions: options,
      lifecycleNotificationUrl: ((u) => (u === undefined ? null : webUrl(u, 'lifecycleNotificationUrl')))(stringProp(b, 'lifecycleNotificationUrl', { maxLength: URL_MAX })),
      expirationDateTime: stringProp(b, 'expirationDateTime', { required: true, maxLength: 64 })!,
      applicationId: p.appId,
      creatorId: p.id,
      ...(tls === undefined ? {} : { latestSupportedTlsVersion: tls }),
    });
    return reply.code(201).send(json(req, s));
  });

  app.get('/subscriptions', async (req) => {
    const p = appCaller(req);
    parseQuery(req.query as Record<string, unknown>, { allowed: [] });
    return { '@odata.context': contextUrl(viewOf(req, version), 'subscriptions'), value: notifications.list(p.appId).map(body) };
  });

  const own = (req: FastifyRequest) => {
    const { subscriptionId } = req.params as { subscriptionId: string };
    const p = appCaller(req);
    const s = notifications.get(p.appId, subscriptionId);
    callerFor(req, s.resource);
    return { p, s };
  };

  app.get('/subscriptions/:subscriptionId', async (req) => json(req, own(req).s));

  // Renewal (subscription-update.md): a new expirationDateTime, at most 4230 minutes ahead.
  app.patch('/subscriptions/:subscriptionId', async (req) => {
    const { p, s } = own(req);
    const b = objectBody(req);
    onlyKeys(b, ['expirationDateTime'], 'a subscription update');
    return json(req, notifications.renew(p.appId, s.id, stringProp(b, 'expirationDateTime', { required: true, maxLength: 64 })!));
  });

  app.delete('/subscriptions/:subscriptionId', async (req, reply) => {
    const { p, s } = own(req);
    notifications.delete(p.appId, s.id);
    return reply.code(204).send();
  });
}

function body(s: GraphSubscription): Record<string, unknown> {
  return {
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: s.notificationQueryOptions,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: s.expirationDateTime,
    creatorId: s.creatorId,
    includeResourceData: null,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

/**
 * An http(s) URL. Graph itself requires https; printsim also takes http, so
 * that a receiver on the test machine (http://127.0.0.1:PORT/...) can listen.
 */
function webUrl(value: string, field: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new PrintsimError('badRequest', `${field} ${JSON.stringify(value)} is not an absolute URL.`, { fields: [field] });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new PrintsimError('badRequest', `${field} must be an https (or, for a local receiver, http) URL, not ${u.protocol}.`, { fields: [field] });
  }
  return value;
}
