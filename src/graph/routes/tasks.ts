import type { FastifyInstance } from 'fastify';
import { PrintsimError } from '../../model/errors.js';
import { TASK_PROCESSING_STATES } from '../../model/print-types.js';
import { authorize } from '../auth/permissions.js';
import { bindId, enumProp, objectBody, objectProp, onlyKeys, stringProp } from '../../http/json-body.js';
import { principalOf, viewOf, type GraphDeps } from '../graph-context.js';
import { parseQuery, type QueryOption } from '../odata.js';
import { contextUrl, taskDefinitionJson, taskJson, triggerJson, type GraphVersion } from '../serialize.js';

// Task definitions, tasks and triggers for pull printing (api/print-*-taskdefinition*.md,
// printtaskdefinition-*.md, printtask-get.md, printer-*-tasktrigger*.md). These lists
// reject $count, $format, $search, $select, $skip and $top.
const NO_OPTIONS: QueryOption[] = [];

/** Names printsim keeps of a definition and its creator. */
const NAME_MAX = 255;
/** printTaskStatus.description; shown as the job's state message, an IPP text(MAX) (RFC 8011 §5.1.2). */
const DESCRIPTION_MAX = 1023;
const APP_IDENTITY_KEYS = ['appId', 'displayName', 'servicePrincipalId', 'servicePrincipalName'];

