// The most octets a name or text value may hold (RFC 8011 §5.1.2 text(MAX) =
// 1023, §5.1.3 name(MAX) = 255; attributes declared text(127) hold 127). A value
// printsim would store is refused when longer, with the attribute returned in
// the unsupported-attributes group (RFC 8011 §4.1.7), rather than kept.

import type { IppAttribute } from './codec/index.js';
import { IppError } from './ipp-error.js';

export const NAME_MAX = 255;
export const TEXT_MAX = 1023;
/** printer-info, printer-location, printer-message-from-operator, printer-organization[-al-unit] (RFC 8011 §5.4.4-§5.4.6; RFC 3380). */
export const TEXT_127 = 127;

/** Most values of printer-organization or printer-organizational-unit: what a Graph printerLocation list holds. */
export const TEXT_LIST_MAX = 16;

export function octets(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The value as a string, whether with or without a natural language. */
export function stringValue(v: unknown): string {
  return typeof v === 'string' ? v : (v as { value: string }).value;
}

/** Refuses `attribute` when any of its values is longer than `max` octets. */
export function assertWithin(attribute: IppAttribute, max: number): void {
  for (const v of attribute.values) {
    const n = octets(stringValue(v));
    if (n > max) {
      throw new IppError('client-error-attributes-or-values-not-supported', `${attribute.name} is ${n} octets long; at most ${max} are allowed (RFC 8011 §5.1.2, §5.1.3).`, [attribute]);
    }
  }
}
