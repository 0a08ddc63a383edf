// A job's IPP job-state, job-state-reasons and job-state-message (RFC 8011
// §5.3.7-§5.3.9), from the core's state table plus what the IPP door knows.

import { timedHoldDescription, type PrintService } from '../core/print-service.js';
import { JOB_ERROR_CODES, type JobLeaf, type JobRecord } from '../model/records.js';
import { JOB_STATE_TABLE } from '../core/job-machine.js';
import { JOB_STATE } from './codec/index.js';
import { extrasOf } from './job-extras.js';

/** RFC 8011 §5.3.7 job-state keywords. */
export type IppJobStateKeyword = 'pending' | 'pending-held' | 'processing' | 'processing-stopped' | 'canceled' | 'aborted' | 'completed';

/** What the IPP door shows for each job leaf: job-state and its default job-state-reasons (RFC 8011 §5.3.7-§5.3.8). */
export const IPP_JOB_STATES = {
  'paused.uploadPending': { state: 'pending-held', reasons: ['job-incoming'] },
  'paused.releaseWait': { state: 'pending-held', reasons: ['job-held-for-authorization'] },
  'paused.held': { state: 'pending-held', reasons: ['job-hold-until-specified'] },
  pending: { state: 'pending', reasons: ['none'] },
  'processing.interpreting': { state: 'processing', reasons: ['job-interpreting'] },
  'processing.transforming': { state: 'processing', reasons: ['job-printing'] },
  'stopped.interpreting': { state: 'processing-stopped', reasons: ['printer-stopped'] },
  'stopped.transforming': { state: 'processing-stopped', reasons: ['printer-stopped'] },
  completed: { state: 'completed', reasons: ['job-completed-successfully'] },
  canceled: { state: 'canceled', reasons: ['job-canceled-by-user'] },
  aborted: { state: 'aborted', reasons: ['aborted-by-system'] },
} as const satisfies Record<JobLeaf, { state: IppJobStateKeyword; reasons: readonly string[] }>;

export interface IppJobState {
  state: number;
  reasons: string[];
  message: string;
}

export function ippJobState(service: PrintService, job: JobRecord): IppJobState {
  const row = JOB_STATE_TABLE[job.leaf];
  const extras = extrasOf(job);
  const ipp = IPP_JOB_STATES[job.leaf];
  let state: number = JOB_STATE[ipp.state];
  let reasons: string[] = [...ipp.reasons];
  const message = job.description ?? timedHoldDescription(job) ?? row.description;
  switch (job.leaf) {
    case 'paused.uploadPending':
      if (!job.documents.some((d) => d.complete)) reasons.push('job-data-insufficient');
      break;
    case 'paused.held':
      if (extras.suspended === true) {
        state = JOB_STATE['processing-stopped'];
        reasons = ['job-suspended'];
      } else if (extras.password !== undefined) {
        // PWG 5100.11 §6.1.2: held until the job-password is given.
        reasons = ['job-password-wait'];
      }
      break;
    case 'completed':
      if (job.completionDetail === 'completedWithWarnings') reasons = ['job-completed-with-warnings'];
      else if (job.completionDetail === 'completedWithErrors') reasons = ['job-completed-with-errors'];
      break;
    case 'canceled':
      if (extras.canceledBy === 'operator') reasons = ['job-canceled-by-operator'];
      break;
    case 'aborted':
      if (job.errorCode === JOB_ERROR_CODES.unsupportedFormat) reasons.unshift('unsupported-document-format');
      else if (job.errorCode === JOB_ERROR_CODES.corruptDocument) reasons.unshift('document-format-error');
      else if (extras.timedOut === true) reasons.unshift('job-data-insufficient');
      break;
    default:
      break;
  }
  if (!row.final) {
    const rt = service.findPrinter(job.printerId);
    if (rt !== undefined && rt.status().state === 'stopped' && !reasons.includes('printer-stopped')) {
      reasons = reasons.filter((r) => r !== 'none');
      reasons.push('printer-stopped');
    }
  }
  return { state, reasons, message };
}
