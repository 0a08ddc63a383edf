// Send-Document (RFC 8011 §4.3.1): one document of a Create-Job job; the one
// with last-document true (data or not) closes the job and queues it.

import { IppError } from '../ipp-error.js';
import { abandon, jobStatusGroup, lastDocument, openIncoming, readDocumentParams, startIppJob, storeDocument } from '../job-creation.js';
import type { JobRecord } from '../../model/records.js';
import { assertMayAlter, requireJob, type OperationContext } from '../operation-context.js';
import type { Operation } from './operation.js';

export const sendDocument: Operation = {
  name: 'Send-Document',
  target: 'job',
  async handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    const last = lastDocument(ctx);
    if (job.leaf !== 'paused.uploadPending') {
      throw new IppError('client-error-not-possible', `Job ${job.id} is closed: it takes no more documents (RFC 8011 §4.3.1).`);
    }
    await addJobDocument(ctx, job, readDocumentParams(ctx), last, 'received');
    jobStatusGroup(ctx, job);
  },
};

/**
 * Stores one document of an open job (Send-Document, Send-URI; `ctx.document`
 * holds its bytes), then either waits for the next one or, with last-document,
 * closes the job: queued if any document came, aborted if none did.
 */
export async function addJobDocument(
  ctx: OperationContext,
  job: JobRecord,
  params: ReturnType<typeof readDocumentParams>,
  last: boolean,
  how: 'received' | 'fetched',
): Promise<void> {
  ctx.door.clearTimeOut(job);
  try {
    const incoming = await openIncoming(ctx, params);
    if (incoming !== null) await storeDocument(ctx, job, params, incoming);
  } catch (e) {
    abandon(ctx, job, `A document could not be ${how}: ${(e as Error).message}`);
    throw e;
  }
  if (!last) ctx.door.armTimeOut(job);
  else if (job.documents.some((d) => d.complete)) startIppJob(ctx, job);
  else ctx.service.abortJob(job.id, undefined, 'The job was closed without any document.');
}
