import { describe, expect, it } from 'vitest';
import { ENUMS, FINISHINGS, JOB_STATE, enumKeyword, enumValue } from './enums.js';

describe('enum tables', () => {
  it('map both ways, for the base name and its -default/-supported/-ready/-actual forms', () => {
    expect(enumValue('job-state', 'completed')).toBe(9);
    expect(enumKeyword('job-state', 9)).toBe('completed');
    expect(enumValue('orientation-requested-supported', 'reverse-portrait')).toBe(6);
    expect(enumKeyword('print-quality-default', 5)).toBe('high');
    expect(enumKeyword('finishings-ready', 93)).toBe('fold-half');
    expect(enumKeyword('finishings-actual', 3)).toBe('none');
    expect(enumKeyword('printer-state', 5)).toBe('stopped');
    expect(enumKeyword('operations-supported', 0x1c)).toBe('Get-Notifications');
  });

  it('unknown names, keywords and numbers give undefined', () => {
    expect(enumValue('sides', 'one-sided')).toBeUndefined();
    expect(enumValue('job-state', 'toString')).toBeUndefined();
    expect(enumKeyword('job-state', 4.5)).toBeUndefined();
    expect(enumKeyword('finishings', 17)).toBeUndefined();
  });

  it('no table repeats a number', () => {
    for (const [name, table] of Object.entries(ENUMS)) {
      expect(new Set(Object.values(table)).size, name).toBe(Object.keys(table).length);
    }
    expect(Object.keys(JOB_STATE)).toHaveLength(7);
    expect(Object.keys(FINISHINGS)).toHaveLength(70);
  });
});
