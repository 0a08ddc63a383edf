// The IPP request the benches send: the four operation attributes every
// request starts with (RFC 8011 §4.1.4), then the operation's own.
import { attr, DelimiterTag, encode, operationId, type IppAttribute, type OperationName } from '../../src/ipp/codec/index.js';

export function ippRequest(printerUri: string, op: OperationName, extra: IppAttribute[]): Buffer {
  const bytes = encode({
    version: { major: 2, minor: 0 },
    code: operationId(op),
    requestId: 1,
    groups: [
      {
        tag: DelimiterTag.operationAttributes,
        attributes: [
          attr.charset('attributes-charset', 'utf-8'),
          attr.naturalLanguage('attributes-natural-language', 'en'),
          attr.uri('printer-uri', printerUri),
          attr.name('requesting-user-name', 'bench'),
          ...extra,
        ],
      },
    ],
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
