// Keyword <-> number tables for the enum attributes printsim reads and writes.
// Lookups accept the -default/-supported/-ready/-actual forms of each name.

import { OPERATIONS } from './operations.js';

/** RFC 8011 §5.3.7 job-state. */
export const JOB_STATE = {
  pending: 3,
  'pending-held': 4,
  processing: 5,
  'processing-stopped': 6,
  canceled: 7,
  aborted: 8,
  completed: 9,
} as const;

/** PWG 5100.5 §7.4.5 document-state (4 is not used). */
export const DOCUMENT_STATE = {
  pending: 3,
  processing: 5,
  'processing-stopped': 6,
  canceled: 7,
  aborted: 8,
  completed: 9,
} as const;

/** RFC 8011 §5.4.11 printer-state. */
export const PRINTER_STATE = { idle: 3, processing: 4, stopped: 5 } as const;

/** RFC 8011 §5.2.10 orientation-requested; `none` from PWG 5100.13. */
export const ORIENTATION_REQUESTED = {
  portrait: 3,
  landscape: 4,
  'reverse-landscape': 5,
  'reverse-portrait': 6,
  none: 7,
} as const;

/** RFC 8011 §5.2.13 print-quality. */
export const PRINT_QUALITY = { draft: 3, normal: 4, high: 5 } as const;

/** RFC 8011 §5.2.6 finishings, extended by PWG 5100.1 (IPP Finishings 2.1). */
export const FINISHINGS = {
  none: 3,
  staple: 4,
  punch: 5,
  cover: 6,
  bind: 7,
  'saddle-stitch': 8,
  'edge-stitch': 9,
  fold: 10,
  trim: 11,
  bale: 12,
  'booklet-maker': 13,
  'jog-offset': 14,
  coat: 15,
  laminate: 16,
  'staple-top-left': 20,
  'staple-bottom-left': 21,
  'staple-top-right': 22,
  'staple-bottom-right': 23,
  'edge-stitch-left': 24,
  'edge-stitch-top': 25,
  'edge-stitch-right': 26,
  'edge-stitch-bottom': 27,
  'staple-dual-left': 28,
  'staple-dual-top': 29,
  'staple-dual-right': 30,
  'staple-dual-bottom': 31,
  'staple-triple-left': 32,
  'staple-triple-top': 33,
  'staple-triple-right': 34,
  'staple-triple-bottom': 35,
  'bind-left': 50,
  'bind-top': 51,
  'bind-right': 52,
  'bind-bottom': 53,
  'trim-after-pages': 60,
  'trim-after-documents': 61,
  'trim-after-copies': 62,
  'trim-after-job': 63,
  'punch-top-left': 70,
  'punch-bottom-left': 71,
  'punch-top-right': 72,
  'punch-bottom-right': 73,
  'punch-dual-left': 74,
  'punch-dual-top': 75,
  'punch-dual-right': 76,
  'punch-dual-bottom': 77,
  'punch-triple-left': 78,
  'punch-triple-top': 79,
  'punch-triple-right': 80,
  'punch-triple-bottom': 81,
  'punch-quad-left': 82,
  'punch-quad-top': 83,
  'punch-quad-right': 84,
  'punch-quad-bottom': 85,
  'punch-multiple-left': 86,
  'punch-multiple-top': 87,
  'punch-multiple-right': 88,
  'punch-multiple-bottom': 89,
  'fold-accordion': 90,
  'fold-double-gate': 91,
  'fold-gate': 92,
  'fold-half': 93,
  'fold-half-z': 94,
  'fold-left-gate': 95,
  'fold-letter': 96,
  'fold-parallel': 97,
  'fold-poster': 98,
  'fold-right-gate': 99,
  'fold-z': 100,
  'fold-engineering-z': 101,
} as const;

type Table = Readonly<Record<string, number>>;

/** Enum tables by attribute base name. */
export const ENUMS: Readonly<Record<string, Table>> = {
  'job-state': JOB_STATE,
  'document-state': DOCUMENT_STATE,
  'printer-state': PRINTER_STATE,
  'orientation-requested': ORIENTATION_REQUESTED,
  'print-quality': PRINT_QUALITY,
  finishings: FINISHINGS,
  'operations-supported': OPERATIONS,
};

const SUFFIX = /-(default|supported|ready|actual)$/;

function tableFor(attributeName: string): Table | undefined {
  return Object.hasOwn(ENUMS, attributeName)
    ? ENUMS[attributeName]
    : Object.hasOwn(ENUMS, attributeName.replace(SUFFIX, ''))
      ? ENUMS[attributeName.replace(SUFFIX, '')]
      : undefined;
}

const REVERSE = new Map<Table, Map<number, string>>(
  Object.values(ENUMS).map((t) => [t, new Map(Object.entries(t).map(([k, v]) => [v, k]))]),
);

/** The number of an enum keyword, e.g. ('orientation-requested-default', 'landscape') -> 4. */
export function enumValue(attributeName: string, keyword: string): number | undefined {
  const table = tableFor(attributeName);
  return table && Object.hasOwn(table, keyword) ? table[keyword] : undefined;
}

/** The keyword of an enum number, e.g. ('job-state', 9) -> 'completed'. */
export function enumKeyword(attributeName: string, value: number): string | undefined {
  const table = tableFor(attributeName);
  return table ? REVERSE.get(table)?.get(value) : undefined;
}
