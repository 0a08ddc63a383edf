// Print-Job (RFC 8011 §4.2.1): a job and its one document in one request.

import { abandon, createIppJob, jobStatusGroup, readDocumentParams, readJobTicket, receiveDocument, startIppJob } from '../job-creation.js';
import { badRequest } from '../ipp-error.js';
import { createRequestSubscriptions } from '../subscription-request.js';
import type { Operation } from './operation.js';

export const printJob: Operation = {
  name: 'Print-Job',
  target: 'printer',
  async handle(ctx) {
    const ticket = readJobTicket(ctx);
    const params = readDocumentParams(ctx);
    const job = createIppJob(ctx, ticket);
    try {
      const doc = await receiveDocument(ctx, job, params);
      if (doc === null) badRequest('Print-Job carried no document data (RFC 8011 §4.2.1.1).');
    } catch (e) {
      abandon(ctx, job, `The document could not be received: ${(e as Error).message}`);
      throw e;
    }
    startIppJob(ctx, job);
    jobStatusGroup(ctx, job);
    createRequestSubscriptions(ctx, job);
  },
};
