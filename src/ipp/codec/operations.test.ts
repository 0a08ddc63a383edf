import { describe, expect, it } from 'vitest';
import { OPERATIONS, operationId, operationName } from './operations.js';

describe('operation ids (RFC 8011 §5.4.15)', () => {
  it('map both ways', () => {
    expect(operationId('Print-Job')).toBe(0x0002);
    expect(operationId('Get-Notifications')).toBe(0x001c);
    expect(operationId('Close-Job')).toBe(0x003b);
    expect(operationName(0x000b)).toBe('Get-Printer-Attributes');
    expect(operationName(0x0039)).toBe('Cancel-My-Jobs');
    expect(operationName(0x0001)).toBeUndefined();
    expect(operationName(0x0032)).toBeUndefined();
  });

  it('each id once, all within 0x0002-0x003d', () => {
    const ids = Object.values(OPERATIONS);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBe(0x0002);
    expect(Math.max(...ids)).toBe(0x003d);
  });
});
