// IPP media: PWG 5101.1 self-describing names, media-size in hundredths of a
// millimetre (PWG 5100.7 media-col), and the printer's Graph media lists.

import type { PrinterDefinition } from '../model/printer-definition.js';
import { findMediaSize } from '../model/media-sizes.js';

export interface IppMediaSize {
  /** PWG self-describing name, e.g. iso_a4_210x297mm. */
  pwgName: string;
  /** The printer's own spelling (Graph mediaSizes entry). */
  graphName: string;
  /** Width and height in hundredths of a millimetre, portrait. */
  x: number;
  y: number;
}

/** Legacy IPP/1.1 media names (PWG 5101.1 Table B-1) some clients still send. */
const LEGACY: Record<string, string> = {
  a3: 'iso_a3_297x420mm',
  'iso-a3': 'iso_a3_297x420mm',
  a4: 'iso_a4_210x297mm',
  'iso-a4': 'iso_a4_210x297mm',
  'iso-a4-white': 'iso_a4_210x297mm',
  a5: 'iso_a5_148x210mm',
  'iso-a5': 'iso_a5_148x210mm',
  a6: 'iso_a6_105x148mm',
  'iso-a6': 'iso_a6_105x148mm',
  letter: 'na_letter_8.5x11in',
  'na-letter': 'na_letter_8.5x11in',
  'na-letter-white': 'na_letter_8.5x11in',
  legal: 'na_legal_8.5x14in',
  'na-legal': 'na_legal_8.5x14in',
  executive: 'na_executive_7.25x10.5in',
  ledger: 'na_ledger_11x17in',
  tabloid: 'na_ledger_11x17in',
  'index-4x6': 'na_index-4x6_4x6in',
  'na-index-4x6': 'na_index-4x6_4x6in',
  'jis-b4': 'jis_b4_257x364mm',
  'jis-b5': 'jis_b5_182x257mm',
  'iso-dl': 'iso_dl_110x220mm',
  'na-number-10-envelope': 'na_number-10_4.125x9.5in',
};

/** Hundredths of a millimetre from a self-describing name's WxHunit (PWG 5101.1 §5). */
function dimensions(pwgName: string): { x: number; y: number } | undefined {
  const m = /_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$/.exec(pwgName);
  if (!m) return undefined;
  const unit = m[3] === 'mm' ? 100 : 2540;
  const a = Math.round(Number(m[1]) * unit);
  const b = Math.round(Number(m[2]) * unit);
  return { x: Math.min(a, b), y: Math.max(a, b) };
}

/** The sizes a printer lists, in its order, with their IPP names and dimensions. */
export function printerMediaSizes(printer: PrinterDefinition): IppMediaSize[] {
  const out: IppMediaSize[] = [];
  for (const graphName of printer.capabilities.mediaSizes ?? []) {
    const size = findMediaSize(graphName);
    const d = size ? dimensions(size.pwgName) : undefined;
    if (size && d && !out.some((m) => m.pwgName === size.pwgName)) out.push({ pwgName: size.pwgName, graphName, ...d });
  }
  return out;
}

/** The printer's size for an IPP media keyword (PWG or legacy name), if it has that size. */
export function mediaByName(printer: PrinterDefinition, name: string): IppMediaSize | undefined {
  const wanted = LEGACY[name.toLowerCase()] ?? findMediaSize(name)?.pwgName ?? name;
  return printerMediaSizes(printer).find((m) => m.pwgName === wanted);
}

/** The printer's size for a media-size collection, either orientation, within 1 mm (PWG 5100.7 media-size). */
export function mediaBySize(printer: PrinterDefinition, x: number, y: number): IppMediaSize | undefined {
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 100;
  return printerMediaSizes(printer).find((m) => (near(m.x, x) && near(m.y, y)) || (near(m.x, y) && near(m.y, x)));
}

/** The IPP size of a Graph media name, whether or not the printer lists it. */
export function mediaOfGraphName(graphName: string): IppMediaSize | undefined {
  const size = findMediaSize(graphName);
  const d = size ? dimensions(size.pwgName) : undefined;
  return size && d ? { pwgName: size.pwgName, graphName, ...d } : undefined;
}

/**
 * Loaded media (media-ready, PWG 5100.13): the default size in the first tray
 * and, when the printer takes it, the other of A4 / US Letter in the second.
 */
export function readyMedia(printer: PrinterDefinition): Array<{ size: IppMediaSize; source: string | null }> {
  const sizes = printerMediaSizes(printer);
  const def = (printer.defaults.mediaSize ? mediaOfGraphName(printer.defaults.mediaSize) : undefined) ?? sizes[0];
  if (def === undefined) return [];
  const trays = (printer.capabilities.inputBins ?? []).filter((b) => b !== 'auto');
  const other = sizes.find((m) => m.pwgName !== def.pwgName && (m.pwgName === 'iso_a4_210x297mm' || m.pwgName === 'na_letter_8.5x11in'));
  const out = [{ size: def, source: trays[0] ?? null }];
  if (other !== undefined) out.push({ size: other, source: trays[1] ?? trays[0] ?? null });
  return out;
}

/** Graph margins are microns, IPP margins hundredths of a millimetre. */
export const micronsToIpp = (microns: number): number => Math.round(microns / 10);
export const ippToMicrons = (hundredths: number): number => hundredths * 10;
