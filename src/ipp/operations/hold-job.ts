// Hold-Job (RFC 8011 §4.3.5): a job that has not started waits as pending-held,
// until Release-Job or the end of its job-hold-until period (any value of
// job-hold-until-supported; indefinite when none is given), or until its
// job-hold-until-time (PWG 5100.7). A period that has already begun leaves the
// job a candidate for processing (RFC 8011 §5.2.2).

import { attr, dateTimeToDate, getAttr, ValueTag, type IppDateTime } from '../codec/index.js';
import { HOLD_UNTIL_SUPPORTED } from '../hold-until.js';
import { IppError } from '../ipp-error.js';
import { extrasOf } from '../job-extras.js';
import { applyHold, setHoldAttributes } from '../job-hold.js';
import { templateRow } from '../job-template-mapping.js';
import { assertMayAlter, opString, requireJob } from '../operation-context.js';
import type { Operation } from './operation.js';

export const holdJob: Operation = {
  name: 'Hold-Job',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    const until = opString(ctx, 'job-hold-until', [ValueTag.keyword, ValueTag.nameWithoutLanguage, ValueTag.nameWithLanguage]) ?? 'indefinite';
    if (!(HOLD_UNTIL_SUPPORTED as readonly string[]).includes(until)) {
      throw new IppError('client-error-attributes-or-values-not-supported', `job-hold-until '${until}' is not supported (supported: ${HOLD_UNTIL_SUPPORTED.join(', ')}).`, [
        attr.keyword('job-hold-until', until),
      ]);
    }
    const time = getAttr(ctx.operation, 'job-hold-until-time');
    if (time !== undefined && templateRow('job-hold-until-time')!.accept(time, ctx.printer.effectiveDefinition()) === null) {
      throw new IppError('client-error-attributes-or-values-not-supported', 'job-hold-until-time must be one dateTime value (PWG 5100.7).', [time]);
    }
    const untilTime = time === undefined ? undefined : dateTimeToDate(time.values[0] as IppDateTime).getTime();
    const started = job.leaf !== 'paused.uploadPending' && job.leaf !== 'pending' && job.leaf !== 'paused.held';
    if (started || extrasOf(job).suspended === true) {
      throw new IppError('client-error-not-possible', `Job ${job.id} has already started or finished; only a job that has not started can be held.`);
    }
    setHoldAttributes(job, until, untilTime);
    applyHold(ctx.service, job, `held by ${ctx.user} (IPP Hold-Job, job-hold-until ${until})`);
    ctx.service.saveJob(job);
  },
};
