// Send-URI (RFC 8011 §4.3.2): Send-Document with the document fetched by the
// printer from document-uri (see document-uri.ts for what it may fetch).

import { fetchDocument, readDocumentUri } from '../document-uri.js';
import { IppError } from '../ipp-error.js';
import { jobStatusGroup, lastDocument, readDocumentParams } from '../job-creation.js';
import { assertMayAlter, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';
import { addJobDocument } from './send-document.js';

export const sendUri: Operation = {
  name: 'Send-URI',
  target: 'job',
  async handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    const last = lastDocument(ctx);
    if (job.leaf !== 'paused.uploadPending') {
      throw new IppError('client-error-not-possible', `Job ${job.id} is closed: it takes no more documents (RFC 8011 §4.3.2).`);
    }
    const url = readDocumentUri(ctx);
    const params = readDocumentParams(ctx);
    // A document that cannot be had changes nothing: the job still waits for its next document.
    const data = await fetchDocument(url, ctx.door.uriFetchLimits());
    await addJobDocument({ ...ctx, document: data }, job, params, last, 'fetched');
    jobStatusGroup(ctx, job);
  },
};
