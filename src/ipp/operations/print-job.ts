// Print-Job (RFC 8011 §4.2.1): a job and its one document in one request.

import { abandon, assertAcceptingJobs, createIppJob, jobStatusGroup, openIncoming, readDocumentParams, readJobTicket, startIppJob, storeDocument } from '../job-creation.js';
import { badRequest } from '../ipp-error.js';
import { createRequestSubscriptions } from '../subscription-request.js';
import type { Operation } from './operation.js';

export const printJob: Operation = {
  name: 'Print-Job',
  target: 'printer',
  async handle(ctx) {
    const ticket = readJobTicket(ctx);
    const params = readDocumentParams(ctx);
    assertAcceptingJobs(ctx);
    const incoming = await openIncoming(ctx, params);
    if (incoming === null) badRequest('Print-Job carried no document data (RFC 8011 §4.2.1.1).');
    const job = createIppJob(ctx, ticket);
    try {
      await storeDocument(ctx, job, params, incoming);
    } catch (e) {
      abandon(ctx, job, `The document could not be received: ${(e as Error).message}`);
      throw e;
    }
    // Subscriptions first, so they see the job start.
    createRequestSubscriptions(ctx, job);
    startIppJob(ctx, job);
    jobStatusGroup(ctx, job);
  },
};
