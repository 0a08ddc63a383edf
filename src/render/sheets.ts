// Impressions to physical sheets: duplex pairing, copies and collation.
import type { PrintDuplexMode } from '../model/print-types.js';

export interface PlannedSheet {
  /** 1-based copy number. */
  copy: number;
  /** Impression index (0-based, within one copy) on the front. */
  front: number;
  /** Impression on the back; null = blank back; undefined = one-sided. */
  back: number | null | undefined;
}

/**
 * Each copy starts on a new sheet, so an odd impression count leaves a blank
 * back. Uncollated copies repeat each sheet, not each page, so duplex sheets
 * stay whole (RFC 3381 sheet-collate "uncollated").
 */
export function planSheets(impressions: number, duplexMode: PrintDuplexMode, copies: number, collate: boolean): PlannedSheet[] {
  const oneCopy: Array<Omit<PlannedSheet, 'copy'>> = [];
  if (duplexMode === 'oneSided') {
    for (let i = 0; i < impressions; i++) oneCopy.push({ front: i, back: undefined });
  } else {
    for (let i = 0; i < impressions; i += 2) oneCopy.push({ front: i, back: i + 1 < impressions ? i + 1 : null });
  }
  const n = Math.max(1, Math.floor(copies));
  const out: PlannedSheet[] = [];
  if (collate) {
    for (let copy = 1; copy <= n; copy++) for (const s of oneCopy) out.push({ copy, front: s.front, back: s.back });
  } else {
    for (const s of oneCopy) for (let copy = 1; copy <= n; copy++) out.push({ copy, front: s.front, back: s.back });
  }
  return out;
}
