import type { FastifyInstance } from 'fastify';
import { PrintsimError } from '../../model/errors.js';
import { TASK_PROCESSING_STATES, type PrintTaskProcessingState } from '../../model/print-types.js';
import { authorize } from '../auth/permissions.js';
import { bindId, objectBody, onlyKeys, principalOf, stringProp, viewOf, type GraphDeps } from '../graph-context.js';
import { parseQuery, type QueryOption } from '../odata.js';
import { contextUrl, taskDefinitionJson, taskJson, triggerJson, type GraphVersion } from '../serialize.js';

// Task definitions, tasks and triggers for pull printing (api/print-*-taskdefinition*.md,
// printtaskdefinition-*.md, printtask-get.md, printer-*-tasktrigger*.md). These lists
// reject $count, $format, $search, $select, $skip and $top.
const NO_OPTIONS: QueryOption[] = [];

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
    const displayName = stringProp(body, 'displayName', { required: true })!;
    const createdBy = (body.createdBy ?? {}) as Record<string, unknown>;
    const d = service.createTaskDefinition(displayName, {
      appId: p.appId,
      displayName: typeof createdBy.displayName === 'string' ? createdBy.displayName : p.displayName,
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
    const displayName = stringProp(body, 'displayName');
    if (displayName !== undefined) patch.displayName = displayName;
    if (body.createdBy !== undefined) {
      const cb = body.createdBy as Record<string, unknown>;
      onlyKeys(cb, ['displayName'], 'createdBy (only createdBy.displayName can change)');
      const name = stringProp(cb, 'displayName');
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
    const status = body.status as Record<string, unknown> | undefined;
    if (typeof status !== 'object' || status === null) throw new PrintsimError('badRequest', "Property 'status' is required.", { fields: ['status'] });
    const state = status.state;
    if (typeof state !== 'string' || !(TASK_PROCESSING_STATES as readonly string[]).includes(state)) {
      throw new PrintsimError('badRequest', `status.state ${JSON.stringify(state)} is not a printTaskProcessingState (${TASK_PROCESSING_STATES.join(', ')}).`, {
        fields: ['status.state'],
      });
    }
    const description = stringProp(status, 'description');
    const t = service.updateTask(definitionId, taskId, { state: state as PrintTaskProcessingState, ...(description === undefined ? {} : { description }) });
    const v = viewOf(req, version);
    return { '@odata.context': contextUrl(v, `print/taskDefinitions('${definitionId}')/tasks/$entity`), ...taskJson(v, t) };
  });

  // Triggers (contained in a printer).
  app.post('/print/printers/:printerId/taskTriggers', async (req, reply) => {
    authorize(principalOf(req, deps), 'taskTriggers.create');
    const { printerId } = req.params as { printerId: string };
    const body = objectBody(req);
    onlyKeys(body, ['event', 'definition@odata.bind'], 'a task trigger');
    if (body.event !== 'jobStarted') {
      throw new PrintsimError('badRequest', `event ${JSON.stringify(body.event)} is not a printEvent (jobStarted).`, { fields: ['event'] });
    }
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