export function taskRoutes(app: FastifyInstance, deps: GraphDeps, version: GraphVersion): void {
  const { service } = deps;

  const appOf = (req: import('fastify').FastifyRequest, op: Parameters<typeof authorize>[1]) => {
    const p = principalOf(req, deps);
    authorize(p, op);
    if (p.kind !== 'app') throw new PrintsimError('accessDenied', `${op} needs an application token.`);
    return p;
  };

  /** A definition belongs to the application that created it; others see 404. */
  const ownDefinition = (appId: string, id: string) => {
    const d = service.getTaskDefinition(id);
    if (d.createdBy.appId !== appId) throw new PrintsimError('notFound', `Task definition '${id}' was not found.`);
    return d;
  };

  app.post('/print/taskDefinitions', async (req, reply) => {
    const p = appOf(req, 'taskDefinitions.create');
    const body = objectBody(req);
    onlyKeys(body, ['displayName', 'createdBy'], 'a task definition');
    const displayName = stringProp(body, 'displayName', { required: true, maxLength: NAME_MAX })!;
    // createdBy is a non-nullable appIdentity; the service sets everything in it but displayName.
    const createdBy = objectProp(body, 'createdBy', { type: 'appIdentity', nullable: false }) ?? {};
    onlyKeys(createdBy, APP_IDENTITY_KEYS, 'an appIdentity', 'createdBy');
    for (const k of APP_IDENTITY_KEYS) stringProp(createdBy, k, { at: 'createdBy', maxLength: NAME_MAX });
    const d = service.createTaskDefinition(displayName, {
      appId: p.appId,
      displayName: stringProp(createdBy, 'displayName', { at: 'createdBy', maxLength: NAME_MAX }) ?? p.displayName,
      servicePrincipalId: p.id,
      servicePrincipalName: p.displayName,
    });
    reply.code(201);
    return { '@odata.context': contextUrl(viewOf(req, version), 'print/taskDefinitions/$entity'), ...taskDefinitionJson(d) };
  });

  app.get('/print/taskDefinitions', async (req) => {
    const p = appOf(req, 'taskDefinitions.list');
    parseQuery(req.query as Record<string, unknown>, { allowed: NO_OPTIONS });
    return {
      '@odata.context': contextUrl(viewOf(req, version), 'print/taskDefinitions'),
      value: service.listTaskDefinitions(p.appId).map(taskDefinitionJson),
    };
  });

  app.get('/print/taskDefinitions/:definitionId', async (req) => {
    const p = appOf(req, 'taskDefinitions.get');
    const { definitionId } = req.params as { definitionId: string };
    return { '@odata.context': contextUrl(viewOf(req, version), 'print/taskDefinitions/$entity'), ...taskDefinitionJson(ownDefinition(p.appId, definitionId)) };
  });

  app.patch('/print/taskDefinitions/:definitionId', async (req) => {
    const p = appOf(req, 'taskDefinitions.update');
    const { definitionId } = req.params as { definitionId: string };
    ownDefinition(p.appId, definitionId);
    const body = objectBody(req);
    onlyKeys(body, ['displayName', 'createdBy'], 'a task definition');
    const patch: { displayName?: string; createdByDisplayName?: string } = {};
    if (body.displayName === null) throw new PrintsimError('badRequest', "Property 'displayName' cannot be null.", { fields: ['displayName'] });
    const displayName = stringProp(body, 'displayName', { nonEmpty: true, maxLength: NAME_MAX });
    if (displayName !== undefined) patch.displayName = displayName;
    const cb = objectProp(body, 'createdBy', { type: 'appIdentity', nullable: false });
    if (cb != null) {
      onlyKeys(cb, ['displayName'], 'createdBy (only createdBy.displayName can change)', 'createdBy');
      const name = stringProp(cb, 'displayName', { at: 'createdBy', maxLength: NAME_MAX });
      if (name !== undefined) patch.createdByDisplayName = name;
    }
    const d = service.updateTaskDefinition(definitionId, patch);
    return { '@odata.context': contextUrl(viewOf(req, version), 'print/taskDefinitions/$entity'), ...taskDefinitionJson(d) };
  });

  app.delete('/print/taskDefinitions/:definitionId', async (req, reply) => {
    const p = appOf(req, 'taskDefinitions.delete');
    const { definitionId } = req.params as { definitionId: string };
    ownDefinition(p.appId, definitionId);
    service.deleteTaskDefinition(definitionId);
    reply.code(204);
    return reply.send();
  });

  app.get('/print/taskDefinitions/:definitionId/tasks', async (req) => {
    const p = appOf(req, 'tasks.list');
    const { definitionId } = req.params as { definitionId: string };
    ownDefinition(p.appId, definitionId);
    parseQuery(req.query as Record<string, unknown>, { allowed: NO_OPTIONS });
    const v = viewOf(req, version);
    return { '@odata.context': contextUrl(v, 'Collection(microsoft.graph.printTask)'), value: service.listTasks(definitionId).map((t) => taskJson(v, t)) };
  });

  app.get('/print/taskDefinitions/:definitionId/tasks/:taskId', async (req) => {
    const p = appOf(req, 'tasks.get');
    const { definitionId, taskId } = req.params as { definitionId: string; taskId: string };
    ownDefinition(p.appId, definitionId);
    const v = viewOf(req, version);
    return { '@odata.context': contextUrl(v, `print/taskDefinitions('${definitionId}')/tasks/$entity`), ...taskJson(v, service.getTask(definitionId, taskId)) };
  });

  app.patch('/print/taskDefinitions/:definitionId/tasks/:taskId', async (req) => {
    const p = appOf(req, 'tasks.update');
    const { definitionId, taskId } = req.params as { definitionId: string; taskId: string };
    ownDefinition(p.appId, definitionId);
    const body = objectBody(req);
    onlyKeys(body, ['status'], 'a print task (only status can be updated)');
    const status = objectProp(body, 'status', { required: true, type: 'printTaskStatus' })!;
    onlyKeys(status, ['state', 'description'], 'a printTaskStatus', 'status');
    const state = enumProp(status, 'state', 'printTaskProcessingState', TASK_PROCESSING_STATES, { at: 'status', required: true })!;
    const description = stringProp(status, 'description', { at: 'status', maxLength: DESCRIPTION_MAX });
    const t = service.updateTask(definitionId, taskId, { state, ...(description === undefined ? {} : { description }) });
    const v = viewOf(req, version);
    return { '@odata.context': contextUrl(v, `print/taskDefinitions('${definitionId}')/tasks/$entity`), ...taskJson(v, t) };
  });

  // Triggers (contained in a printer).
  app.post('/print/printers/:printerId/taskTriggers', async (req, reply) => {
    authorize(principalOf(req, deps), 'taskTriggers.create');
    const { printerId } = req.params as { printerId: string };
    const body = objectBody(req);
    onlyKeys(body, ['event', 'definition@odata.bind'], 'a task trigger');
    enumProp(body, 'event', 'printEvent', ['jobStarted'], { required: true });
    const definitionId = bindId(body['definition@odata.bind'], 'taskDefinitions', 'definition@odata.bind');
    const t = service.createTrigger(printerId, definitionId);
    reply.code(201);
    return { '@odata.context': contextUrl(viewOf(req, version), `print/printers('${printerId}')/taskTriggers/$entity`), ...triggerJson(t) };
  });

  app.get('/print/printers/:printerId/taskTriggers', async (req) => {
    authorize(principalOf(req, deps), 'taskTriggers.list');
    const { printerId } = req.params as { printerId: string };
    parseQuery(req.query as Record<string, unknown>, { allowed: ['$expand'], expandable: ['definition'] });
    return {
      '@odata.context': contextUrl(viewOf(req, version), `print/printers('${printerId}')/taskTriggers`),
      value: service.listTriggers(printerId).map(triggerJson),
    };
  });

  app.get('/print/printers/:printerId/taskTriggers/:triggerId', async (req) => {
    authorize(principalOf(req, deps), 'taskTriggers.get');
    const { printerId, triggerId } = req.params as { printerId: string; triggerId: string };
    const t = service.getTrigger(printerId, triggerId);
    const q = parseQuery(req.query as Record<string, unknown>, { allowed: ['$expand'], expandable: ['definition'] });
    const json: Record<string, unknown> = triggerJson(t);
    if (q.expand.includes('definition')) json.definition = taskDefinitionJson(service.getTaskDefinition(t.definitionId));
    return { '@odata.context': contextUrl(viewOf(req, version), `print/printers('${printerId}')/taskTriggers/$entity`), ...json };
  });

  app.delete('/print/printers/:printerId/taskTriggers/:triggerId', async (req, reply) => {
    authorize(principalOf(req, deps), 'taskTriggers.delete');
    const { printerId, triggerId } = req.params as { printerId: string; triggerId: string };
    service.deleteTrigger(printerId, triggerId);
    reply.code(204);
    return reply.send();
  });
}
