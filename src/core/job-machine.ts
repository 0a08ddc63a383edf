import { assign, createActor, fromPromise, setup, type Actor, type SnapshotFrom } from 'xstate';
import type { Clock, TimerHandle } from './clock.js';
import type { PrintJobProcessingState, PrintJobStateDetail } from '../model/print-types.js';
import type { JobRenderResult } from '../model/ports.js';
import type { JobLeaf } from '../model/records.js';

/**
 * The life of one print job, timing included. States and details are the Graph
 * enums (printJobProcessingState / printJobStateDetail); JOB_STATE_TABLE maps
 * each leaf to what the Graph door shows.
 *
 *   paused.uploadPending --START--> pending --ACQUIRE--> processing.interpreting
 *        \--START(held)--> paused.releaseWait --RELEASE--> pending
 *        \--after uploadTimeOut--> aborted
 *        \--START(park)--> paused.held --RELEASE / after holdTime--> pending
 *   processing.interpreting --render done--> processing.transforming
 *   processing.transforming: warmingUp --after warmUp--> printing --after printTime--> completed
 *   processing.X --PRINTER_STOPPED--> stopped.X --PRINTER_RESUMED--> processing.X
 *   any non-final --CANCEL--> canceled, --ABORT/FAIL--> aborted, --REDIRECTED--> canceled
 *
 * Every delay is computed from the context, so a restarted emulator starts
 * the machine with the time each delay had left (JobTiming, saved with the job).
 */
export type JobEvent = (
  | { type: 'START'; hold: boolean; park?: boolean; until?: number | null; newJob?: boolean }
  | { type: 'HOLD'; until?: number | null; newJob?: boolean }
  | { type: 'HOLD_UNTIL'; until: number | null; newJob: boolean }
  | { type: 'RELEASE' }
  | { type: 'ACQUIRE'; warmUpMs?: number }
  | { type: 'AWAIT_DOCUMENT'; timeOutMs: number | null }
  | { type: 'RENDERED' }
  | { type: 'PRINTED' }
  | { type: 'PRINTER_STOPPED' }
  | { type: 'PRINTER_RESUMED' }
  | { type: 'REQUEUE' }
  | { type: 'CANCEL' }
  | { type: 'REDIRECTED' }
  | { type: 'ABORT' }
  | { type: 'FAIL' }
) & {
  /** Why, for the job's timeline. */
  reason?: string;
};

/** The time a job still owes, as saved with it: what a restart resumes from. */
export interface JobTiming {
  /** Warm-up the device still owes this job. */
  warmUpMs: number;
  /** Print time still owed; null until the job is rendered. */
  printMs: number | null;
  /** Release time (epoch ms) of a timed hold. */
  heldUntil: number | null;
  /** Held by the printer's Hold-New-Jobs: no release by time until that ends. */
  heldNewJob: boolean;
  /** Time-out of a job waiting for its next document; null: none. */
  uploadTimeOutMs: number | null;
}

/** What the render actor resolves to: the print time it makes (the rest stays with the device). */
export interface JobRenderOutput {
  printMs: number;
  result: JobRenderResult;
}

export interface JobContext extends JobTiming {
  jobId: string;
  now: () => number;
  /** Clock ms at which the running delay (warm-up, print, upload time-out) ends. */
  deadline: number | null;
  /** Where a restored machine starts. */
  boot: JobLeaf | null;
}

export interface JobInput {
  jobId?: string;
  now?: () => number;
  leaf?: JobLeaf;
  timing?: Partial<JobTiming>;
}

const NO_TIMING: JobTiming = { warmUpMs: 0, printMs: null, heldUntil: null, heldNewJob: false, uploadTimeOutMs: null };

/** What happened inside the machine, for the job's timeline; the provided actions report it. */
export type JobCause = 'rendered' | 'renderFailed' | 'warmedUp' | 'printed' | 'holdTime' | 'uploadTimeOut';

/** Time left until a deadline, never below 0. */
const left = (context: JobContext): number => (context.deadline === null ? 0 : Math.max(0, context.deadline - context.now()));

/** Every leaf a job can be saved at. */
export const JOB_LEAVES: readonly JobLeaf[] = [
  'paused.uploadPending',
  'paused.releaseWait',
  'paused.held',
  'pending',
  'processing.interpreting',
  'processing.transforming',
  'stopped.interpreting',
  'stopped.transforming',
  'completed',
  'canceled',
  'aborted',
];

