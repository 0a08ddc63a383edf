// requested-attributes (RFC 8011 §4.2.5.1, §4.3.4.1): attribute names and
// group names. Printer groups: all, job-template, printer-description,
// media-col-database (PWG 5100.7: only when asked for by name), and
// subscription-template (RFC 3995). Job groups: all, job-template,
// job-description (and job-status, PWG 5100.7).

import { getAttr, ValueTag, type IppAttribute, type IppGroup } from './codec/index.js';
import { badRequest } from './ipp-error.js';

export type PrinterGroup = 'job-template' | 'printer-description' | 'media-col-database' | 'subscription-template';
export type JobGroup = 'job-template' | 'job-description';

export interface Tagged<G extends string> {
  group: G;
  attribute: IppAttribute;
}

/** The requested names, or null when the request has none (each operation has its default). */
export function requestedNames(operation: IppGroup | undefined): Set<string> | null {
  const a = getAttr(operation, 'requested-attributes');
  if (a === undefined) return null;
  if (a.tag !== ValueTag.keyword || a.valueTags !== undefined) badRequest('requested-attributes must be 1setOf keyword (RFC 8011 §4.2.5.1).');
  return new Set(a.values as string[]);
}

export function selectPrinterAttributes(all: Array<Tagged<PrinterGroup>>, requested: Set<string> | null): IppAttribute[] {
  const want = requested ?? new Set(['all']);
  return all
    .filter(({ group, attribute }) => {
      if (want.has(attribute.name)) return true;
      // media-col-database is large: only returned when named (PWG 5100.7).
      if (group === 'media-col-database') return want.has('media-col-database');
      if (want.has('all')) return true;
      if (group === 'subscription-template') return want.has('subscription-template') || want.has('printer-description');
      return want.has(group);
    })
    .map((t) => t.attribute);
}

export function selectJobAttributes(all: Array<Tagged<JobGroup>>, requested: Set<string> | null, byDefault: readonly string[] = ['all']): IppAttribute[] {
  const want = requested ?? new Set(byDefault);
  return all
    .filter(({ group, attribute }) => {
      if (want.has(attribute.name) || want.has('all')) return true;
      if (group === 'job-description') return want.has('job-description') || want.has('job-status');
      return want.has(group);
    })
    .map((t) => t.attribute);
}
