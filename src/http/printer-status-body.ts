// printerStatus from a request body (Graph printer PATCH by the printer
// application, and the fault routes of the control API and console): the
// CSDL's printerStatus {state, details, description}, enums checked.

import { PRINTER_PROCESSING_STATES, PRINTER_STATE_DETAILS, type PrinterStatus } from '../model/print-types.js';
import { PrintsimError } from '../model/errors.js';
import { describe, enumProp, onlyKeys, stringProp } from './json-body.js';

/** description becomes IPP printer-state-message, a text(MAX) (RFC 8011 §5.4.13, §5.1.2). */
export const STATUS_DESCRIPTION_MAX = 1023;

/** A printerStatus; unknown properties and enum members are a 400 naming them. `at` prefixes field names. */
export function parsePrinterStatus(raw: unknown, at = 'status'): PrinterStatus {
  const field = (k: string) => (at === '' ? k : `${at}.${k}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PrintsimError('badRequest', `Property '${at || 'body'}' must be a printerStatus object, got ${describe(raw)}.`, { fields: [at || 'status'] });
  }
  const o = raw as Record<string, unknown>;
  onlyKeys(o, ['state', 'details', 'description'], 'a printerStatus', at);
  const state = enumProp(o, 'state', 'printerProcessingState', PRINTER_PROCESSING_STATES, { at, required: true })!;
  const details = o.details ?? [];
  if (!Array.isArray(details)) {
    throw new PrintsimError('badRequest', `Property '${field('details')}' must be an array of printerProcessingStateDetail, got ${describe(details)}.`, { fields: [field('details')] });
  }
  const seen = new Set<string>();
  for (const d of details as unknown[]) {
    if (typeof d !== 'string' || !(PRINTER_STATE_DETAILS as readonly string[]).includes(d)) {
      throw new PrintsimError(
        'badRequest',
        `Property '${field('details')}': ${describe(d)} is not a printerProcessingStateDetail (for example mediaJam, mediaEmpty, coverOpen, tonerEmpty, paused).`,
        { fields: [field('details')] },
      );
    }
    if (seen.has(d)) throw new PrintsimError('badRequest', `Property '${field('details')}' lists ${describe(d)} twice.`, { fields: [field('details')] });
    seen.add(d);
  }
  const description = stringProp(o, 'description', { at, maxLength: STATUS_DESCRIPTION_MAX }) ?? null;
  return { state, details: details as PrinterStatus['details'], description };
}