const ENDINGS = {
  CANCEL: '#printJob.canceled',
  ABORT: '#printJob.aborted',
  FAIL: '#printJob.aborted',
} as const;

export const jobMachine = setup({
  types: {
    context: {} as JobContext,
    events: {} as JobEvent,
    input: {} as JobInput,
  },
  actors: {
    /** The printer's renderer: provided by the device (printer runtime); never settles here. */
    render: fromPromise<JobRenderOutput, { jobId: string }>(() => new Promise<JobRenderOutput>(() => {})),
  },
  actions: {
    /** Reports what moved the machine (provided by the service). */
    report: (_: unknown, _params: { cause: JobCause; error?: unknown; output?: JobRenderOutput }) => {},
    startDeadline: assign({ deadline: ({ context }, ms: number) => context.now() + ms }),
    chargeWarmUp: assign({ warmUpMs: ({ context }) => left(context), deadline: null }),
    chargePrint: assign({ printMs: ({ context }) => (context.printMs === null ? null : left(context)), deadline: null }),
    chargeUploadTimeOut: assign({ uploadTimeOutMs: ({ context }) => (context.uploadTimeOutMs === null ? null : left(context)), deadline: null }),
    rendered: assign({ printMs: ({ event }) => (event as unknown as { output: JobRenderOutput }).output.printMs }),
    acquired: assign({ warmUpMs: ({ event }) => (event.type === 'ACQUIRE' ? (event.warmUpMs ?? 0) : 0), printMs: null }),
    holdTimed: assign({
      heldUntil: ({ event }) => (event.type === 'HOLD' || event.type === 'HOLD_UNTIL' || event.type === 'START' ? (event.until ?? null) : null),
      heldNewJob: ({ event }) => (event.type === 'HOLD' || event.type === 'HOLD_UNTIL' || event.type === 'START' ? event.newJob === true : false),
    }),
    unheld: assign({ heldUntil: null, heldNewJob: false }),
    awaitDocument: assign({ uploadTimeOutMs: ({ event }) => (event.type === 'AWAIT_DOCUMENT' ? event.timeOutMs : null) }),
    booted: assign({ boot: null }),
  },
  guards: {
    isHeld: ({ event }) => event.type === 'START' && event.hold,
    parks: ({ event }) => event.type === 'START' && event.park === true,
    warm: ({ context }) => context.warmUpMs <= 0,
    printTimeKnown: ({ context }) => context.printMs !== null,
    printedAlready: ({ context }) => context.printMs !== null && context.printMs <= 0,
    holdTimeReached: ({ context }) => context.heldUntil !== null && !context.heldNewJob && context.heldUntil <= context.now(),
    timedHold: ({ context }) => context.heldUntil !== null && !context.heldNewJob,
    hasUploadTimeOut: ({ context }) => context.uploadTimeOutMs !== null,
    bootAt: ({ context }, leaf: JobLeaf) => context.boot === leaf,
  },
  delays: {
    warmUp: ({ context }) => context.warmUpMs,
    printTime: ({ context }) => context.printMs ?? 0,
    holdTime: ({ context }) => (context.heldUntil === null ? 0 : Math.max(0, context.heldUntil - context.now())),
    uploadTimeOut: ({ context }) => context.uploadTimeOutMs ?? 0,
  },
}).createMachine({
  id: 'printJob',
  context: ({ input }) => ({
    ...NO_TIMING,
    ...input.timing,
    jobId: input.jobId ?? '',
    now: input.now ?? Date.now,
    deadline: null,
    boot: input.leaf ?? null,
  }),
  initial: 'boot',
  states: {
    /** A new job goes to paused.uploadPending; a restored one to the leaf it was saved at, with its delays running again. */
    boot: {
      exit: 'booted',
      always: [
        ...JOB_LEAVES.map((leaf) => ({ guard: { type: 'bootAt' as const, params: leaf }, target: `#printJob.${leaf}` })),
        { target: '#printJob.paused.uploadPending' },
      ],
    },
    paused: {
      initial: 'uploadPending',
      states: {
        uploadPending: {
          entry: { type: 'startDeadline', params: ({ context }) => context.uploadTimeOutMs ?? 0 },
          exit: 'chargeUploadTimeOut',
          after: {
            uploadTimeOut: {
              guard: 'hasUploadTimeOut',
              target: '#printJob.aborted',
              actions: { type: 'report', params: { cause: 'uploadTimeOut' } },
            },
          },
          on: {
            START: [
              { guard: 'isHeld', target: 'releaseWait' },
              // Started straight into a hold (job-hold-until, Hold-New-Jobs): never a candidate meanwhile.
              { guard: 'parks', target: 'held', actions: 'holdTimed' },
              { target: '#printJob.pending' },
            ],
            AWAIT_DOCUMENT: { target: 'uploadPending', reenter: true, actions: 'awaitDocument' },
          },
        },
        releaseWait: {
          on: { RELEASE: '#printJob.pending' },
        },
        /** Held (IPP job-hold-until, Hold-Job, Hold-New-Jobs), released by RELEASE or at heldUntil. */
        held: {
          always: { guard: 'holdTimeReached', target: '#printJob.pending', actions: { type: 'report', params: { cause: 'holdTime' } } },
          after: {
            holdTime: { guard: 'timedHold', target: '#printJob.pending', actions: { type: 'report', params: { cause: 'holdTime' } } },
          },
          on: {
            RELEASE: '#printJob.pending',
            HOLD_UNTIL: { target: 'held', reenter: true, actions: 'holdTimed' },
          },
          exit: 'unheld',
        },
      },
      on: {
        ...ENDINGS,
        REDIRECTED: 'canceled',
      },
    },
    pending: {
      on: {
        ACQUIRE: { target: 'processing', actions: 'acquired' },
        HOLD: { target: 'paused.held', actions: 'holdTimed' },
        ...ENDINGS,
        REDIRECTED: 'canceled',
      },
    },
    processing: {
      initial: 'interpreting',
      states: {
        interpreting: {
          invoke: {
            src: 'render',
            input: ({ context }) => ({ jobId: context.jobId }),
            onDone: {
              target: 'transforming',
              actions: ['rendered', { type: 'report', params: ({ event }) => ({ cause: 'rendered' as const, output: event.output }) }],
            },
            onError: {
              target: '#printJob.aborted',
              actions: { type: 'report', params: ({ event }) => ({ cause: 'renderFailed' as const, error: event.error }) },
            },
          },
          on: { RENDERED: 'transforming', PRINTER_STOPPED: '#printJob.stopped.interpreting' },
        },
        transforming: {
          initial: 'warmingUp',
          states: {
            warmingUp: {
              always: { guard: 'warm', target: 'printing' },
              entry: { type: 'startDeadline', params: ({ context }) => context.warmUpMs },
              exit: 'chargeWarmUp',
              after: { warmUp: { target: 'printing', actions: { type: 'report', params: { cause: 'warmedUp' } } } },
            },
            printing: {
              // No print time at all (speed 'unlimited'): done at once, not at the clock's next step.
              always: { guard: 'printedAlready', target: '#printJob.completed', actions: { type: 'report', params: { cause: 'printed' } } },
              entry: { type: 'startDeadline', params: ({ context }) => context.printMs ?? 0 },
              exit: 'chargePrint',
              after: {
                printTime: { guard: 'printTimeKnown', target: '#printJob.completed', actions: { type: 'report', params: { cause: 'printed' } } },
              },
            },
          },
          on: { PRINTED: '#printJob.completed', PRINTER_STOPPED: '#printJob.stopped.transforming' },
        },
      },
      on: {
        REQUEUE: 'pending',
        ...ENDINGS,
      },
    },
    // Substates remember where to resume; both show as Graph state `stopped`.
    stopped: {
      initial: 'transforming',
      states: {
        interpreting: {
          // Rendering carries on while the printer is stopped (the same render, see PrinterRuntime.renderFor).
          invoke: {
            src: 'render',
            input: ({ context }) => ({ jobId: context.jobId }),
            onDone: {
              target: 'transforming',
              actions: ['rendered', { type: 'report', params: ({ event }) => ({ cause: 'rendered' as const, output: event.output }) }],
            },
            onError: {
              target: '#printJob.aborted',
              actions: { type: 'report', params: ({ event }) => ({ cause: 'renderFailed' as const, error: event.error }) },
            },
          },
          on: {
            PRINTER_RESUMED: '#printJob.processing.interpreting',
            RENDERED: 'transforming',
          },
        },
        transforming: { on: { PRINTER_RESUMED: '#printJob.processing.transforming' } },
      },
      on: {
        ...ENDINGS,
      },
    },
    completed: { type: 'final' },
    canceled: { type: 'final' },
    aborted: { type: 'final' },
  },
});

