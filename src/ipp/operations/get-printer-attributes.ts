// Get-Printer-Attributes (RFC 8011 §4.2.5): requested-attributes names and
// groups, document-format for the values that depend on it.

import { DelimiterTag, ValueTag, attr } from '../codec/index.js';
import { IppError } from '../ipp-error.js';
import { opString } from '../operation-context.js';
import { documentFormats, printerAttributes } from '../printer-attributes.js';
import { requestedNames, selectPrinterAttributes } from '../requested-attributes.js';
import type { Operation } from './operation.js';

export const getPrinterAttributes: Operation = {
  name: 'Get-Printer-Attributes',
  target: 'printer',
  handle(ctx) {
    const format = opString(ctx, 'document-format', [ValueTag.mimeMediaType])?.toLowerCase() ?? null;
    if (format !== null && !documentFormats(ctx.printer.effectiveDefinition()).includes(format)) {
      throw new IppError('client-error-document-format-not-supported', `document-format '${format}' is not supported by this printer.`, [
        attr.mimeMediaType('document-format', format),
      ]);
    }
    const all = printerAttributes({ door: ctx.door, printer: ctx.printer, host: ctx.http.host, operations: ctx.operationIds, documentFormat: format });
    ctx.response.group(DelimiterTag.printerAttributes, selectPrinterAttributes(all, requestedNames(ctx.operation)));
  },
};
