import { PDFArray, PDFBool, PDFContext, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFObject, PDFRef, PDFString } from '../../src/render/pdf.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// pdf.ts patches pdf-lib's parseName; the whole load reads names through it.
import { PDFObjectParser } from '../../src/render/pdf.js';
import { PlainRef, type PlainValue, STRING } from '../../src/render/plain-value.js';
import { SyntaxFault, ValueParser } from '../../src/render/value-parser.js';
import { prng } from '../support/prng.js';

// The scan's parser must read every object as pdf-lib's PDFObjectParser does,
// or give up (it may be stricter, never different).

function fromPdfLib(o: PDFObject): PlainValue {
  if (o instanceof PDFNumber) return o.asNumber();
  if (o instanceof PDFName) return o.decodeText();
  if (o instanceof PDFString || o instanceof PDFHexString) return STRING;
  if (o instanceof PDFRef) return new PlainRef(o.objectNumber, o.generationNumber);
  if (o instanceof PDFArray) return o.asArray().map(fromPdfLib);
  if (o instanceof PDFDict) return new Map([...o.entries()].map(([k, v]) => [k.decodeText(), fromPdfLib(v)]));
  if (o === PDFBool.True) return true;
  if (o === PDFBool.False) return false;
  if (o === PDFNull) return null;
  throw new Error(`unexpected ${o.constructor.name}`);
}

type Outcome = { value: PlainValue; end: number } | 'throws';

function pdfLib(text: string): Outcome {
  const parser = PDFObjectParser.forBytes(Buffer.from(text, 'latin1'), PDFContext.create());
  try {
    const value = fromPdfLib(parser.parseObject());
    return { value, end: (parser as unknown as { bytes: { offset(): number } }).bytes.offset() };
  } catch {
    return 'throws';
  }
}

function ours(text: string): Outcome {
  const parser = ValueParser.of(Buffer.from(text, 'latin1'));
  try {
    return { value: parser.value(), end: parser.pos };
  } catch (e) {
    if (!(e instanceof SyntaxFault)) throw e;
    return 'throws';
  }
}

describe('the value parser', () => {
  // pdf-lib warns about numbers past 2^53.
  beforeAll(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterAll(() => void vi.restoreAllMocks());

  // Where pdf-lib reads on and the scan gives up instead.
  const STRICTER = ['123456789012345678', '9007199254740993', '<< /A 1 >> stream', '[<< >>stream]'];
  const CASES = [
    '0', '-0', '+5', '12', '595.28', '-.5', '.5', '5.', '00012', '1.2.3', '1-2', '--1', '+-1', '-', '.', '+.', '1e5',
    '123456789012345678', '0.000000000000000001', '9007199254740993',
    '1 0 R', '12 3 R', '1.5 0 R', '-1 0 R', '1 0R', '1 %c\n0 %d\nR', '1 2', '1 2 3', '1 2-3', '[1 2 3 R 4]', '[1 2 R3 0 R]',
    '/Name', '/', '/A#42C', '/A#4', '/A#2342', '/A#4a', '/Type/Page', '/a\x80\xff', '/A(', '/A%c',
    '(a)', '(a(b)c)', '(a\\)b)', '(a\\\\)b)', '(a', '((a)', '()', '(\\(\\()',
    '<414243>', '<41 42>', '<>', '<4142', '<<>>', '<< >>', '<</A 1>>', '<</A 1/B 2>>', '<< /A << /B [1 2] >> >>', '<< /A >>',
    '<< /A 1 />>', '<< 1 2 >>', '<</A 1', '<</A/B/C>>', '<</A 1/A 2>>', '<< /A 1 >> stream', '<< /A 1 >> %c\n strea',
    '[]', '[ ]', '[1 [2 [3]]]', '[1', ']', '[/A/B(c)<44>]', '[true false null]', 'true', 'truex', 'nullx', 'falsey', 'tru',
    '{', '}', ')', '>', 'R', '%only a comment', '', '  \t\r\n\f\x00 1', '%c\r%d\n 7', '[<< >>stream]', '[1%c\n]',
  ];

  it.each(CASES)('reads %j as pdf-lib does', (text) => {
    const expected = pdfLib(text);
    const got = ours(text);
    if (got === 'throws' && STRICTER.includes(text)) return;
    expect(got).toEqual(expected);
  });

  it('reads random token soup as pdf-lib does, or gives up', () => {
    const random = prng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const TOKENS = [
      '0', '1', '-2', '3.5', '.', '-', '+', '4 0 R', 'R', '/A', '/B#42', '/', '(', ')', '(x)', '\\', '<', '>', '<<', '>>', '[', ']',
      '<41>', 'true', 'null', 'f', 'stream', '%c\n', ' ', ' ', '\n', '\r', '#', '{', 'e',
    ];
    let answered = 0;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(random() * 12); n > 0; n--) text += pick(TOKENS) + (random() < 0.6 ? ' ' : '');
      const got = ours(text);
      if (got === 'throws') continue;
      answered++;
      expect({ text, outcome: got }).toEqual({ text, outcome: pdfLib(text) });
    }
    expect(answered).toBeGreaterThan(500);
  });
});
