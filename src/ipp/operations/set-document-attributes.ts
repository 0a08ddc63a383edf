// Set-Document-Attributes (PWG 5100.5): document-name, before the job is processed.

import { DelimiterTag, getGroups, ValueTag } from '../codec/index.js';
import { documentOf } from '../document-attributes.js';
import { IppError } from '../ipp-error.js';
import { assertMayAlter, requireJob } from '../operation-context.js';
import { assertWithin, NAME_MAX } from '../value-limits.js';
import type { Operation } from './operation.js';

export const setDocumentAttributes: Operation = {
  name: 'Set-Document-Attributes',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    const { doc } = documentOf(ctx, job);
    if (job.leaf !== 'paused.uploadPending' && job.leaf !== 'pending' && job.leaf !== 'paused.held') {
      throw new IppError('client-error-not-possible', `Job ${job.id} is being processed or has finished; its documents can no longer change.`);
    }
    const attrs = getGroups(ctx.request, DelimiterTag.documentAttributes).flatMap((g) => g.attributes);
    const notSettable = attrs.filter((a) => a.name !== 'document-name');
    if (notSettable.length > 0) {
      throw new IppError('client-error-attributes-not-settable', `Only document-name can be set (not ${notSettable.map((a) => a.name).join(', ')}).`, notSettable);
    }
    for (const a of attrs) {
      const v = a.values[0];
      if ((a.tag !== ValueTag.nameWithoutLanguage && a.tag !== ValueTag.nameWithLanguage) || a.values.length !== 1) {
        throw new IppError('client-error-attributes-or-values-not-supported', 'document-name must be one name.', [a]);
      }
      assertWithin(a, NAME_MAX);
      doc.displayName = typeof v === 'string' ? v : (v as { value: string }).value;
    }
    ctx.service.saveJob(job);
  },
};
