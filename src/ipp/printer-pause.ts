// Pause-Printer and Shutdown-Printer stop the printer the way a Graph fault
// report does (printer status stopped, with a reason), so both doors and the
// simulated device agree; the matching resume takes only its own reason away.

import type { PrintService } from '../core/print-service.js';
import type { PrinterRuntime } from '../core/printer-runtime.js';

/** Adds a stop reason to the printer's reported status (Pause-Printer, Shutdown-Printer). */
export function pausePrinter(service: PrintService, rt: PrinterRuntime, description: string, detail: 'paused' | 'shutdown' = 'paused'): void {
  const current = rt.state.reportedStatus;
  const details = [...new Set([...(current?.state === 'stopped' ? current.details : []), detail])];
  service.setPrinterStatus(rt.id, { state: 'stopped', details, description });
}

/** Takes a stop reason away again; the printer runs when no fault is left (Resume-Printer, Startup-Printer). */
export function unpausePrinter(service: PrintService, rt: PrinterRuntime, details: Array<'paused' | 'shutdown'>): void {
  const current = rt.state.reportedStatus;
  if (current === null || current.state !== 'stopped') return;
  const left = current.details.filter((d) => !(details as string[]).includes(d));
  if (left.length === current.details.length) return;
  service.setPrinterStatus(rt.id, left.length === 0 ? null : { ...current, details: left });
}
