// Create-Job-Subscriptions (RFC 3995 §11.1.2): subscriptions to one job
// (notify-job-id), ending when the job does.

import { DelimiterTag, getGroups } from '../codec/index.js';
import { badRequest, IppError } from '../ipp-error.js';
import { isFinished } from '../job-cancel.js';
import { opInteger } from '../operation-context.js';
import { answerSubscriptions } from '../subscription-request.js';
import type { Operation } from './operation.js';

export const createJobSubscriptions: Operation = {
  name: 'Create-Job-Subscriptions',
  target: 'printer',
  handle(ctx) {
    const jobId = opInteger(ctx, 'notify-job-id');
    if (jobId === undefined) badRequest('Create-Job-Subscriptions needs notify-job-id (RFC 3995 §11.1.2).');
    const job = ctx.service.findJob(String(jobId));
    if (job === undefined || job.printerId !== ctx.printer.id) throw new IppError('client-error-not-found', `Job ${jobId} was not found on this printer.`);
    if (isFinished(ctx, job)) throw new IppError('client-error-not-possible', `Job ${jobId} has finished; there is nothing left to notify.`);
    const groups = getGroups(ctx.request, DelimiterTag.subscriptionAttributes);
    if (groups.length === 0) badRequest('Create-Job-Subscriptions needs at least one subscription attributes group.');
    ctx.response.status = answerSubscriptions(ctx, groups, job.id);
  },
};
