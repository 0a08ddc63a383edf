// Print-URI (RFC 8011 §4.2.2): Print-Job with the document fetched by the
// printer from document-uri (see document-uri.ts for what it may fetch).

import { fetchDocument, readDocumentUri } from '../document-uri.js';
import { badRequest } from '../ipp-error.js';
import { abandon, assertAcceptingJobs, createIppJob, jobStatusGroup, openIncoming, readDocumentParams, readJobTicket, startIppJob, storeDocument } from '../job-creation.js';
import { createRequestSubscriptions } from '../subscription-request.js';
import type { Operation } from './operation.js';

export const printUri: Operation = {
  name: 'Print-URI',
  target: 'printer',
  async handle(ctx) {
    const url = readDocumentUri(ctx);
    const ticket = readJobTicket(ctx);
    const params = readDocumentParams(ctx);
    assertAcceptingJobs(ctx);
    // Fetched and its format settled before a job exists: a document that cannot be had makes no job.
    const data = await fetchDocument(url, ctx.door.uriFetchLimits());
    const incoming = await openIncoming({ ...ctx, document: data }, params);
    if (incoming === null) badRequest(`The document at ${url.href} is empty.`);
    const job = createIppJob(ctx, ticket);
    try {
      await storeDocument(ctx, job, params, incoming);
    } catch (e) {
      abandon(ctx, job, `The document could not be fetched: ${(e as Error).message}`);
      throw e;
    }
    createRequestSubscriptions(ctx, job);
    startIppJob(ctx, job);
    jobStatusGroup(ctx, job);
  },
};
