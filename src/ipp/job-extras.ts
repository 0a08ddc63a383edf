// Typed view of JobRecord.ipp: what the IPP door keeps about a job that the
// Graph configuration has no property for. Written here only.

import type { JobRecord } from '../model/records.js';
import type { IppAttribute } from './codec/index.js';

export interface IppJobExtras {
  /** Job Template attributes as accepted, to echo them back (RFC 8011 §4.3.4). */
  template?: IppAttribute[];
  /** job-hold-until as accepted (RFC 8011 §5.2.2). */
  holdUntil?: string;
  /** job-hold-until-time as accepted (PWG 5100.7), epoch ms. */
  holdUntilTime?: number;
  /** Held by Suspend-Current-Job (RFC 3998): shows as processing-stopped, job-suspended. */
  suspended?: boolean;
  /** Who canceled it, for job-state-reasons (RFC 8011 §5.3.8). */
  canceledBy?: 'user' | 'operator';
  /** Aborted because no Send-Document came within multiple-operation-time-out. */
  timedOut?: boolean;
  /** document-format and compression as supplied, per document (PWG 5100.7 *-supplied). */
  documents?: Array<{ format: string; compression: string; detected: string | null }>;
  /** Created through the default URI /ipp/print: job-printer-uri reports that URI (RFC 8011 §5.3.3). */
  viaDefaultUri?: boolean;
  /**
   * job-password (PWG 5100.11 §6.1.2), base64, job-password-encryption none:
   * the job waits (job-password-wait) until Release-Job brings the same password.
   */
  password?: string;
  /** job-name as supplied, when it differs from the Graph displayName (which is what Graph shows). */
  name?: string;
}

export function extrasOf(job: JobRecord): IppJobExtras {
  return (job.ipp ?? {}) as IppJobExtras;
}

/** Merges into JobRecord.ipp; the caller saves the job. */
export function setExtras(job: JobRecord, patch: Partial<IppJobExtras>): IppJobExtras {
  const next = { ...extrasOf(job), ...patch } as Record<string, unknown>;
  for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
  job.ipp = next;
  return next as IppJobExtras;
}
