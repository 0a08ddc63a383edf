// Get-Jobs (RFC 8011 §4.2.6, PWG 5100.7): every job of the printer,
// Graph ones included; which-jobs, my-jobs, limit, first-index, job-ids,
// requested-attributes (default job-id and job-uri).

import { DelimiterTag, ValueTag } from '../codec/index.js';
import { badRequest } from '../ipp-error.js';
import { jobAttributes, wantsTemplate } from '../job-attributes.js';
import type { JobRecord } from '../../model/records.js';
import { checkWhichJobs, isMine, matchesWhichJobs, orderedJobs, selectJobs } from '../job-selection.js';
import { opBoolean, opInteger, opIntegers, opString, type OperationContext } from '../operation-context.js';
import { requestedNames, selectJobAttributes } from '../requested-attributes.js';
import type { Operation } from './operation.js';

/** RFC 8011 §4.2.6.1: without requested-attributes, Get-Jobs returns job-id and job-uri. */
const DEFAULT_ATTRIBUTES = ['job-id', 'job-uri'];

export const getJobs: Operation = {
  name: 'Get-Jobs',
  target: 'printer',
  handle(ctx: OperationContext) {
    const ids = opIntegers(ctx, 'job-ids');
    const which = opString(ctx, 'which-jobs', [ValueTag.keyword]) ?? (ids === undefined ? 'not-completed' : 'all');
    checkWhichJobs(which);
    const mine = opBoolean(ctx, 'my-jobs') === true;
    const limit = opInteger(ctx, 'limit');
    const first = opInteger(ctx, 'first-index') ?? 1;
    if ((limit !== undefined && limit < 1) || first < 1) badRequest('limit and first-index must be 1 or more (RFC 8011 §4.2.6.1, PWG 5100.7).');
    const requested = requestedNames(ctx.operation);
    const template = wantsTemplate(requested, DEFAULT_ATTRIBUTES);
    let jobs: JobRecord[];
    if (ids === undefined) jobs = selectJobs(ctx, which, mine, first - 1, limit);
    else {
      const named = [...new Set(ids)].map((id) => ctx.service.findJob(String(id))).filter((j): j is JobRecord => j !== undefined && j.printerId === ctx.printer.id);
      jobs = orderedJobs(ctx, named.filter((j) => matchesWhichJobs(ctx, j, which) && (!mine || isMine(ctx, j))));
      jobs = jobs.slice(first - 1, limit === undefined ? undefined : first - 1 + limit);
    }
    for (const job of jobs) {
      const attrs = selectJobAttributes(jobAttributes(ctx.door, job, ctx.http.host, template), requested, DEFAULT_ATTRIBUTES);
      ctx.response.group(DelimiterTag.jobAttributes, attrs);
    }
  },
};
