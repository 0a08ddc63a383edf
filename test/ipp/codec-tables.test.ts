// Cross-checks our keyword tables against the independent ones in npm `ipp`
// 2.0.1 wherever both name the same keyword.

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ENUMS, OPERATIONS, STATUS_CODES } from '../../src/ipp/codec/index.js';

type Xref = Record<string, unknown> & { lookup: Array<string | undefined> };
const ippNpm = createRequire(import.meta.url)('ipp') as {
  statusCodes: Xref;
  operations: Xref;
  enums: Record<string, Xref>;
};

function shared(ours: Readonly<Record<string, number>>, theirs: Xref): Array<[string, number, unknown]> {
  return Object.entries(ours)
    .filter(([keyword]) => Object.hasOwn(theirs, keyword))
    .map(([keyword, n]) => [keyword, n, theirs[keyword]]);
}

describe('tables agree with the npm ipp package', () => {
  it('status codes', () => {
    const both = shared(STATUS_CODES, ippNpm.statusCodes);
    expect(both.length).toBeGreaterThan(40);
    for (const [keyword, ours, theirs] of both) expect(ours, keyword).toBe(theirs);
  });

  it('operations', () => {
    const both = shared(OPERATIONS, ippNpm.operations);
    expect(both.length).toBeGreaterThan(45);
    for (const [keyword, ours, theirs] of both) expect(ours, keyword).toBe(theirs);
  });

  it('enums', () => {
    for (const name of ['job-state', 'printer-state', 'orientation-requested', 'print-quality', 'finishings']) {
      const both = shared(ENUMS[name], ippNpm.enums[name]);
      expect(both.length, name).toBeGreaterThan(2);
      for (const [keyword, ours, theirs] of both) expect(ours, `${name} ${keyword}`).toBe(theirs);
    }
  });
});
