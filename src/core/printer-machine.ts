import { assign, createActor, setup, type Actor } from 'xstate';
import type { Clock } from './clock.js';
import { xstateClock } from './job-machine.js';

/**
 * A printer's device state: one job at a time, in queue order. `stopped` is
 * entered when the printer reports a fault (mediaJam, coverOpen, ...) or is
 * paused, and left when the fault clears; the runtime then resumes the job it
 * was printing.
 *
 * The device stays warm for its cool-down after its queue empties (a delay of
 * `idle`), so a job that comes within it pays no warm-up; WORK on a cold
 * device is what costs the warm-up (PrinterRuntime.kick).
 */
export type PrinterEvent = { type: 'WORK' } | { type: 'IDLE' } | { type: 'STOP' } | { type: 'RESUME'; busy: boolean };

export interface PrinterContext {
  /** Warm (or warming up) since it last left a cold idle. */
  warm: boolean;
  /** The cool-down a warm idle device still has, in ms. */
  coolDownMs: number;
  /** The whole cool-down of this printer (speed.coolDownSeconds). */
  fullCoolDownMs: number;
  deadline: number | null;
  now: () => number;
}

export interface PrinterInput {
  warm?: boolean;
  coolDownMs?: number;
  fullCoolDownMs?: number;
  now?: () => number;
}

export const printerMachine = setup({
  types: { events: {} as PrinterEvent, context: {} as PrinterContext, input: {} as PrinterInput },
  actions: {
    heatUp: assign({ warm: true, coolDownMs: ({ context }) => context.fullCoolDownMs }),
    startCoolDown: assign({ deadline: ({ context }) => context.now() + context.coolDownMs }),
    chargeCoolDown: assign({
      coolDownMs: ({ context }) => (context.deadline === null ? context.coolDownMs : Math.max(0, context.deadline - context.now())),
      deadline: null,
    }),
    cool: assign({ warm: false, coolDownMs: ({ context }) => context.fullCoolDownMs, deadline: null }),
  },
  guards: {
    busy: ({ event }) => event.type === 'RESUME' && event.busy,
    warm: ({ context }) => context.warm,
  },
  delays: {
    coolDown: ({ context }) => context.coolDownMs,
  },
}).createMachine({
  id: 'printer',
  context: ({ input }) => ({
    warm: input.warm ?? false,
    coolDownMs: input.coolDownMs ?? input.fullCoolDownMs ?? 0,
    fullCoolDownMs: input.fullCoolDownMs ?? 0,
    deadline: null,
    now: input.now ?? Date.now,
  }),
  initial: 'idle',
  states: {
    idle: {
      entry: 'startCoolDown',
      exit: 'chargeCoolDown',
      after: { coolDown: { guard: 'warm', actions: 'cool' } },
      on: { WORK: { target: 'processing', actions: 'heatUp' }, STOP: 'stopped' },
    },
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

export interface PrinterActorOptions extends Omit<PrinterInput, 'now'> {
  clock?: Clock;
}

export function startPrinterActor(initial: PrinterDeviceState = 'idle', options: PrinterActorOptions = {}): PrinterActor {
  const { clock, ...input } = options;
  const now = clock !== undefined ? () => clock.now() : Date.now;
  const actor = createActor(printerMachine, {
    ...(clock !== undefined ? { clock: xstateClock(clock) } : {}),
    input: { ...input, now },
    ...(initial === 'idle'
      ? {}
      : {
          snapshot: printerMachine.resolveState({
            value: initial,
            context: { warm: input.warm ?? false, coolDownMs: input.coolDownMs ?? 0, fullCoolDownMs: input.fullCoolDownMs ?? 0, deadline: null, now },
          }),
        }),
  });
  return actor.start();
}
