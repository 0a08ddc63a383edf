import type { FastifyInstance } from 'fastify';
import { ChangeNotifications } from './change-notifications.js';
import { useJsonBodyParser } from '../http/json-body.js';
import type { GraphDeps } from './graph-context.js';
import { faultRoutes } from './faults/fault-routes.js';
import { documentRoutes, type DownloadLinks } from './routes/documents.js';
import { jobRoutes } from './routes/jobs.js';
import { printerRoutes } from './routes/printers.js';
import { shareRoutes } from './routes/shares.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { taskRoutes } from './routes/tasks.js';
import { uploadSessionRoutes } from './routes/upload-sessions.js';
import type { GraphVersion } from './serialize.js';

export { JSON_BODY_LIMIT } from '../http/json-body.js';

/**
 * The Graph door: /v1.0 and /beta print resources, plus the pre-authenticated
 * upload and download URLs, and /emulator/faults/graph when `deps.faults` is
 * set. Register inside an app whose error handler is
 * `sendGraphError`.
 */
export async function graphPlugin(app: FastifyInstance, deps: GraphDeps): Promise<void> {
  const downloads: DownloadLinks = { links: new Map() };
  // One set of change notification subscriptions behind /v1.0 and /beta.
  const notifications = new ChangeNotifications(deps.service);
  app.addHook('onClose', async () => notifications.close());

  for (const version of ['v1.0', 'beta'] as GraphVersion[]) {
    await app.register(
      async (scope) => {
        // Size and nesting limits, and empty bodies (POST start/cancel from SDKs) as undefined.
        useJsonBodyParser(scope);
        // An injected fault answers before anything else, as a throttled or failing service would.
        scope.addHook('onRequest', async (req, reply) => {
          if (deps.faults?.armed !== true) return;
          const fault = deps.faults.take(req.method, req.url.slice(version.length + 1).split('?')[0]!);
          if (fault === undefined) return;
          if (fault.retryAfterSeconds !== null) reply.header('retry-after', String(fault.retryAfterSeconds));
          throw fault.error;
        });
        printerRoutes(scope, deps, version);
        shareRoutes(scope, deps, version);
        jobRoutes(scope, deps, version);
        documentRoutes(scope, deps, version, downloads);
        taskRoutes(scope, deps, version);
        subscriptionRoutes(scope, deps, version, notifications);
      },
      { prefix: `/${version}` },
    );
  }

  await app.register(async (scope) => uploadSessionRoutes(scope, deps, downloads));
  const faults = deps.faults;
  if (faults !== undefined) await app.register(async (scope) => faultRoutes(scope, faults, deps.signingKey));
}
