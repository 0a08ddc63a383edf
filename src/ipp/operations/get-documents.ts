// Get-Documents (PWG 5100.5): one document group per document of the job.

import { DelimiterTag } from '../codec/index.js';
import { documentAttributes } from '../document-attributes.js';
import { badRequest } from '../ipp-error.js';
import { opInteger, requireJob } from '../operation-context.js';
import { requestedNames } from '../requested-attributes.js';
import type { Operation } from './operation.js';

export const getDocuments: Operation = {
  name: 'Get-Documents',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    const limit = opInteger(ctx, 'limit');
    const first = opInteger(ctx, 'first-index') ?? 1;
    if ((limit !== undefined && limit < 1) || first < 1) badRequest('limit and first-index must be 1 or more.');
    const requested = requestedNames(ctx.operation) ?? new Set(['document-number']);
    const docs = job.documents.map((doc, i) => ({ doc, number: i + 1 })).filter(({ doc }) => doc.complete);
    for (const { doc, number } of docs.slice(first - 1, limit === undefined ? undefined : first - 1 + limit)) {
      const all = documentAttributes(ctx.door, job, doc, number, ctx.http.host);
      const chosen = requested.has('all') || requested.has('document-description') || requested.has('document-template') ? all : all.filter((a) => requested.has(a.name));
      ctx.response.group(DelimiterTag.documentAttributes, chosen);
    }
  },
};
