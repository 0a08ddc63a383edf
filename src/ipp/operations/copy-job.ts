// A new job with a finished job's documents (Reprocess-Job, RFC 3998;
// Resubmit-Job, PWG 5100.7): the documents are copied in the spool.

import type { JobRecord } from '../../model/records.js';
import { IppError } from '../ipp-error.js';
import { extrasOf } from '../job-extras.js';
import { createIppJob, jobStatusGroup, startIppJob, type JobTicket } from '../job-creation.js';
import { isFinished } from '../job-cancel.js';
import { assertMayAlter, requireJob, type OperationContext } from '../operation-context.js';

export async function copyJob(ctx: OperationContext, operation: string, ticket: (source: JobRecord) => JobTicket): Promise<void> {
  const source = requireJob(ctx);
  assertMayAlter(ctx, source);
  if (!isFinished(ctx, source)) throw new IppError('client-error-not-possible', `Job ${source.id} has not finished; ${operation} takes a retained job.`);
  const docs = source.documents.filter((d) => d.complete);
  if (docs.length === 0) throw new IppError('client-error-not-possible', `Job ${source.id} has no document to print again.`);
  const job = createIppJob(ctx, ticket(source), { documents: extrasOf(source).documents });
  if (job.displayName === null) job.displayName = source.displayName;
  for (const d of docs) {
    const doc = ctx.service.addDocument(job);
    await ctx.service.spool.copyDocument(d.id, doc.id);
    Object.assign(doc, { displayName: d.displayName, contentType: d.contentType, size: d.size, complete: true, uploadedDateTime: ctx.service.isoNow() });
    ctx.service.saveJob(job);
  }
  startIppJob(ctx, job);
  jobStatusGroup(ctx, job);
}
