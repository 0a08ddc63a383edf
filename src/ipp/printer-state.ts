// A printer's Graph status as IPP printer-state, printer-state-reasons
// (RFC 8011 §5.4.11-§5.4.12), printer-alert (PWG 5100.9) and printer-supply
// (PWG 5100.13), so a fault injected through Graph shows over IPP too.

import type { PrinterProcessingStateDetail, PrinterStatus } from '../model/print-types.js';
import { PRINTER_STATE } from './codec/index.js';

/** Graph printerProcessingStateDetail -> IPP printer-state-reasons keyword (no severity suffix). */
const REASONS: Record<PrinterProcessingStateDetail, string> = {
  paused: 'paused',
  mediaJam: 'media-jam',
  mediaNeeded: 'media-needed',
  mediaLow: 'media-low',
  mediaEmpty: 'media-empty',
  coverOpen: 'cover-open',
  interlockOpen: 'interlock-open',
  outputTrayMissing: 'output-tray-missing',
  outputAreaFull: 'output-area-full',
  markerSupplyLow: 'marker-supply-low',
  markerSupplyEmpty: 'marker-supply-empty',
  inputTrayMissing: 'input-tray-missing',
  outputAreaAlmostFull: 'output-area-almost-full',
  markerWasteAlmostFull: 'marker-waste-almost-full',
  markerWasteFull: 'marker-waste-full',
  fuserOverTemp: 'fuser-over-temp',
  fuserUnderTemp: 'fuser-under-temp',
  other: 'other',
  none: 'none',
  movingToPaused: 'moving-to-paused',
  shutdown: 'shutdown',
  connectingToDevice: 'connecting-to-device',
  timedOut: 'timed-out',
  stopping: 'stopping',
  stoppedPartially: 'stopped-partly',
  tonerLow: 'toner-low',
  tonerEmpty: 'toner-empty',
  spoolAreaFull: 'spool-area-full',
  doorOpen: 'door-open',
  opticalPhotoConductorNearEndOfLife: 'opc-near-eol',
  opticalPhotoConductorLifeOver: 'opc-life-over',
  developerLow: 'developer-low',
  developerEmpty: 'developer-empty',
  interpreterResourceUnavailable: 'interpreter-resource-unavailable',
};

// States of the printer itself rather than conditions: RFC 8011 §5.4.12 gives them no suffix.
const NO_SUFFIX = new Set(['none', 'paused', 'moving-to-paused', 'shutdown', 'stopping', 'connecting-to-device', 'timed-out', 'stopped-partly']);
const WARNING_ONLY = /-(low|almost-full|near-eol)$/;

/**
 * printer-state-reasons: a condition that stops the printer is an -error, any
 * other a -warning (RFC 8011 §5.4.12 severity suffixes); 'none' when there is nothing.
 */
export function printerStateReasons(status: PrinterStatus, extra: readonly string[] = []): string[] {
  const stopped = status.state === 'stopped';
  const out: string[] = [];
  for (const d of status.details) {
    const r = REASONS[d];
    if (r === undefined || r === 'none') continue;
    const keyword = NO_SUFFIX.has(r) ? r : `${r}-${stopped && !WARNING_ONLY.test(r) ? 'error' : 'warning'}`;
    if (!out.includes(keyword)) out.push(keyword);
  }
  for (const r of extra) if (!out.includes(r)) out.push(r);
  return out.length === 0 ? ['none'] : out;
}

export function printerStateEnum(status: PrinterStatus): number {
  if (status.state === 'stopped') return PRINTER_STATE.stopped;
  return status.state === 'processing' ? PRINTER_STATE.processing : PRINTER_STATE.idle;
}

/** RFC 3805 prtAlertCode names as PWG 5100.9 printer-alert writes them, with their group. */
const ALERTS: Partial<Record<PrinterProcessingStateDetail, [code: string, group: string]>> = {
  mediaJam: ['jam', 'mediaPath'],
  mediaNeeded: ['inputMediaSupplyEmpty', 'input'],
  mediaEmpty: ['inputMediaSupplyEmpty', 'input'],
  mediaLow: ['inputMediaSupplyLow', 'input'],
  coverOpen: ['coverOpen', 'cover'],
  doorOpen: ['doorOpen', 'cover'],
  interlockOpen: ['interlockOpen', 'interlock'],
  inputTrayMissing: ['inputMediaTrayMissing', 'input'],
  outputTrayMissing: ['outputMediaTrayMissing', 'output'],
  outputAreaFull: ['outputMediaTrayFull', 'output'],
  outputAreaAlmostFull: ['outputMediaTrayAlmostFull', 'output'],
  tonerEmpty: ['markerTonerEmpty', 'marker'],
  tonerLow: ['markerTonerAlmostEmpty', 'marker'],
  markerSupplyEmpty: ['markerSupplyEmpty', 'markerSupplies'],
  markerSupplyLow: ['markerSupplyAlmostEmpty', 'markerSupplies'],
  markerWasteFull: ['markerWasteTonerReceptacleFull', 'marker'],
  markerWasteAlmostFull: ['markerWasteTonerReceptacleAlmostFull', 'marker'],
  fuserOverTemp: ['markerFuserOverTemperature', 'marker'],
  fuserUnderTemp: ['markerFuserUnderTemperature', 'marker'],
  opticalPhotoConductorNearEndOfLife: ['markerOpcLifeAlmostOver', 'marker'],
  opticalPhotoConductorLifeOver: ['markerOpcLifeOver', 'marker'],
  developerLow: ['markerDeveloperAlmostEmpty', 'marker'],
  developerEmpty: ['markerDeveloperEmpty', 'marker'],
};

export interface PrinterAlert {
  /** PWG 5100.9 printer-alert value. */
  alert: string;
  description: string;
}

/**
 * printer-alert / printer-alert-description (PWG 5100.9): one entry per fault;
 * with none, a single informational entry, since the attribute cannot be empty.
 */
export function printerAlerts(status: PrinterStatus): PrinterAlert[] {
  const out: PrinterAlert[] = [];
  status.details.forEach((d) => {
    const a = ALERTS[d];
    if (a === undefined) return;
    const severity = status.state === 'stopped' && !/Low|AlmostFull|NearEndOfLife/.test(d) ? 'critical' : 'warning';
    out.push({
      alert: `code=${a[0]};index=${out.length + 1};severity=${severity};training=none;group=${a[1]};groupindex=1;location=0;time=0`,
      description: REASONS[d].replace(/-/g, ' '),
    });
  });
  if (out.length > 0) return out;
  return [{ alert: 'code=other;index=1;severity=other;training=none;group=generalPrinter;groupindex=1;location=0;time=0', description: status.description ?? 'Ready.' }];
}

export interface Supply {
  /** PWG 5100.13 printer-supply value. */
  supply: string;
  description: string;
}

/** Toner cartridges (one black, or CMYK for a colour printer) whose level follows toner faults. */
export function printerSupplies(status: PrinterStatus, color: boolean): Supply[] {
  const level = status.details.includes('tonerEmpty') || status.details.includes('markerSupplyEmpty')
    ? 0
    : status.details.includes('tonerLow') || status.details.includes('markerSupplyLow')
      ? 5
      : 80;
  const colorants = color ? ['cyan', 'magenta', 'yellow', 'black'] : ['black'];
  return colorants.map((name, i) => ({
    supply: `index=${i + 1};class=supplyThatIsConsumed;type=toner;unit=percent;maxcapacity=100;level=${level};colorantname=${name};`,
    description: `${name[0]!.toUpperCase()}${name.slice(1)} Toner`,
  }));
}
