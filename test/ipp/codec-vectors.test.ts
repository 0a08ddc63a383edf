// Byte-level vectors captured from ipptool, ippeveprinter and the npm `ipp`
// client (test/fixtures/ipp/README.md): exact decoded structure, byte-exact
// re-encoding, and the error kinds on corrupted copies of real requests.

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  DelimiterTag,
  IppDecodeError,
  ValueTag,
  attr,
  decode,
  decodeHeader,
  encode,
  enumKeyword,
  firstNumber,
  getAttr,
  getGroups,
  operationId,
  statusCode,
  type IppAttribute,
  type IppMessage,
} from '../../src/ipp/codec/index.js';
import { loadVector, vectorNames } from './codec-fixtures.js';

const CAPTURE_URI = 'ipp://127.0.0.1:8632/ipp/print';
const OP = DelimiterTag.operationAttributes;
const JOB = DelimiterTag.jobAttributes;
const PRINTER = DelimiterTag.printerAttributes;

/** The npm `ipp` package (CommonJS, untyped): used only as a client/encoder here. */
interface IppNpm {
  serialize(msg: Record<string, unknown>): Buffer;
  parse(buf: Buffer): Record<string, unknown>;
}
const ippNpm = createRequire(import.meta.url)('ipp') as IppNpm;

