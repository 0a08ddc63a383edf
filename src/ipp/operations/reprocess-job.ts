// Reprocess-Job (RFC 3998): a copy of a finished job, with the same attributes, as a new job.

import { extrasOf } from '../job-extras.js';
import { copyJob } from './copy-job.js';
import type { Operation } from './operation.js';

export const reprocessJob: Operation = {
  name: 'Reprocess-Job',
  target: 'job',
  async handle(ctx) {
    await copyJob(ctx, 'Reprocess-Job', (source) => ({
      configuration: source.configuration,
      template: extrasOf(source).template ?? [],
      holdUntil: null,
      holdUntilTime: null,
    }));
  },
};
