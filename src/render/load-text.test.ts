import { describe, expect, it } from 'vitest';
import { decodeText, paginate, textGrid } from './load-text.js';

describe('text pagination', () => {
  const grid = { columns: 10, lines: 3 };

  it('wraps long lines, expands tabs to 8 columns, drops control characters', () => {
    expect(paginate('abcdefghijKLM\na\tb\u0007c', { columns: 10, lines: 10 })).toEqual([['abcdefghij', 'KLM', 'a       bc']]);
  });

  it('starts a page every `lines` lines and at each form feed; CRLF counts as one line end', () => {
    expect(paginate('1\r\n2\r\n3\r\n4\f5\n', grid)).toEqual([['1', '2', '3'], ['4'], ['5']]);
  });

  it('keeps blank lines and a blank page between two form feeds', () => {
    expect(paginate('a\n\nb\f\fc', grid)).toEqual([['a', '', 'b'], [], ['c']]);
  });

  it('fits 92 columns by 67 lines of 10 pt DejaVu Sans Mono on borderless A4', () => {
    expect(textGrid({ width: 595.28, height: 841.89 })).toEqual({ columns: 92, lines: 67 });
  });

  it('decodes UTF-8, warning once and substituting when the bytes are not UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Ωμέγα'))).toEqual({ text: 'Ωμέγα', warnings: [] });
    const latin1 = decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    expect(latin1.text).toBe('caf\uFFFD');
    expect(latin1.warnings).toHaveLength(1);
  });
});
