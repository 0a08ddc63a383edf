// Cancel-Document (PWG 5100.5): a document of a job still receiving documents
// is dropped; once the job is queued its documents print as one, so canceling
// the only one cancels the job.

import { IppError } from '../ipp-error.js';
import { documentOf } from '../document-attributes.js';
import { cancelAs } from '../job-cancel.js';
import { assertMayAlter, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const cancelDocument: Operation = {
  name: 'Cancel-Document',
  target: 'job',
  async handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    const { doc } = documentOf(ctx, job);
    if (job.leaf === 'paused.uploadPending') {
      job.documents.splice(job.documents.indexOf(doc), 1);
      await ctx.service.spool.removeDocument(doc.id);
      // The core expects every job to keep a document slot.
      if (job.documents.length === 0) ctx.service.addDocument(job);
      ctx.service.saveJob(job);
      return;
    }
    if (job.documents.filter((d) => d.complete).length === 1) {
      cancelAs(ctx, job, 'Cancel-Document');
      return;
    }
    throw new IppError('client-error-not-possible', `Job ${job.id} is queued; its documents print together and one cannot be canceled alone (cancel the job instead).`);
  },
};
