// Where a job's IPP hold puts it: job-hold-until (RFC 8011 §5.2.2),
// job-hold-until-time (PWG 5100.7) and Hold-New-Jobs (RFC 3998 §3.3.1) all
// (held by the printer, whatever door a job came through) end up here, so Print-Job, Hold-Job, Set-Job-Attributes and
// Release-Held-New-Jobs agree on it.

import type { JobRecord } from '../model/records.js';
import type { PrintService } from '../core/print-service.js';
import { attr } from './codec/index.js';
import { jobHoldRelease } from './hold-until.js';
import { extrasOf, setExtras } from './job-extras.js';

/** What startJob needs: held until Release-Job, held until a time, or neither. */
export function startHold(job: JobRecord, now: number): { hold: boolean; holdUntil?: number } {
  const extras = extrasOf(job);
  // PWG 5100.11 §6.1.2: a job with a job-password waits for it, whatever its hold time says.
  if (extras.password !== undefined) return { hold: true };
  const release = jobHoldRelease(extras, now);
  return { hold: release === 'indefinite', ...(typeof release === 'number' ? { holdUntil: release } : {}) };
}

/**
 * Moves a pending or held job to where its hold now says: held until
 * Release-Job, held until a time (the service releases it then), or queued.
 * A suspended job (Suspend-Current-Job) stays as it is; so does any other.
 */
export function applyHold(service: PrintService, job: JobRecord, reason: string): void {
  const extras = extrasOf(job);
  if (extras.suspended === true) return;
  const release = jobHoldRelease(extras, service.clock.now());
  const untilReleased = release === 'indefinite' || job.heldNewJob === true || extras.password !== undefined;
  if (job.leaf === 'pending') {
    if (untilReleased) service.holdJob(job, reason);
    else if (release !== 'now') service.holdJob(job, reason, release);
  } else if (job.leaf === 'paused.held') {
    if (untilReleased) service.setHoldUntil(job, null);
    else if (release === 'now') service.releaseJob(job, reason);
    else service.setHoldUntil(job, release);
  }
}

/** Records a new job-hold-until (and job-hold-until-time) on the job, and in what Get-Job-Attributes echoes. */
export function setHoldAttributes(job: JobRecord, holdUntil: string, holdUntilTime?: number): void {
  const template = (extrasOf(job).template ?? []).filter((a) => a.name !== 'job-hold-until' && a.name !== 'job-hold-until-time');
  template.push(attr.keyword('job-hold-until', holdUntil));
  if (holdUntilTime !== undefined) template.push(attr.dateTime('job-hold-until-time', new Date(holdUntilTime)));
  setExtras(job, { holdUntil: holdUntil === 'no-hold' ? undefined : holdUntil, holdUntilTime, template });
}