export type JobMachineSnapshot = SnapshotFrom<typeof jobMachine>;
export type JobActor = Actor<typeof jobMachine>;

export interface JobStateRow {
  state: PrintJobProcessingState;
  details: PrintJobStateDetail[];
  description: string;
  final: boolean;
}

/**
 * The one table from machine states to Graph printJobStatus (descriptions from
 * the documented snapshots in the printJob/printJobStatus pages). The IPP
 * door keeps its own column (ipp/job-state.ts).
 */
export const JOB_STATE_TABLE: Record<JobLeaf, JobStateRow> = {
  'paused.uploadPending': {
    state: 'paused',
    details: ['uploadPending'],
    description: 'The job is not a candidate for processing yet.',
    final: false,
  },
  'paused.releaseWait': {
    state: 'paused',
    details: ['releaseWait'],
    description: 'The job is held until it is released.',
    final: false,
  },
  'paused.held': {
    state: 'paused',
    details: [],
    description: 'The job is held.',
    final: false,
  },
  pending: {
    state: 'pending',
    details: [],
    description: 'The job is queued and waiting for the printer.',
    final: false,
  },
  'processing.interpreting': {
    state: 'processing',
    details: ['interpreting'],
    description: 'The print job is currently being processed.',
    final: false,
  },
  'processing.transforming': {
    state: 'processing',
    details: ['transforming'],
    description: 'The print job is currently being processed.',
    final: false,
  },
  'stopped.interpreting': {
    state: 'stopped',
    details: ['interpreting'],
    description: 'The printer has stopped; see the printer status.',
    final: false,
  },
  'stopped.transforming': {
    state: 'stopped',
    details: ['transforming'],
    description: 'The printer has stopped; see the printer status.',
    final: false,
  },
  completed: {
    state: 'completed',
    details: [],
    description: 'The print job has completed successfully and no further processing will take place.',
    final: true,
  },
  canceled: {
    state: 'canceled',
    details: [],
    description: 'The print job was canceled.',
    final: true,
  },
  aborted: {
    state: 'aborted',
    details: [],
    description: 'The print job was aborted.',
    final: true,
  },
};

