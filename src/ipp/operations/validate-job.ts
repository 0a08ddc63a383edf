// Validate-Job (RFC 8011 §4.2.3): Print-Job's checks without a job or document.

import { assertAcceptingJobs, readDocumentParams, readJobName, readJobTicket } from '../job-creation.js';
import type { Operation } from './operation.js';

export const validateJob: Operation = {
  name: 'Validate-Job',
  target: 'printer',
  handle(ctx) {
    readJobTicket(ctx);
    readDocumentParams(ctx);
    readJobName(ctx);
    assertAcceptingJobs(ctx);
  },
};