function requestStart(user = true): IppAttribute[] {
  return [
    attr.charset('attributes-charset', 'utf-8'),
    attr.naturalLanguage('attributes-natural-language', 'en'),
    attr.uri('printer-uri', CAPTURE_URI),
    ...(user ? [attr.name('requesting-user-name', 'printsim')] : []),
  ];
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

describe('ipptool request captures', () => {
  it('Get-Printer-Attributes: IPP/2.0 with a 1setOf keyword', () => {
    const bytes = loadVector('ipptool-get-printer-attributes');
    const { message, dataOffset } = decode(bytes);
    expect(message).toStrictEqual({
      version: { major: 2, minor: 0 },
      code: operationId('Get-Printer-Attributes'),
      requestId: 0x0001ba0b,
      groups: [
        {
          tag: OP,
          attributes: [...requestStart(false), attr.keyword('requested-attributes', 'all', 'media-col-database')],
        },
      ],
    } satisfies IppMessage);
    expect(dataOffset).toBe(bytes.length);
  });

  it('Print-Job: attributes, then the PDF from dataOffset on, byte for byte', () => {
    const bytes = loadVector('ipptool-print-job');
    const { message, dataOffset } = decode(bytes);
    expect(message).toStrictEqual({
      version: { major: 1, minor: 1 },
      code: operationId('Print-Job'),
      requestId: 0xc2cd,
      groups: [
        { tag: OP, attributes: [...requestStart(), attr.mimeMediaType('document-format', 'application/pdf')] },
        { tag: JOB, attributes: [attr.integer('copies', 1)] },
      ],
    });
    expect(dataOffset).toBe(202);
    const pdf = bytes.subarray(dataOffset);
    expect(pdf.length).toBe(1066);
    expect(text(pdf.subarray(0, 8))).toBe('%PDF-1.4');
    expect(text(pdf).trimEnd().endsWith('%%EOF')).toBe(true);
    // The binary comment line of the PDF survives (the npm parser turns it into U+FFFD).
    expect([...pdf.subarray(9, 15)]).toEqual([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]);
  });

  it('Print-Job with media-col: nested collection and an enum', () => {
    const { message, dataOffset } = decode(loadVector('ipptool-print-job-media-col'));
    expect(message.groups).toStrictEqual([
      { tag: OP, attributes: [...requestStart(), attr.mimeMediaType('document-format', 'application/octet-stream')] },
      {
        tag: JOB,
        attributes: [
          attr.collection('media-col', [
            attr.collection('media-size', [attr.integer('x-dimension', 10160), attr.integer('y-dimension', 15240)]),
            attr.integer('media-left-margin', 0),
            attr.integer('media-right-margin', 0),
            attr.integer('media-top-margin', 0),
            attr.integer('media-bottom-margin', 0),
          ]),
          attr.enum('print-quality', 'high'),
        ],
      },
    ]);
    expect(dataOffset).toBe(438);
  });

  it('Create-Job then Send-Document with last-document', () => {
    const create = decode(loadVector('ipptool-create-job'));
    expect(create.message).toStrictEqual({
      version: { major: 1, minor: 1 },
      code: operationId('Create-Job'),
      requestId: 0x8766,
      groups: [
        { tag: OP, attributes: requestStart() },
        { tag: JOB, attributes: [attr.integer('copies', 1)] },
      ],
    });
    const sendBytes = loadVector('ipptool-send-document');
    const send = decode(sendBytes);
    expect(send.message).toStrictEqual({
      version: { major: 1, minor: 1 },
      code: operationId('Send-Document'),
      requestId: 0x8767,
      groups: [
        {
          tag: OP,
          attributes: [
            ...requestStart(false),
            attr.integer('job-id', 1),
            attr.name('requesting-user-name', 'printsim'),
            attr.mimeMediaType('document-format', 'application/pdf'),
            attr.boolean('last-document', true),
          ],
        },
      ],
    });
    expect(sendBytes.length - send.dataOffset).toBe(1066);
  });

  it('every value syntax ipptool writes', () => {
    const { message } = decode(loadVector('ipptool-all-syntaxes'));
    expect(message.version).toStrictEqual({ major: 2, minor: 0 });
    expect(message.code).toBe(operationId('Validate-Job'));
    expect(message.groups).toStrictEqual([
      {
        tag: OP,
        attributes: [
          ...requestStart(),
          // ipptool writes an empty language when none is given.
          attr.nameWithLanguage('job-name', '', 'Prüfung'),
          attr.mimeMediaType('document-format', 'application/pdf'),
          attr.boolean('ipp-attribute-fidelity', true),
        ],
      },
      {
        tag: JOB,
        attributes: [
          attr.integer('copies', 2),
          attr.enum('orientation-requested', 'landscape'),
          attr.enum('finishings', 'staple', 'punch'),
          attr.range('page-ranges', [1, 3], [5, 5]),
          attr.resolution('printer-resolution', { x: 600, y: 600, units: 3 }),
          attr.keyword('sides', 'two-sided-long-edge'),
          attr.text('job-message-to-operator', 'Grüße'),
          attr.textWithLanguage('job-sheet-message', '', 'bonjour'),
          attr.dateTime('job-hold-until-time', new Date('2024-11-05T13:30:15Z')),
          attr.octetString('job-password', new TextEncoder().encode('secret')),
          attr.uriScheme('printer-uri-scheme', 'ipps'),
          attr.oob('job-account-id', 'no-value'),
          attr.oob('job-accounting-user-id', 'unknown'),
          attr.keyword('media-type', 'stationery'),
          attr.collection(
            'media-col',
            [
              attr.collection('media-size', [attr.integer('x-dimension', 21000), attr.integer('y-dimension', 29700)]),
              attr.keyword('media-source', 'tray-1'),
            ],
            [attr.keyword('media-type', 'stationery', 'photographic')],
          ),
        ],
      },
    ]);
  });

  it('Get-Jobs with a 1setOf requested-attributes', () => {
    const { message } = decode(loadVector('ipptool-get-jobs'));
    expect(message.groups).toStrictEqual([
      {
        tag: OP,
        attributes: [
          ...requestStart(),
          attr.keyword('which-jobs', 'completed'),
          attr.integer('limit', 10),
          attr.boolean('my-jobs', false),
          attr.keyword('requested-attributes', 'job-id', 'job-uri', 'job-state', 'job-state-reasons', 'job-name'),
        ],
      },
    ]);
  });
});

describe('ippeveprinter response captures', () => {
  it('Print-Job response', () => {
    const { message } = decode(loadVector('ippeveprinter-print-job-response'));
    expect(message).toStrictEqual({
      version: { major: 2, minor: 0 },
      code: statusCode('successful-ok'),
      requestId: 2,
      groups: [
        {
          tag: OP,
          attributes: [attr.charset('attributes-charset', 'utf-8'), attr.naturalLanguage('attributes-natural-language', 'en')],
        },
        {
          tag: JOB,
          attributes: [
            attr.integer('job-id', 2),
            attr.uri('job-uri', 'ipp://localhost:8633/ipp/print/2'),
            attr.enum('job-state', 'pending'),
            attr.text('job-state-message', 'Job pending.'),
            attr.keyword('job-state-reasons', 'none'),
          ],
        },
      ],
    });
  });

  it('Get-Jobs response: one job group per job, in order', () => {
    const { message } = decode(loadVector('ippeveprinter-get-jobs-response'));
    const jobs = getGroups(message, JOB);
    expect(jobs.map((g) => firstNumber(g, 'job-id'))).toEqual([2, 1]);
    expect(jobs[0].attributes.map((a) => a.name)).toEqual([
      'job-name',
      'job-id',
      'job-uri',
      'date-time-at-completed',
      'job-printer-up-time',
      'job-state',
      'job-state-reasons',
      'time-at-completed',
    ]);
    expect(getAttr(jobs[1], 'date-time-at-completed')).toStrictEqual(
      attr.dateTime('date-time-at-completed', new Date('2026-11-22T19:25:40Z')),
    );
    expect(enumKeyword('job-state', firstNumber(jobs[1], 'job-state') ?? 0)).toBe('completed');
  });

  it('Get-Printer-Attributes response: media-col-database, ranges, resolutions, out-of-band', () => {
    const { message } = decode(loadVector('ippeveprinter-get-printer-attributes-response'));
    expect(message.groups.map((g) => [g.tag, g.attributes.length])).toEqual([
      [OP, 2],
      [PRINTER, 104],
    ]);
    const printer = message.groups[1];
    const database = getAttr(printer, 'media-col-database');
    expect(database?.tag).toBe(ValueTag.begCollection);
    expect(database?.values).toHaveLength(5);
    expect(database?.values[3]).toStrictEqual([
      attr.keyword('media-key', 'na_number-10_4.125x9.5in_by-pass-tray'),
      attr.collection('media-size', [attr.integer('x-dimension', 10477), attr.integer('y-dimension', 24130)]),
      attr.keyword('media-size-name', 'na_number-10_4.125x9.5in'),
      attr.integer('media-bottom-margin', 635),
      attr.integer('media-left-margin', 635),
      attr.integer('media-right-margin', 635),
      attr.integer('media-top-margin', 635),
      attr.keyword('media-source', 'by-pass-tray'),
    ]);
    expect(getAttr(printer, 'copies-supported')).toStrictEqual(attr.range('copies-supported', [1, 999]));
    expect(getAttr(printer, 'pwg-raster-document-resolution-supported')).toStrictEqual(
      attr.resolution(
        'pwg-raster-document-resolution-supported',
        { x: 300, y: 300, units: 3 },
        { x: 600, y: 600, units: 3 },
      ),
    );
    expect(getAttr(printer, 'printer-geo-location')).toStrictEqual(attr.oob('printer-geo-location', 'unknown'));
    expect(getAttr(printer, 'operations-supported')?.values.map((v) => enumKeyword('operations-supported', v as number)))
      .toEqual([
        'Print-Job',
        'Print-URI',
        'Validate-Job',
        'Create-Job',
        'Send-Document',
        'Send-URI',
        'Cancel-Job',
        'Get-Job-Attributes',
        'Get-Jobs',
        'Get-Printer-Attributes',
        'Cancel-My-Jobs',
        'Close-Job',
        'Identify-Printer',
      ]);
    const supply = getAttr(printer, 'printer-supply')?.values[1];
    expect(supply).toBeInstanceOf(Uint8Array);
    expect(text(supply as Uint8Array)).toContain('type=toner');
  });
});

describe('npm ipp 2.0.1 client requests', () => {
  // The call that produced ipp-npm-print-job.hex. Collections and 1setOf ranges
  // are written in the shapes the package needs (see npm-deps.md §2).
  const npmPrintJob = {
    version: '2.0',
    operation: 'Print-Job',
    id: 42,
    'operation-attributes-tag': {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'en',
      'printer-uri': CAPTURE_URI,
      'requesting-user-name': 'printsim',
      'job-name': 'ipp npm job',
      'document-format': 'application/pdf',
    },
    'job-attributes-tag': {
      copies: 2,
      sides: 'two-sided-long-edge',
      'page-ranges': [
        [1, 3],
        [5, 5],
      ],
      'orientation-requested': 'landscape',
      'print-quality': 'high',
      'printer-resolution': [[600, 600, 'dpi']],
      'media-col': {
        'media-size': { 'x-dimension': 21000, 'y-dimension': 29700 },
        'media-source': 'main',
        'media-type': 'stationery',
      },
    },
    data: Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  };

  const expected: IppMessage = {
    version: { major: 2, minor: 0 },
    code: operationId('Print-Job'),
    requestId: 42,
    groups: [
      {
        tag: OP,
        attributes: [
          ...requestStart(),
          attr.name('job-name', 'ipp npm job'),
          attr.mimeMediaType('document-format', 'application/pdf'),
        ],
      },
      {
        tag: JOB,
        attributes: [
          attr.integer('copies', 2),
          attr.keyword('sides', 'two-sided-long-edge'),
          attr.range('page-ranges', [1, 3], [5, 5]),
          attr.enum('orientation-requested', 'landscape'),
          attr.enum('print-quality', 'high'),
          attr.resolution('printer-resolution', { x: 600, y: 600, units: 3 }),
          attr.collection('media-col', [
            attr.collection('media-size', [attr.integer('x-dimension', 21000), attr.integer('y-dimension', 29700)]),
            attr.keyword('media-source', 'main'),
            attr.keyword('media-type', 'stationery'),
          ]),
        ],
      },
    ],
  };

  it('decodes the captured Print-Job with page-ranges and media-col', () => {
    const bytes = loadVector('ipp-npm-print-job');
    const { message, dataOffset } = decode(bytes);
    expect(message).toStrictEqual(expected);
    expect(text(bytes.subarray(dataOffset))).toBe('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  });

  it('the package still writes those bytes, and our encoder writes the same', () => {
    const fixture = loadVector('ipp-npm-print-job');
    const serialized = new Uint8Array(ippNpm.serialize(npmPrintJob));
    expect(Buffer.from(serialized).equals(Buffer.from(fixture))).toBe(true);
    const ours = encode(expected);
    expect(Buffer.from(ours).equals(Buffer.from(fixture.subarray(0, decode(fixture).dataOffset)))).toBe(true);
  });

  it('the package parses responses we encode (Print-Job, Get-Jobs with two job groups)', () => {
    const start = [attr.charset('attributes-charset', 'utf-8'), attr.naturalLanguage('attributes-natural-language', 'en')];
    const job = (id: number): IppAttribute[] => [
      attr.integer('job-id', id),
      attr.uri('job-uri', `ipp://127.0.0.1:8632/ipp/print/${id}`),
      attr.enum('job-state', 'processing'),
      attr.keyword('job-state-reasons', 'job-printing', 'job-incoming'),
    ];
    const printJob = ippNpm.parse(
      Buffer.from(
        encode({
          version: { major: 2, minor: 0 },
          code: statusCode('successful-ok'),
          requestId: 7,
          groups: [
            { tag: OP, attributes: [...start, attr.text('status-message', 'OK')] },
            { tag: JOB, attributes: job(5) },
          ],
        }),
      ),
    );
    expect(printJob).toMatchObject({
      version: '2.0',
      statusCode: 'successful-ok',
      id: 7,
      'operation-attributes-tag': { 'attributes-charset': 'utf-8', 'status-message': 'OK' },
      'job-attributes-tag': {
        'job-id': 5,
        'job-state': 'processing',
        'job-state-reasons': ['job-printing', 'job-incoming'],
      },
    });
    const getJobs = ippNpm.parse(
      Buffer.from(
        encode({
          version: { major: 2, minor: 0 },
          code: statusCode('successful-ok'),
          requestId: 8,
          groups: [
            { tag: OP, attributes: start },
            { tag: JOB, attributes: job(5) },
            { tag: JOB, attributes: job(6) },
          ],
        }),
      ),
    );
    expect((getJobs['job-attributes-tag'] as Array<Record<string, unknown>>).map((j) => j['job-id'])).toEqual([5, 6]);
  });
});

describe('every capture', () => {
  for (const name of vectorNames()) {
    it(`${name}: encode(decode(bytes)) gives the bytes back`, () => {
      const bytes = loadVector(name);
      const { message, dataOffset } = decode(bytes);
      expect(Buffer.from(encode(message)).equals(Buffer.from(bytes.subarray(0, dataOffset)))).toBe(true);
      expect(decode(encode(message)).message).toStrictEqual(message);
    });
  }
});

describe('corrupted captures fail with a typed error', () => {
  // Create-Job from ipptool: `requesting-user-name` starts at byte 0x75.
  const create = loadVector('ipptool-create-job');
  const nameLengthAt = 0x76;
  const nameValueLengthAt = nameLengthAt + 2 + 'requesting-user-name'.length;

  function kindOf(bytes: Uint8Array): string {
    try {
      decode(bytes);
    } catch (e) {
      return e instanceof IppDecodeError ? e.kind : `not an IppDecodeError: ${String(e)}`;
    }
    return 'ok';
  }

  function patch(bytes: Uint8Array, at: number, ...values: number[]): Uint8Array {
    const copy = new Uint8Array(bytes);
    copy.set(values, at);
    return copy;
  }

  it('the offsets above point where they should', () => {
    expect(create[0x75]).toBe(ValueTag.nameWithoutLanguage);
    expect(text(create.subarray(nameLengthAt + 2, nameValueLengthAt))).toBe('requesting-user-name');
  });

  it('header cut short: noHeader, so the door answers HTTP 400', () => {
    for (const n of [0, 1, 7]) {
      expect(kindOf(create.subarray(0, n))).toBe('noHeader');
      expect(() => decodeHeader(create.subarray(0, n))).toThrow(IppDecodeError);
    }
    expect(decodeHeader(create.subarray(0, 8))).toStrictEqual({
      version: { major: 1, minor: 1 },
      code: 5,
      requestId: 0x8766,
    });
  });

  it('name-length 0xFFFF: badLength at once, with the header for the bad-request answer', () => {
    const bad = patch(create, nameLengthAt, 0xff, 0xff);
    let error: IppDecodeError | undefined;
    try {
      decode(bad);
    } catch (e) {
      error = e as IppDecodeError;
    }
    expect(error?.kind).toBe('badLength');
    expect(error?.offset).toBe(nameLengthAt);
    expect(error?.header?.requestId).toBe(0x8766);
  });

  it('a 40 000-byte value: value-length 0x9C40 is badLength even when the bytes are there', () => {
    const head = create.subarray(0, nameValueLengthAt);
    const big = new Uint8Array(head.length + 2 + 40_000 + 1);
    big.set(head);
    big.set([0x9c, 0x40], head.length);
    big.fill(0x61, head.length + 2, big.length - 1);
    big[big.length - 1] = DelimiterTag.endOfAttributes;
    expect(kindOf(big)).toBe('badLength');
  });

  it('value-length past the end of the input: truncated', () => {
    expect(kindOf(patch(create, nameValueLengthAt, 0x70, 0x00))).toBe('truncated');
  });

  it('missing end-of-attributes-tag: truncated', () => {
    expect(kindOf(create.subarray(0, create.length - 1))).toBe('truncated');
  });

  it('every prefix of every capture is truncated or noHeader, never anything else', () => {
    const wrong: string[] = [];
    for (const name of vectorNames()) {
      const bytes = loadVector(name);
      const end = decode(bytes).dataOffset;
      // Every cut of the requests; every 7th of the 9 KB printer response, to stay fast.
      const step = end > 2000 ? 7 : 1;
      for (let n = 0; n < end; n += step) {
        const kind = kindOf(bytes.subarray(0, n));
        if (kind !== (n < 8 ? 'noHeader' : 'truncated')) wrong.push(`${name} cut at ${n}: ${kind}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
