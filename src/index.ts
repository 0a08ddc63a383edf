// Public API of printsim when embedded (for example in a vitest run).
export { createEmulator, PRINTER_APP_ID, DEFAULT_PORT, type Emulator, type EmulatorOptions } from './emulator.js';
export { SimulatedClock, SystemClock, type Clock } from './core/clock.js';
export { PrintsimError } from './model/errors.js';
export type { JobTransition, PrinterChange } from './core/print-service.js';
export type { PrinterDefinition } from './model/printer-definition.js';
export type * from './model/print-types.js';
export type { JobRetention } from './core/jobs/job-retention.js';
