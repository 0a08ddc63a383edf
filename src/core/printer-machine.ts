import { createActor, setup, type Actor } from 'xstate';

/**
 * A printer's device state: one job at a time, in queue order. `stopped` is
 * entered when the printer reports a fault (mediaJam, coverOpen, ...) or is
 * paused, and left when the fault clears; the runtime then resumes the job it
 * was printing.
 */
export type PrinterEvent = { type: 'WORK' } | { type: 'IDLE' } | { type: 'STOP' } | { type: 'RESUME'; busy: boolean };

export const printerMachine = setup({
  types: { events: {} as PrinterEvent },
  guards: {
    busy: ({ event }) => event.type === 'RESUME' && event.busy,
  },
}).createMachine({
  id: 'printer',
  initial: 'idle',
  states: {
    idle: { on: { WORK: 'processing', STOP: 'stopped' } },
    processing: { on: { IDLE: 'idle', STOP: 'stopped' } },
    stopped: {
      on: {
        RESUME: [{ guard: 'busy', target: 'processing' }, { target: 'idle' }],
      },
    },
  },
});

export type PrinterActor = Actor<typeof printerMachine>;
export type PrinterDeviceState = 'idle' | 'processing' | 'stopped';

export function startPrinterActor(initial: PrinterDeviceState = 'idle'): PrinterActor {
  const actor =
    initial === 'idle'
      ? createActor(printerMachine)
      : createActor(printerMachine, { snapshot: printerMachine.resolveState({ value: initial, context: {} }) });
  return actor.start();
}
