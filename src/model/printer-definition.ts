import type { PrinterCapabilities, PrinterDefaults, PrinterLocation } from './print-types.js';

/**
 * A printer as described by a JSON file in fixtures/printers/ (or a user's own file).
 * The Graph `capabilities`/`defaults` views and (later) the IPP attributes are all
 * derived from this one record.
 */
export interface PrinterDefinition {
  /** Graph printer id (a GUID). Stable across restarts. */
  id: string;
  /** Short name used in IPP URIs: ipp://host:port/ipp/print/NAME. [a-z0-9-]+ */
  name: string;
  displayName: string;
  manufacturer: string;
  model: string;
  location?: PrinterLocation;
  /** Simulated device speed. */
  speed: {
    /** Impressions (sides) per minute. */
    impressionsPerMinute: number;
    /** Paid each time the printer leaves a cold idle. */
    warmUpSeconds: number;
    /** How long the printer stays warm after its queue empties (default 0: cold at once). */
    coolDownSeconds?: number;
  };
  capabilities: PrinterCapabilities;
  defaults: PrinterDefaults;
}
