// A tiny IPP client over fetch and printsim's own codec, for tests that need
// what npm `ipp` cannot write (subscription groups, out-of-band values, raw bytes).

import type { Emulator } from '../../src/emulator.js';
import {
  attr,
  DelimiterTag,
  decode,
  encode,
  getAttr,
  getGroups,
  operationId,
  statusCodeKeyword,
  type IppAttribute,
  type IppGroup,
  type IppMessage,
  type IppValue,
  type OperationName,
} from '../../src/ipp/codec/index.js';

export interface IppReply {
  status: string;
  message: IppMessage;
  /** First value of an operation attribute of the response. */
  op(name: string): IppValue | undefined;
  /** Attributes of the n-th group with this tag, by name. */
  group(tag: number, n?: number): Record<string, IppValue[]>;
  groups(tag: number): Array<Record<string, IppValue[]>>;
}

export interface IppRequestOptions {
  /** Printer name; the default printer (/ipp/print) when omitted. */
  printer?: string;
  user?: string;
  /** Operation attributes after charset, natural language, printer-uri and requesting-user-name. */
  operation?: IppAttribute[];
  /** Further groups (job, subscription, printer attributes). */
  groups?: IppGroup[];
  data?: Uint8Array;
  requestId?: number;
}

export function printerUri(emu: Emulator, printer?: string): string {
  return `${emu.baseUrl.replace(/^http/, 'ipp')}/ipp/print${printer === undefined ? '' : `/${printer}`}`;
}

export async function postIpp(emu: Emulator, body: Uint8Array, path = '/ipp/print'): Promise<Response> {
  return fetch(`${emu.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/ipp' }, body: Buffer.from(body) });
}

export function toReply(bytes: Uint8Array): IppReply {
  const { message } = decode(bytes);
  const asRecord = (g: IppGroup | undefined): Record<string, IppValue[]> => Object.fromEntries((g?.attributes ?? []).map((a) => [a.name, a.values]));
  return {
    status: statusCodeKeyword(message.code) ?? `0x${message.code.toString(16)}`,
    message,
    op: (name) => getAttr(message.groups[0], name)?.values[0],
    group: (tag, n = 0) => asRecord(getGroups(message, tag)[n]),
    groups: (tag) => getGroups(message, tag).map(asRecord),
  };
}

/** The encoded request (without `data`): charset, natural language, printer-uri and requesting-user-name first. */
export function ippRequest(emu: Emulator, operation: OperationName, opts: Omit<IppRequestOptions, 'data'> = {}): Uint8Array {
  const message: IppMessage = {
    version: { major: 2, minor: 0 },
    code: operationId(operation),
    requestId: opts.requestId ?? 1,
    groups: [
      {
        tag: DelimiterTag.operationAttributes,
        attributes: [
          attr.charset('attributes-charset', 'utf-8'),
          attr.naturalLanguage('attributes-natural-language', 'en'),
          attr.uri('printer-uri', printerUri(emu, opts.printer)),
          attr.name('requesting-user-name', opts.user ?? 'alice'),
          ...(opts.operation ?? []),
        ],
      },
      ...(opts.groups ?? []),
    ],
  };
  return encode(message);
}

export async function ipp(emu: Emulator, operation: OperationName, opts: IppRequestOptions = {}): Promise<IppReply> {
  const head = ippRequest(emu, operation, opts);
  const body = opts.data === undefined ? head : Buffer.concat([head, opts.data]);
  const res = await postIpp(emu, body);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return toReply(new Uint8Array(await res.arrayBuffer()));
}
