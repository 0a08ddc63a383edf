// The console's pages: server-rendered HTML at bookmarkable URLs.
import type { FastifyInstance } from 'fastify';
import { homePage } from './home-page.js';
import { jobPage, type JobPageData } from './job-page.js';
import { parseJobQuery } from './job-query.js';
import { jobsPage } from './jobs-page.js';
import { messagePage } from './message-page.js';
import { printerPage } from './printer-page.js';
import { asManifest } from './sheet-preview.js';
import { PreviewUnavailableError } from './thumbnails.js';
import { tryPage } from './try-page.js';
import { outputSource } from './output-routes.js';
import { requestHost, sendPage, type WebContext } from './web-context.js';

const page = { config: { kind: 'page' } };

export function pageRoutes(app: FastifyInstance, ctx: WebContext): void {
  const { service } = ctx;

  app.get('/', page, async (req, reply) =>
    sendPage(req, reply, { title: 'Printers', section: 'printers', page: 'home', body: homePage(service, requestHost(req)) }),
  );

  app.get('/jobs', page, async (req, reply) =>
    sendPage(req, reply, {
      title: 'Jobs',
      section: 'jobs',
      page: 'jobs',
      body: jobsPage(service, parseJobQuery(req.query as Record<string, string | undefined>)),
    }),
  );

  app.get('/jobs/:jobId', page, async (req, reply) => {
    const { jobId } = req.params as { jobId: string };
    const job = service.findJob(jobId);
    if (job === undefined) {
      return sendPage(req, reply, { title: 'No such job', section: 'jobs', page: 'message', status: 404, body: messagePage('No such job', `There is no job ${jobId}.`) });
    }
    const query = req.query as { sheets?: string };
    const data: JobPageData = { job, hasOutput: service.hasOutput(job), manifest: null, outputPages: null, allSheets: query.sheets === 'all', previewError: null };
    if (data.hasOutput) {
      data.manifest = asManifest(await service.spool.readManifest(job.id).catch(() => null));
      if (data.manifest === null || data.manifest.sheets.length === 0) {
        try {
          const src = await outputSource(ctx, job.id);
          data.outputPages = await ctx.thumbnails.pageCount(src.key, src.load);
        } catch (e) {
          if (!(e instanceof PreviewUnavailableError)) throw e;
          data.previewError = e.message;
        }
      }
    }
    return sendPage(req, reply, { title: `Job ${job.id}`, section: 'jobs', page: 'job', body: jobPage(service, data) });
  });

  app.get('/printers/:printerId', page, async (req, reply) => {
    const { printerId } = req.params as { printerId: string };
    const rt = service.findPrinter(printerId);
    if (rt === undefined) {
      return sendPage(req, reply, { title: 'No such printer', section: 'printers', page: 'message', status: 404, body: messagePage('No such printer', `There is no printer ${printerId}.`) });
    }
    return sendPage(req, reply, { title: rt.displayName, section: 'printers', page: 'printer', body: printerPage(service, rt, requestHost(req)) });
  });

  app.get('/try', page, async (req, reply) => {
    const { printer } = req.query as { printer?: string };
    const rt = (printer === undefined ? undefined : service.findPrinter(printer)) ?? service.runtime(service.printerIds()[0]!);
    return sendPage(req, reply, { title: 'Try a configuration', section: 'try', page: 'try', body: tryPage(service, rt) });
  });
}
