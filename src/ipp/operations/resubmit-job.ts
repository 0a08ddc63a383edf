// Resubmit-Job (PWG 5100.7): a copy of a finished job as a new job, with the
// Job Template attributes of the request replacing the old ones.

import { mergeConfiguration } from '../../core/validate-configuration.js';
import { extrasOf } from '../job-extras.js';
import { readJobTicket } from '../job-creation.js';
import { copyJob } from './copy-job.js';
import type { Operation } from './operation.js';

export const resubmitJob: Operation = {
  name: 'Resubmit-Job',
  target: 'job',
  async handle(ctx) {
    const changes = readJobTicket(ctx);
    await copyJob(ctx, 'Resubmit-Job', (source) => {
      const names = new Set(changes.template.map((a) => a.name));
      return {
        configuration: mergeConfiguration(source.configuration, changes.configuration),
        template: [...(extrasOf(source).template ?? []).filter((a) => !names.has(a.name)), ...changes.template],
        holdUntil: changes.holdUntil,
        holdUntilTime: changes.holdUntilTime,
      };
    });
  },
};
