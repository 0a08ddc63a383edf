import type { Logger } from 'pino';
import type { JobTransition, PrinterChange, PrintService } from './core/print-service.js';

/**
 * One info line per job transition and printer change, so a person watching
 * `printsim serve` (or a log collector reading --log-format json) sees jobs
 * arrive, print and fail. Nothing is subscribed when info is off.
 */
export function logEvents(service: PrintService, logger: Logger): void {
  if (!logger.isLevelEnabled('info')) return;
  const nameOf = (printerId: string): string => service.findPrinter(printerId)?.definition.name ?? printerId;
  service.events.on('job', (t: JobTransition) => {
    const line = {
      event: 'job',
      jobId: t.jobId,
      printerId: t.printerId,
      printer: nameOf(t.printerId),
      from: t.from,
      to: t.to,
      state: t.status.state,
      details: t.status.details,
      reason: t.reason,
    };
    const verb = t.from === null ? 'created' : `${t.from} -> ${t.to}`;
    const msg = `job ${t.jobId} on ${line.printer}: ${verb} (${t.reason})`;
    if (t.to === 'aborted') logger.warn(line, msg);
    else logger.info(line, msg);
  });
  service.events.on('printer', (c: PrinterChange) => {
    const line = { event: 'printer', printerId: c.printerId, printer: nameOf(c.printerId), state: c.status.state, details: c.status.details };
    const detail = c.status.details.length > 0 ? ` [${c.status.details.join(', ')}]` : '';
    logger.info(line, `printer ${line.printer}: ${c.status.state}${detail}${c.status.description ? ` (${c.status.description})` : ''}`);
  });
}
