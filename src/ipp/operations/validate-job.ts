// Validate-Job (RFC 8011 §4.2.3): Print-Job's checks without a job or document.

import { readDocumentParams, readJobName, readJobTicket } from '../job-creation.js';
import type { Operation } from './operation.js';

export const validateJob: Operation = {
  name: 'Validate-Job',
  target: 'printer',
  handle(ctx) {
    readJobTicket(ctx);
    readDocumentParams(ctx);
    readJobName(ctx);
    // No printer-is-accepting-jobs check: a disabled Printer rejects job
    // creation only and still accepts every other operation, Validate-Job
    // included (RFC 3998 §3.1.1 Disable-Printer).
  },
};
