// Public API of printsim when embedded (for example in a vitest run).
export { createEmulator, PRINTER_APP_ID, DEFAULT_PORT, type Emulator, type EmulatorOptions } from './emulator.js';
export { SimulatedClock, SystemClock, type Clock } from './core/clock.js';
export { PrintsimError } from './core/errors.js';
export type { JobTransition, PrinterChange } from './core/print-service.js';
export type { PrinterDefinition } from './core/printer-definition.js';
export type { JobRetention } from './core/jobs/job-retention.js';
export type * from './core/graph-types.js';
