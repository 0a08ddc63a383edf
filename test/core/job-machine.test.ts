// The job machine on its own: every transition of the state table, every event a
// state ignores, and the Graph status each machine state shows.
import { describe, expect, it } from 'vitest';
import { isFinalLeaf, JOB_STATE_TABLE, leafOf, startJobActor, type JobEvent } from '../../src/core/job-machine.js';
import type { JobLeaf } from '../../src/model/records.js';

const LEAVES = Object.keys(JOB_STATE_TABLE) as JobLeaf[];

const EVENTS: Record<string, JobEvent> = {
  START: { type: 'START', hold: false },
  'START(hold)': { type: 'START', hold: true },
  HOLD: { type: 'HOLD' },
  RELEASE: { type: 'RELEASE' },
  ACQUIRE: { type: 'ACQUIRE' },
  RENDERED: { type: 'RENDERED' },
  PRINTED: { type: 'PRINTED' },
  PRINTER_STOPPED: { type: 'PRINTER_STOPPED' },
  PRINTER_RESUMED: { type: 'PRINTER_RESUMED' },
  REQUEUE: { type: 'REQUEUE' },
  CANCEL: { type: 'CANCEL' },
  REDIRECTED: { type: 'REDIRECTED' },
  ABORT: { type: 'ABORT' },
  FAIL: { type: 'FAIL' },
};

const ENDINGS = { CANCEL: 'canceled', ABORT: 'aborted', FAIL: 'aborted' } as const;

/** The state table: from → event → to. Any pair not listed leaves the job where it is. */
const TRANSITIONS: Record<JobLeaf, Record<string, JobLeaf>> = {
  'paused.uploadPending': { START: 'pending', 'START(hold)': 'paused.releaseWait', ...ENDINGS, REDIRECTED: 'canceled' },
  'paused.releaseWait': { RELEASE: 'pending', ...ENDINGS, REDIRECTED: 'canceled' },
  'paused.held': { RELEASE: 'pending', ...ENDINGS, REDIRECTED: 'canceled' },
  pending: { ACQUIRE: 'processing.interpreting', HOLD: 'paused.held', ...ENDINGS, REDIRECTED: 'canceled' },
  'processing.interpreting': {
    RENDERED: 'processing.transforming',
    PRINTER_STOPPED: 'stopped.interpreting',
    REQUEUE: 'pending',
    ...ENDINGS,
  },
  'processing.transforming': {
    PRINTED: 'completed',
    PRINTER_STOPPED: 'stopped.transforming',
    REQUEUE: 'pending',
    ...ENDINGS,
  },
  'stopped.interpreting': { PRINTER_RESUMED: 'processing.interpreting', RENDERED: 'stopped.transforming', ...ENDINGS },
  'stopped.transforming': { PRINTER_RESUMED: 'processing.transforming', ...ENDINGS },
  completed: {},
  canceled: {},
  aborted: {},
};

// Final states are done actors (they take no events at all; see the last test).
const CASES = LEAVES.filter((l) => !isFinalLeaf(l)).flatMap((from) =>
  Object.keys(EVENTS).map((event) => [from, event, TRANSITIONS[from][event] ?? from] as const),
);

describe('job machine', () => {
  it('starts a new job in paused.uploadPending', () => {
    const actor = startJobActor();
    expect(leafOf(actor.getSnapshot())).toBe('paused.uploadPending');
    actor.stop();
  });

  it.each(CASES)('%s --%s--> %s', (from, event, to) => {
    const actor = startJobActor(from);
    expect(leafOf(actor.getSnapshot())).toBe(from);
    actor.send(EVENTS[event]!);
    expect(leafOf(actor.getSnapshot())).toBe(to);
    actor.stop();
  });

  it('runs the documented life of a job: created, started, printed', () => {
    const actor = startJobActor();
    const seen: string[] = [];
    const statuses: string[] = [];
    for (const e of ['START', 'ACQUIRE', 'RENDERED', 'PRINTED']) {
      actor.send(EVENTS[e]!);
      const leaf = leafOf(actor.getSnapshot());
      seen.push(leaf);
      statuses.push(`${JOB_STATE_TABLE[leaf].state}/${JOB_STATE_TABLE[leaf].details.join('+')}`);
    }
    expect(seen).toEqual(['pending', 'processing.interpreting', 'processing.transforming', 'completed']);
    expect(statuses).toEqual(['pending/', 'processing/interpreting', 'processing/transforming', 'completed/']);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('a stopped job resumes where it stopped', () => {
    const actor = startJobActor('processing.transforming');
    actor.send(EVENTS.PRINTER_STOPPED!);
    expect(JOB_STATE_TABLE[leafOf(actor.getSnapshot())].state).toBe('stopped');
    actor.send(EVENTS.PRINTER_RESUMED!);
    expect(leafOf(actor.getSnapshot())).toBe('processing.transforming');
    actor.stop();
  });

  it('maps machine states to the documented Graph status snapshots', () => {
    expect(JOB_STATE_TABLE['paused.uploadPending']).toMatchObject({
      state: 'paused',
      details: ['uploadPending'],
      description: 'The job is not a candidate for processing yet.',
    });
    expect(JOB_STATE_TABLE['processing.interpreting']).toMatchObject({
      state: 'processing',
      details: ['interpreting'],
      description: 'The print job is currently being processed.',
    });
    expect(JOB_STATE_TABLE.completed).toMatchObject({
      state: 'completed',
      details: [],
      description: 'The print job has completed successfully and no further processing will take place.',
    });
    expect(JOB_STATE_TABLE['paused.releaseWait']).toMatchObject({ state: 'paused', details: ['releaseWait'] });
    for (const leaf of LEAVES) {
      // Each machine state shows as the Graph state of its parent (stopped.* as stopped, ...).
      const parent = leaf.split('.')[0];
      expect(JOB_STATE_TABLE[leaf].state, leaf).toBe(parent);
    }
  });

  it('only completed, canceled and aborted are final', () => {
    expect(LEAVES.filter(isFinalLeaf).sort()).toEqual(['aborted', 'canceled', 'completed']);
    for (const leaf of LEAVES.filter(isFinalLeaf)) {
      const actor = startJobActor(leaf);
      expect(actor.getSnapshot().status, leaf).toBe('done');
    }
  });
});
