// Get-Printer-Supported-Values (RFC 3380 §4.3): for each settable printer
// attribute, the values Set-Printer-Attributes takes; free text is
// administrator-defined (the admin-define out-of-band value, RFC 3380).

import { attr, DelimiterTag, type IppAttribute } from '../codec/index.js';
import { PRINTER_SETTABLE } from '../printer-attributes.js';
import { requestedNames } from '../requested-attributes.js';
import type { Operation } from './operation.js';

function supportedValues(name: string): IppAttribute {
  return name === 'printer-geo-location' ? attr.uriScheme(name, 'geo') : attr.oob(name, 'admin-define');
}

export const getPrinterSupportedValues: Operation = {
  name: 'Get-Printer-Supported-Values',
  target: 'printer',
  handle(ctx) {
    const want = requestedNames(ctx.operation);
    const names = want === null || want.has('all') ? PRINTER_SETTABLE : PRINTER_SETTABLE.filter((n) => want.has(n));
    ctx.response.group(DelimiterTag.printerAttributes, names.map(supportedValues));
  },
};
