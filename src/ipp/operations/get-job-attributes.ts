// Get-Job-Attributes (RFC 8011 §4.3.4): any job of the printer, from either door.

import { DelimiterTag } from '../codec/index.js';
import { jobAttributes, wantsTemplate } from '../job-attributes.js';
import { requireJob } from '../operation-context.js';
import { requestedNames, selectJobAttributes } from '../requested-attributes.js';
import type { Operation } from './operation.js';

export const getJobAttributes: Operation = {
  name: 'Get-Job-Attributes',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    const requested = requestedNames(ctx.operation);
    const all = jobAttributes(ctx.door, job, ctx.http.host, wantsTemplate(requested, ['all']));
    ctx.response.group(DelimiterTag.jobAttributes, selectJobAttributes(all, requested));
  },
};
