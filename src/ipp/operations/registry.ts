// Every operation printsim implements, one handler module each. The map is
// keyed by operation-id, and operations-supported (RFC 8011 §5.4.15) is
// derived from it (dispatch hands the ids to each operation), so nothing is
// advertised that has no handler.

import { operationId } from '../codec/index.js';
import { cancelCurrentJob } from './cancel-current-job.js';
import { cancelDocument } from './cancel-document.js';
import { cancelJob } from './cancel-job.js';
import { cancelJobs } from './cancel-jobs.js';
import { cancelMyJobs } from './cancel-my-jobs.js';
import { cancelSubscription } from './cancel-subscription.js';
import { closeJob } from './close-job.js';
import { createJob } from './create-job.js';
import { createJobSubscriptions } from './create-job-subscriptions.js';
import { createPrinterSubscriptions } from './create-printer-subscriptions.js';
import { disablePrinter } from './disable-printer.js';
import { enablePrinter } from './enable-printer.js';
import { getDocumentAttributes } from './get-document-attributes.js';
import { getDocuments } from './get-documents.js';
import { getJobAttributes } from './get-job-attributes.js';
import { getJobs } from './get-jobs.js';
import { getNotifications } from './get-notifications.js';
import { getPrinterAttributes } from './get-printer-attributes.js';
import { getPrinterSupportedValues } from './get-printer-supported-values.js';
import { getSubscriptionAttributes } from './get-subscription-attributes.js';
import { getSubscriptions } from './get-subscriptions.js';
import { holdJob } from './hold-job.js';
import { holdNewJobs } from './hold-new-jobs.js';
import { identifyPrinter } from './identify-printer.js';
import type { Operation } from './operation.js';
import { pausePrinterOp } from './pause-printer.js';
import { pausePrinterAfterCurrentJob } from './pause-printer-after-current-job.js';
import { printJob } from './print-job.js';
import { printUri } from './print-uri.js';
import { promoteJob } from './promote-job.js';
import { purgeJobs } from './purge-jobs.js';
import { releaseHeldNewJobs } from './release-held-new-jobs.js';
import { releaseJob } from './release-job.js';
import { renewSubscription } from './renew-subscription.js';
import { reprocessJob } from './reprocess-job.js';
import { restartJob } from './restart-job.js';
import { restartPrinter } from './restart-printer.js';
import { resubmitJob } from './resubmit-job.js';
import { resumeJob } from './resume-job.js';
import { resumePrinter } from './resume-printer.js';
import { scheduleJobAfter } from './schedule-job-after.js';
import { sendDocument } from './send-document.js';
import { sendUri } from './send-uri.js';
import { setDocumentAttributes } from './set-document-attributes.js';
import { setJobAttributes } from './set-job-attributes.js';
import { setPrinterAttributes } from './set-printer-attributes.js';
import { shutdownPrinter } from './shutdown-printer.js';
import { startupPrinter } from './startup-printer.js';
import { suspendCurrentJob } from './suspend-current-job.js';
import { validateJob } from './validate-job.js';

const ALL: Operation[] = [
  printJob,
  printUri,
  validateJob,
  createJob,
  sendDocument,
  sendUri,
  cancelJob,
  getJobAttributes,
  getJobs,
  getPrinterAttributes,
  holdJob,
  releaseJob,
  restartJob,
  pausePrinterOp,
  resumePrinter,
  purgeJobs,
  setPrinterAttributes,
  setJobAttributes,
  getPrinterSupportedValues,
  createPrinterSubscriptions,
  createJobSubscriptions,
  getSubscriptionAttributes,
  getSubscriptions,
  renewSubscription,
  cancelSubscription,
  getNotifications,
  enablePrinter,
  disablePrinter,
  pausePrinterAfterCurrentJob,
  holdNewJobs,
  releaseHeldNewJobs,
  restartPrinter,
  shutdownPrinter,
  startupPrinter,
  reprocessJob,
  cancelCurrentJob,
  suspendCurrentJob,
  resumeJob,
  promoteJob,
  scheduleJobAfter,
  cancelDocument,
  getDocumentAttributes,
  getDocuments,
  setDocumentAttributes,
  cancelJobs,
  cancelMyJobs,
  resubmitJob,
  closeJob,
  identifyPrinter,
];

export const OPERATION_HANDLERS: ReadonlyMap<number, Operation> = new Map(ALL.map((op) => [operationId(op.name), op]));