/** The saved leaf of a machine state: two levels deep (processing.transforming's own steps are its timing). */
export function leafOf(snapshot: JobMachineSnapshot): JobLeaf {
  const v = snapshot.value as string | Record<string, string | Record<string, string>>;
  if (typeof v === 'string') return v as JobLeaf;
  const [parent, child] = Object.entries(v)[0] as [string, string | Record<string, string>];
  return `${parent}.${typeof child === 'string' ? child : Object.keys(child)[0]}` as JobLeaf;
}

/** The time the job still owes, read off a running machine (what is saved with the job). */
export function timingOf(snapshot: JobMachineSnapshot): JobTiming {
  const c = snapshot.context;
  const running = c.deadline === null ? null : Math.max(0, c.deadline - c.now());
  const value = JSON.stringify(snapshot.value);
  return {
    warmUpMs: value.includes('warmingUp') && running !== null ? running : c.warmUpMs,
    printMs: value.includes('"printing"') && running !== null && c.printMs !== null ? running : c.printMs,
    heldUntil: c.heldUntil,
    heldNewJob: c.heldNewJob,
    uploadTimeOutMs: value.includes('uploadPending') && running !== null && c.uploadTimeOutMs !== null ? running : c.uploadTimeOutMs,
  };
}

/** XState's clock interface on printsim's injectable Clock, so delays move with SimulatedClock.advance(). */
export function xstateClock(clock: Clock): { setTimeout: (fn: () => void, ms: number) => TimerHandle; clearTimeout: (h: TimerHandle) => void } {
  return {
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
    clearTimeout: (h) => clock.clearTimeout(h),
  };
}

export interface JobActorOptions {
  clock?: Clock;
  jobId?: string;
  timing?: Partial<JobTiming>;
  /** The machine with the device's render and the service's reports provided. */
  machine?: typeof jobMachine;
}

/** Starts an actor at a stored leaf (restart) or at the initial state, its delays on `clock`. */
export function startJobActor(leaf?: JobLeaf, options: JobActorOptions = {}): JobActor {
  const clock = options.clock;
  const actor = createActor(options.machine ?? jobMachine, {
    ...(clock !== undefined ? { clock: xstateClock(clock) } : {}),
    input: {
      jobId: options.jobId,
      now: clock !== undefined ? () => clock.now() : Date.now,
      leaf,
      timing: options.timing,
    },
  });
  return actor.start();
}

export function isFinalLeaf(leaf: JobLeaf): boolean {
  return JOB_STATE_TABLE[leaf].final;
}
