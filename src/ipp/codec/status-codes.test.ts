import { describe, expect, it } from 'vitest';
import { STATUS_CODES, isSuccessfulStatus, statusCode, statusCodeKeyword } from './status-codes.js';

describe('status codes (RFC 8011 §4.1.6)', () => {
  it('map both ways', () => {
    expect(statusCode('client-error-bad-request')).toBe(0x0400);
    expect(statusCode('server-error-version-not-supported')).toBe(0x0503);
    expect(statusCodeKeyword(0x040b)).toBe('client-error-attributes-or-values-not-supported');
    expect(statusCodeKeyword(0x0001)).toBe('successful-ok-ignored-or-substituted-attributes');
    expect(statusCodeKeyword(0x0499)).toBeUndefined();
  });

  it('each code once; only 0x00xx is successful', () => {
    expect(new Set(Object.values(STATUS_CODES)).size).toBe(Object.keys(STATUS_CODES).length);
    for (const [keyword, code] of Object.entries(STATUS_CODES)) {
      expect(isSuccessfulStatus(code), keyword).toBe(keyword.startsWith('successful-'));
    }
  });
});
