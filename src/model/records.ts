import type {
  AppIdentity,
  PrintJobConfiguration,
  PrintTaskProcessingState,
  PrinterCapabilities,
  PrinterDefaults,
  PrinterLocation,
  PrinterStatus,
  UserIdentity,
} from './print-types.js';

/** Leaf state names, as stored with each job ("processing.transforming"). */
export type JobLeaf =
  | 'paused.uploadPending'
  | 'paused.releaseWait'
  | 'paused.held'
  | 'pending'
  | 'processing.interpreting'
  | 'processing.transforming'
  | 'stopped.interpreting'
  | 'stopped.transforming'
  | 'completed'
  | 'canceled'
  | 'aborted';

/** errorCode values for jobs aborted by the device (no catalogue exists in Graph). */
export const JOB_ERROR_CODES: Record<string, number> = {
  corruptDocument: 1001,
  unsupportedFormat: 1002,
  nothingToPrint: 1003,
  invalidConfiguration: 1004,
  internal: 1099,
};

/** Which door a job came through. */
export type JobDoor = 'graph' | 'ipp';

export interface DocumentRecord {
  id: string;
  displayName: string;
  contentType: string;
  /** Declared size (upload session) or received size. */
  size: number;
  /** True once every byte is in the spool. */
  complete: boolean;
  uploadedDateTime: string | null;
  downloadedDateTime: string | null;
}

export interface TimelineEntry {
  at: string;
  leaf: JobLeaf;
  reason: string;
}

export interface JobRecord {
  id: string;
  printerId: string;
  /** Set when the job was created through a share. */
  shareId: string | null;
  door: JobDoor;
  /** Monotonic creation order (ids are numeric strings, this keeps sorting cheap). */
  seq: number;
  createdDateTime: string;
  createdBy: UserIdentity;
  displayName: string | null;
  configuration: PrintJobConfiguration;
  leaf: JobLeaf;
  /** Overrides the table's description (errors, redirects). */
  description: string | null;
  /** completedWithWarnings / completedWithErrors when they apply. */
  completionDetail: 'completedWithWarnings' | 'completedWithErrors' | null;
  isAcquiredByPrinter: boolean;
  isFetchable: boolean;
  redirectedFrom: string | null;
  redirectedTo: string | null;
  errorCode: number | null;
  acknowledgedDateTime: string | null;
  completedDateTime: string | null;
  documents: DocumentRecord[];
  /** Position in the printer queue (clock ms when it became pending). */
  queuedAt: number | null;
  /** Device time still owed for the current job (warm-up and print time), so a restart resumes it. */
  remainingMs: number | null;
  /** The part of remainingMs that is warm-up (absent: none, or all of it before the render). */
  warmUpMs?: number;
  /** Time left before a job waiting for its next document is aborted (a door's time-out); absent: none. */
  uploadTimeOutMs?: number;
  /** Held by the printer's Hold-New-Jobs until that is released. */
  heldNewJob?: boolean;
  /**
   * A held job's release time (ISO 8601) when the hold is timed (IPP
   * job-hold-until periods, job-hold-until-time); absent for a hold that
   * waits for a release. Cleared when the job leaves paused.held.
   */
  heldUntil?: string;
  /** Impressions of the rendered output (0 until rendered). */
  impressions: number;
  warnings: string[];
  /** Description of the completed job, from the sheet manifest. */
  outputSummary?: string;
  timeline: TimelineEntry[];
  /**
   * What the IPP door keeps about a job that Graph has no property for (the
   * template attributes as sent, job-hold-until, job-priority). JSON, written
   * and read only by the IPP door; absent on Graph jobs.
   */
  ipp?: Record<string, unknown>;
}

export interface UploadSessionRecord {
  id: string;
  jobId: string;
  documentId: string;
  token: string;
  documentName: string;
  contentType: string;
  size: number;
  /** Received byte ranges, inclusive, sorted and merged. */
  received: Array<[number, number]>;
  expirationDateTime: string;
}

/** Mutable state of a printer, overlaid on its definition (PATCHes persist). */
export interface PrinterStateRecord {
  id: string;
  displayName?: string;
  manufacturer?: string;
  model?: string;
  location?: PrinterLocation | null;
  defaults?: PrinterDefaults;
  capabilities?: PrinterCapabilities;
  isAcceptingJobs: boolean;
  /** A status reported by the printer application / fault injection; null = derived from the device. */
  reportedStatus: PrinterStatus | null;
  registeredDateTime: string;
  /** Whether the device has warmed up since it last left a cold idle. */
  warm: boolean;
  /** Cool-down a warm idle printer had left when printsim stopped. */
  coolDownMs?: number;
  /** New jobs are held until this is released (IPP Hold-New-Jobs, RFC 3998), whichever door they come through. */
  holdNewJobs?: boolean;
}

export interface ShareRecord {
  id: string;
  printerId: string;
  displayName: string;
  allowAllUsers: boolean;
  createdDateTime: string;
}

export interface TaskDefinitionRecord {
  id: string;
  displayName: string;
  createdBy: AppIdentity;
}

export interface TaskTriggerRecord {
  id: string;
  printerId: string;
  event: 'jobStarted';
  definitionId: string;
}

export interface TaskRecord {
  id: string;
  definitionId: string;
  triggerId: string;
  printerId: string;
  jobId: string;
  parentUrl: string;
  status: { state: PrintTaskProcessingState; description: string };
  createdDateTime: string;
}
