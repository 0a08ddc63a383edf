// Set-Job-Attributes (RFC 3380 §4.2): before the job is processed, its
// template attributes (through the mapping table, so Graph sees the change),
// job-name, job-hold-until and job-hold-until-time. All or nothing: one
// unsupported value refuses the lot.

import type { PrintJobConfiguration } from '../../model/print-types.js';
import { mergeConfiguration } from '../../core/validate-configuration.js';
import { dateTimeToDate, ValueTag, type IppAttribute, type IppDateTime } from '../codec/index.js';
import { IppError } from '../ipp-error.js';
import { extrasOf, setExtras } from '../job-extras.js';
import { applyHold } from '../job-hold.js';
import { templateRow } from '../job-template-mapping.js';
import { assertMayAlter, jobGroupAttributes, requireJob } from '../operation-context.js';
import { JOB_SETTABLE } from '../printer-attributes.js';
import { NAME_MAX, octets, stringValue } from '../value-limits.js';
import type { Operation } from './operation.js';

const NOT_STARTED = new Set(['paused.uploadPending', 'pending', 'paused.held', 'paused.releaseWait']);

export const setJobAttributes: Operation = {
  name: 'Set-Job-Attributes',
  target: 'job',
  handle(ctx) {
    const job = requireJob(ctx);
    assertMayAlter(ctx, job);
    if (!NOT_STARTED.has(job.leaf) || extrasOf(job).suspended === true) {
      throw new IppError('client-error-not-possible', `Job ${job.id} is being processed or has finished; its attributes can no longer change (RFC 3380 §4.2).`);
    }
    const attributes = jobGroupAttributes(ctx);
    const printer = ctx.printer.effectiveDefinition();
    const notSettable: IppAttribute[] = [];
    const unsupported: IppAttribute[] = [];
    let patch: PrintJobConfiguration = {};
    let name: string | undefined;
    let holdUntil: string | undefined;
    let holdUntilTime: number | undefined;
    const template = [...(extrasOf(job).template ?? [])];
    for (const a of attributes) {
      if (!JOB_SETTABLE.includes(a.name)) {
        notSettable.push(a);
        continue;
      }
      if (a.name === 'job-name') {
        // name(MAX): 255 octets (RFC 8011 §5.1.3, §5.3.5).
        if ((a.tag === ValueTag.nameWithoutLanguage || a.tag === ValueTag.nameWithLanguage) && a.values.length === 1 && octets(stringValue(a.values[0])) <= NAME_MAX) {
          const v = a.values[0];
          name = typeof v === 'string' ? v : (v as { value: string }).value;
        } else unsupported.push(a);
        continue;
      }
      const accepted = templateRow(a.name)!.accept(a, printer);
      if (accepted === null || accepted.partial === true) {
        unsupported.push(a);
        continue;
      }
      patch = mergeConfiguration(patch, accepted.patch);
      const i = template.findIndex((x) => x.name === a.name);
      if (i >= 0) template.splice(i, 1);
      template.push(a);
      if (a.name === 'job-hold-until') holdUntil = a.values[0] as string;
      if (a.name === 'job-hold-until-time') holdUntilTime = dateTimeToDate(a.values[0] as IppDateTime).getTime();
    }
    if (notSettable.length > 0) {
      throw new IppError('client-error-attributes-not-settable', `${notSettable.map((a) => a.name).join(', ')} cannot be set (see job-settable-attributes-supported).`, notSettable);
    }
    if (unsupported.length > 0) {
      throw new IppError('client-error-attributes-or-values-not-supported', `${unsupported.map((a) => a.name).join(', ')}: value not supported by this printer.`, unsupported);
    }
    if (Object.keys(patch).length > 0) ctx.service.updateJobConfiguration(job.id, undefined, patch);
    if (name !== undefined) job.displayName = name;
    if (holdUntil === undefined && holdUntilTime === undefined) setExtras(job, { template });
    else {
      // A new job-hold-until replaces an earlier job-hold-until-time, which would otherwise win.
      const kept = holdUntilTime === undefined ? template.filter((a) => a.name !== 'job-hold-until-time') : template;
      setExtras(job, { template: kept, holdUntilTime, ...(holdUntil === undefined ? {} : { holdUntil: holdUntil === 'no-hold' ? undefined : holdUntil }) });
      applyHold(ctx.service, job, `hold changed by ${ctx.user} (IPP Set-Job-Attributes)`);
    }
    ctx.service.saveJob(job);
    ctx.door.recordJobEvent(job, ['job-config-changed'], `Job ${job.id} attributes changed by ${ctx.user}.`);
  },
};
