// printerLocation from a request body (Graph printer PATCH). Only the CSDL's
// properties, each of its declared type: eleven strings, three string
// collections, altitudeInMeters (Edm.Int32) and latitude/longitude (Edm.Double).

import type { PrinterLocation } from '../model/print-types.js';
import { PrintsimError } from '../model/errors.js';
import { describe, intProp, isPlainObject, numberProp, onlyKeys, stringArrayProp, stringProp } from './json-body.js';

/** IPP's printer-info, printer-location and printer-make-and-model are text(127) (RFC 8011 §5.4.4-§5.4.6, §5.4.9). */
export const PRINTER_TEXT_MAX = 127;
/** Most values in organization, subdivision or subunit. */
export const LOCATION_LIST_MAX = 16;

const STRINGS = [
  'building', 'city', 'countryOrRegion', 'floor', 'floorDescription', 'postalCode', 'roomDescription',
  'roomName', 'site', 'stateOrProvince', 'streetAddress',
] as const;
const STRING_LISTS = ['organization', 'subdivision', 'subunit'] as const;
const KEYS = [...STRINGS, ...STRING_LISTS, 'altitudeInMeters', 'latitude', 'longitude'];

/** A printerLocation, or null to clear it; anything else is a 400 naming the property. */
export function parsePrinterLocation(raw: unknown, at = 'location'): PrinterLocation | null {
  if (raw === null) return null;
  if (!isPlainObject(raw)) {
    throw new PrintsimError('badRequest', `Property '${at}' must be a printerLocation object or null, got ${describe(raw)}.`, { fields: [at] });
  }
  onlyKeys(raw, KEYS, 'a printerLocation', at);
  const out: Record<string, unknown> = {};
  for (const key of STRINGS) {
    if (raw[key] === null) out[key] = null;
    const v = stringProp(raw, key, { at, maxLength: PRINTER_TEXT_MAX });
    if (v !== undefined) out[key] = v;
  }
  for (const key of STRING_LISTS) {
    if (raw[key] === null) out[key] = null;
    const v = stringArrayProp(raw, key, { at, maxItems: LOCATION_LIST_MAX, maxLength: PRINTER_TEXT_MAX });
    if (v !== undefined) out[key] = v;
  }
  const numbers: Array<[string, number | undefined]> = [
    ['altitudeInMeters', intProp(raw, 'altitudeInMeters', { at })],
    ['latitude', numberProp(raw, 'latitude', { at, min: -90, max: 90 })],
    ['longitude', numberProp(raw, 'longitude', { at, min: -180, max: 180 })],
  ];
  for (const [key, v] of numbers) {
    if (raw[key] === null) out[key] = null;
    if (v !== undefined) out[key] = v;
  }
  return out as PrinterLocation;
}
