// Get-Document-Attributes (PWG 5100.5): one document of the job.

import { DelimiterTag } from '../codec/index.js';
import { documentAttributes, documentOf } from '../document-attributes.js';
import { requireJob } from '../operation-context.js';
import { requestedNames } from '../requested-attributes.js';
import type { Operation } from './operation.js';

export const getDocumentAttributes: Operation = {
  name: 'Get-Document-Attributes',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    const { doc, number } = documentOf(ctx, job);
    const requested = requestedNames(ctx.operation) ?? new Set(['all']);
    const all = documentAttributes(ctx.door, job, doc, number, ctx.http.host);
    const chosen = requested.has('all') || requested.has('document-description') || requested.has('document-template') ? all : all.filter((a) => requested.has(a.name));
    ctx.response.group(DelimiterTag.documentAttributes, chosen);
  },
};
