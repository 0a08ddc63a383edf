import { createActor, setup, type Actor, type SnapshotFrom } from 'xstate';
import type { PrintJobProcessingState, PrintJobStateDetail } from '../model/print-types.js';
import type { JobLeaf } from '../model/records.js';

/**
 * The life of one print job. States and details are the Graph enums
 * (printJobProcessingState / printJobStateDetail); JOB_STATE_TABLE maps each
 * leaf to what the Graph door shows.
 *
 *   paused.uploadPending --START--> pending --ACQUIRE--> processing.interpreting
 *        \--START(held)--> paused.releaseWait --RELEASE--> pending
 *   processing.interpreting --RENDERED--> processing.transforming --PRINTED--> completed
 *   processing.X --PRINTER_STOPPED--> stopped.X --PRINTER_RESUMED--> processing.X
 *   any non-final --CANCEL--> canceled, --ABORT/FAIL--> aborted, --REDIRECTED--> canceled
 */
export type JobEvent =
  | { type: 'START'; hold: boolean }
  | { type: 'HOLD' }
  | { type: 'RELEASE' }
  | { type: 'ACQUIRE' }
  | { type: 'RENDERED' }
  | { type: 'PRINTED' }
  | { type: 'PRINTER_STOPPED' }
  | { type: 'PRINTER_RESUMED' }
  | { type: 'REQUEUE' }
  | { type: 'CANCEL' }
  | { type: 'REDIRECTED' }
  | { type: 'ABORT' }
  | { type: 'FAIL' };

export const jobMachine = setup({
  types: {
    events: {} as JobEvent,
  },
  guards: {
    isHeld: ({ event }) => event.type === 'START' && event.hold,
  },
}).createMachine({
  id: 'printJob',
  initial: 'paused',
  states: {
    paused: {
      initial: 'uploadPending',
      states: {
        uploadPending: {
          on: {
            START: [{ guard: 'isHeld', target: 'releaseWait' }, { target: '#printJob.pending' }],
          },
        },
        releaseWait: {
          on: { RELEASE: '#printJob.pending' },
        },
        /** Held by the IPP door (job-hold-until), released by Release-Job. */
        held: {
          on: { RELEASE: '#printJob.pending' },
        },
      },
      on: {
        CANCEL: 'canceled',
        REDIRECTED: 'canceled',
        ABORT: 'aborted',
        FAIL: 'aborted',
      },
    },
    pending: {
      on: {
        ACQUIRE: 'processing',
        HOLD: 'paused.held',
        CANCEL: 'canceled',
        REDIRECTED: 'canceled',
        ABORT: 'aborted',
        FAIL: 'aborted',
      },
    },
    processing: {
      initial: 'interpreting',
      states: {
        interpreting: { on: { RENDERED: 'transforming', PRINTER_STOPPED: '#printJob.stopped.interpreting' } },
        transforming: { on: { PRINTED: '#printJob.completed', PRINTER_STOPPED: '#printJob.stopped.transforming' } },
      },
      on: {
        REQUEUE: 'pending',
        CANCEL: 'canceled',
        ABORT: 'aborted',
        FAIL: 'aborted',
      },
    },
    // Substates remember where to resume; both show as Graph state `stopped`.
    stopped: {
      initial: 'transforming',
      states: {
        interpreting: {
          on: {
            PRINTER_RESUMED: '#printJob.processing.interpreting',
            // Rendering may finish while the printer is stopped.
            RENDERED: 'transforming',
          },
        },
        transforming: { on: { PRINTER_RESUMED: '#printJob.processing.transforming' } },
      },
      on: {
        CANCEL: 'canceled',
        ABORT: 'aborted',
        FAIL: 'aborted',
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

export function leafOf(snapshot: JobMachineSnapshot): JobLeaf {
  const v = snapshot.value;
  if (typeof v === 'string') return v as JobLeaf;
  const [parent, child] = Object.entries(v)[0] as [string, string];
  return `${parent}.${child}` as JobLeaf;
}

function valueOf(leaf: JobLeaf): string | Record<string, string> {
  const dot = leaf.indexOf('.');
  return dot < 0 ? leaf : { [leaf.slice(0, dot)]: leaf.slice(dot + 1) };
}

/** Starts an actor at a stored leaf (restart) or at the initial state. */
export function startJobActor(leaf?: JobLeaf): JobActor {
  const actor =
    leaf === undefined
      ? createActor(jobMachine)
      : createActor(jobMachine, { snapshot: jobMachine.resolveState({ value: valueOf(leaf), context: {} }) });
  return actor.start();
}

export function isFinalLeaf(leaf: JobLeaf): boolean {
  return JOB_STATE_TABLE[leaf].final;
}
