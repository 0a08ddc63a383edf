// The console: printers, jobs and rendered paper in a browser, served by the
// same listener as Graph at /, with its assets in the repository (offline).
import type { FastifyInstance } from 'fastify';
import { PrintsimError } from '../model/errors.js';
import { apiRoutes } from './api-routes.js';
import { assetRoutes } from './asset-routes.js';
import { consoleAccess } from '../http/local-access.js';
import { ConsoleEvents } from './console-events.js';
import { outputRoutes } from './output-routes.js';
import { pageRoutes } from './page-routes.js';
import { PreviewStore } from './preview-store.js';
import { signInPage } from './sign-in-page.js';
import { Thumbnails } from './thumbnails.js';
import { listeningOn, rememberAccess, sendPage, type RouteKind, type WebContext, type WebDeps } from './web-context.js';

/** Sent by the console's script on every change; a cross-site form cannot send it without a CORS preflight. */
export const ACTION_HEADER = 'x-printsim-console';

export async function webPlugin(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const thumbnails = new Thumbnails();
  const ctx: WebContext = {
    ...deps,
    events: new ConsoleEvents(deps.service),
    thumbnails,
    previews: new PreviewStore(16, 256 * 1024 * 1024, (id) => thumbnails.forget(`preview:${id}`)),
  };

  app.addHook('onRequest', async (req, reply) => {
    const kind = (req.routeOptions.config as { kind?: RouteKind }).kind ?? 'public';
    if (kind === 'public') return;
    if (kind === 'api' && req.method !== 'GET' && req.method !== 'HEAD' && req.headers[ACTION_HEADER] !== '1') {
      throw new PrintsimError('accessDenied', `Console actions come from the console's own pages (header ${ACTION_HEADER}: 1).`);
    }
    const access = consoleAccess(req, deps.signingKey);
    rememberAccess(req, access);
    if (access.kind !== 'denied') return;
    if (kind === 'page') {
      return sendPage(req, reply, { title: 'Sign in', section: 'none', page: 'sign-in', status: 401, body: signInPage(access.reason, listeningOn(req)) });
    }
    throw new PrintsimError('unauthenticated', `${access.reason} Sign in on the console with a token from \`printsim token\`.`);
  });

  app.addHook('onClose', async () => {
    ctx.events.close();
    await thumbnails.close();
  });

  assetRoutes(app);
  pageRoutes(app, ctx);
  outputRoutes(app, ctx);
  apiRoutes(app, ctx);
}
