// Send-URI (RFC 8011 §4.3.2): Send-Document with the document fetched by the
// printer from document-uri (see document-uri.ts for what it may fetch).

import { fetchDocument, readDocumentUri } from '../document-uri.js';
import { IppError } from '../ipp-error.js';
import { abandon, jobStatusGroup, lastDocument, openIncoming, readDocumentParams, startIppJob, storeDocument } from '../job-creation.js';
import { assertMayAlter, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

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
    ctx.door.clearTimeOut(job);
    try {
      const incoming = await openIncoming({ ...ctx, document: data }, params);
      if (incoming !== null) await storeDocument(ctx, job, params, incoming);
    } catch (e) {
      abandon(ctx, job, `A document could not be fetched: ${(e as Error).message}`);
      throw e;
    }
    if (!last) ctx.door.armTimeOut(job);
    else if (job.documents.some((d) => d.complete)) startIppJob(ctx, job);
    else ctx.service.abortJob(job.id, undefined, 'The job was closed without any document.');
    jobStatusGroup(ctx, job);
  },
};
