// Set-Printer-Attributes (RFC 3380 §4.1): printer-settable-attributes-supported.
// printer-info and the location facts go to the Graph printer (displayName,
// location), so both doors agree; the rest is IPP's own. All or nothing.

import type { PrinterLocation } from '../../model/print-types.js';
import { DelimiterTag, getGroups, ValueTag, type IppAttribute } from '../codec/index.js';
import { IppError } from '../ipp-error.js';
import { assertOperator } from '../operation-context.js';
import { PRINTER_SETTABLE } from '../printer-attributes.js';
import { octets, TEXT_127, TEXT_LIST_MAX } from '../value-limits.js';
import type { Operation } from './operation.js';

const TEXT: number[] = [ValueTag.textWithoutLanguage, ValueTag.textWithLanguage];
const text = (v: unknown): string => (typeof v === 'string' ? v : (v as { value: string }).value);
/** These attributes are text(127): 127 octets (RFC 8011 §5.4.4-§5.4.6, RFC 3380 §4.1). */
const fits = (v: unknown): boolean => octets(text(v)) <= TEXT_127;

export const setPrinterAttributes: Operation = {
  name: 'Set-Printer-Attributes',
  target: 'printer',
  handle(ctx) {
    assertOperator(ctx);
    const attrs = getGroups(ctx.request, DelimiterTag.printerAttributes).flatMap((g) => g.attributes);
    const notSettable = attrs.filter((a) => !PRINTER_SETTABLE.includes(a.name));
    if (notSettable.length > 0) {
      throw new IppError('client-error-attributes-not-settable', `${notSettable.map((a) => a.name).join(', ')} cannot be set (see printer-settable-attributes-supported).`, notSettable);
    }
    const bad: IppAttribute[] = [];
    const changes: Array<() => void> = [];
    const rt = ctx.printer;
    const extras = ctx.door.printerExtras(rt.id);
    const location = (): PrinterLocation => ({ ...(rt.effectiveDefinition().location ?? {}) });
    for (const a of attrs) {
      const isText = TEXT.includes(a.tag);
      const single = a.values.length === 1;
      switch (a.name) {
        case 'printer-info':
          if (!isText || !single || !fits(a.values[0]) || text(a.values[0]).trim() === '') bad.push(a);
          else changes.push(() => ctx.service.updatePrinter(rt.id, { displayName: text(a.values[0]) }));
          break;
        case 'printer-location':
          if (!isText || !single || !fits(a.values[0])) bad.push(a);
          else changes.push(() => (extras.location = text(a.values[0])));
          break;
        case 'printer-message-from-operator':
          if (!isText || !single || !fits(a.values[0])) bad.push(a);
          else changes.push(() => (extras.messageFromOperator = text(a.values[0])));
          break;
        case 'printer-organization':
        case 'printer-organizational-unit': {
          // Each value a text(127); as many as a Graph printerLocation list holds.
          if (!isText || a.values.length > TEXT_LIST_MAX || !a.values.every(fits)) {
            bad.push(a);
            break;
          }
          const values = a.values.map(text).filter((v) => v !== '');
          const key = a.name === 'printer-organization' ? 'organization' : 'subunit';
          changes.push(() => ctx.service.updatePrinter(rt.id, { location: { ...location(), [key]: values } }));
          break;
        }
        case 'printer-geo-location': {
          // RFC 5870 geo URI, or the out-of-band unknown to clear it.
          if (a.tag === ValueTag.unknown) {
            changes.push(() => ctx.service.updatePrinter(rt.id, { location: { ...location(), latitude: null, longitude: null, altitudeInMeters: null } }));
            break;
          }
          const m = a.tag === ValueTag.uri && single ? /^geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:,(-?\d+(?:\.\d+)?))?(?:;.*)?$/.exec(String(a.values[0])) : null;
          if (m === null) {
            bad.push(a);
            break;
          }
          const [lat, lon, alt] = [Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3])];
          if (Math.abs(lat) > 90 || Math.abs(lon) > 180) bad.push(a);
          else changes.push(() => ctx.service.updatePrinter(rt.id, { location: { ...location(), latitude: lat, longitude: lon, altitudeInMeters: alt } }));
          break;
        }
      }
    }
    if (bad.length > 0) {
      throw new IppError('client-error-attributes-or-values-not-supported', `Values not accepted for ${bad.map((a) => a.name).join(', ')}.`, bad);
    }
    for (const change of changes) change();
    if (changes.length > 0) ctx.door.configChanged(rt.id, `Printer attributes ${attrs.map((a) => a.name).join(', ')} set by ${ctx.user}.`);
  },
};
