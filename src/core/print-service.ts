import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { createActor, fromPromise } from 'xstate';
import type { Clock } from './clock.js';
import { PrintsimError } from '../model/errors.js';
import type {
  AppIdentity,
  PrintJobConfiguration,
  PrintJobStatus,
  PrinterStatus,
  PrintTaskProcessingState,
  UserIdentity,
} from '../model/print-types.js';
import type { IdGenerator } from './ids.js';
import {
  isFinalLeaf,
  JOB_STATE_TABLE,
  jobMachine,
  leafOf,
  timingOf,
  xstateClock,
  type JobActor,
  type JobCause,
  type JobEvent,
  type JobMachineSnapshot,
  type JobTiming,
  type JobRenderOutput,
} from './job-machine.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import { PrinterRuntime } from './printer-runtime.js';
import type {
  DocumentRecord,
  JobDoor,
  JobLeaf,
  JobRecord,
  PrinterStateRecord,
  ShareRecord,
  TaskDefinitionRecord,
  TaskRecord,
  TaskTriggerRecord,
  UploadSessionRecord,
} from '../model/records.js';
import type { JobFilesRenderer, RecordStore, Renderer, RenderOutput, Spool } from '../model/ports.js';
import { renderPreview, type PreviewRequest } from './preview.js';
import { JobBook } from './jobs/job-book.js';
import { JobHistory, type JobRetention } from './jobs/job-retention.js';
import type { JobFilter, JobListQuery } from '../model/job-queries.js';
import { mergeConfiguration, validateAgainstCapabilities } from './validate-configuration.js';

export interface JobTransition {
  jobId: string;
  printerId: string;
  from: JobLeaf | null;
  to: JobLeaf;
  status: PrintJobStatus;
  at: string;
  reason: string;
  /** Set when the job's machine moved on its own (a delay ran out, the render ended). */
  cause?: JobCause;
}

/** `events` 'jobsRemoved': ids of finished jobs the retention removed, records and spool files. */
export type JobsRemoved = string[];

export interface PrinterChange {
  printerId: string;
  status: PrinterStatus;
  at: string;
}

export interface PrintServiceOptions {
  clock: Clock;
  store: RecordStore;
  spool: Spool;
  printers: PrinterDefinition[];
  /** Turns a job's spooled documents into its output files. */
  renderJob: JobFilesRenderer;
  /** Renders previews (the console's "try a configuration"); the same renderer jobs use. */
  renderer: Renderer;
  /**
   * Queued jobs per printer rendered before the device takes them (0: a job
   * is rendered when it is acquired). Worth it when renders run in threads.
   */
  renderAhead?: number;
  ids: IdGenerator;
  /** Overrides every printer's speed: impressions per minute, or 'unlimited' (no simulated delay). */
  speed?: number | 'unlimited';
  /** Largest accepted document, in bytes. */
  maxDocumentBytes: number;
  /** The application id that registered the bundled (virtual) printers. */
  printerAppId: string;
  /** Upload sessions expire this long after creation. */
  uploadSessionLifetimeMs?: number;
  /** How much finished-job history is kept (default: 10,000 finished jobs per printer, any age). */
  retention?: JobRetention;
  onError?: (e: unknown, context: string) => void;
}

const DEFAULT_UPLOAD_LIFETIME_MS = 24 * 3600 * 1000;

/** What a job on a timed hold says in Graph's status description and IPP's job-state-message. */
export function timedHoldDescription(job: JobRecord): string | undefined {
  return job.heldUntil === undefined ? undefined : `The job is held until ${job.heldUntil}.`;
}

/**
 * The domain: printers, jobs, documents, upload sessions, shares and pull
 * printing. Both doors call it; it knows nothing of HTTP or IPP. Records live
 * in memory and are written through to the RecordStore on every change.
 */
export class PrintService {
  // Typed out: the inferred EventEmitter<[never]> breaks consumers that check .d.ts files (skipLibCheck false).
  readonly events: EventEmitter = new EventEmitter();
  readonly clock: Clock;
  readonly spool: Spool;
  readonly printerAppId: string;
  readonly maxDocumentBytes: number;

  private readonly store: RecordStore;
  private readonly ids: IdGenerator;
  private readonly uploadLifetimeMs: number;
  private readonly runtimes = new Map<string, PrinterRuntime>();
  /** Unfinished jobs in memory, finished ones in the store. */
  private readonly book: JobBook;
  private readonly history: JobHistory;
  private readonly actors = new Map<string, JobActor>();
  private readonly sessions = new Map<string, UploadSessionRecord>();
  /** Ranges being written right now, per session, to refuse overlapping parallel PUTs. */
  private readonly inflight = new Map<string, Array<[number, number]>>();
  private readonly shares = new Map<string, ShareRecord>();
  private readonly taskDefinitions = new Map<string, TaskDefinitionRecord>();
  private readonly triggers = new Map<string, TaskTriggerRecord>();
  /** Tasks of unfinished jobs; those of finished jobs are read from the store. */
  private readonly tasks = new Map<string, TaskRecord>();
  /** What each door saved about itself, by door name (doorState). */
  private readonly doorStates = new Map<string, unknown>();
  /** The job machine with the device's render and this service's reports provided. */
  private readonly machine: typeof jobMachine;
  /** What moved a job's machine on its own, by job id, until the transition is recorded. */
  private readonly causes = new Map<string, { cause: JobCause; reason: string }>();
  /** Set while restore() hands the printers their work: a job released then is queued by restore. */
  private restoring = false;
  private jobSeq = 0;
  private closed = false;

  constructor(private readonly options: PrintServiceOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.spool = options.spool;
    this.ids = options.ids;
    this.printerAppId = options.printerAppId;
    this.maxDocumentBytes = options.maxDocumentBytes;
    this.uploadLifetimeMs = options.uploadSessionLifetimeMs ?? DEFAULT_UPLOAD_LIFETIME_MS;
    this.events.setMaxListeners(0);
    this.machine = jobMachine.provide({
      actors: {
        render: fromPromise<JobRenderOutput, { jobId: string }>(({ input, signal }) => {
          const job = this.getJob(input.jobId);
          return this.runtime(job.printerId).render(job, signal);
        }),
      },
      actions: {
        report: ({ context }, params) => this.machineReport(context.jobId, params),
      },
    });
    this.book = new JobBook(this.store);
    this.history = new JobHistory(
      this.store,
      this.clock,
      options.retention ?? {},
      (job) => this.removeJobFiles(job),
      (e) => this.reportError(e, 'removing the spool files of an expired job'),
      (jobIds) => this.events.emit('jobsRemoved', jobIds),
    );
    this.book.onFinished = (job) => {
      for (const t of this.tasks.values()) if (t.jobId === job.id) this.tasks.delete(t.id);
      this.history.noteFinished(job);
    };
    this.book.onReopened = (job) => {
      for (const t of this.store.tasks<TaskRecord>({ jobId: job.id })) this.tasks.set(t.id, t);
      this.history.noteReopened(job);
    };
    this.restore();
  }

  /** A job's spool files: its documents, output PDF and manifest. */
  private async removeJobFiles(job: JobRecord): Promise<void> {
    await Promise.all([...job.documents.map((d) => this.spool.removeDocument(d.id)), this.spool.removeOutput(job.id)]);
  }

  // ---------------------------------------------------------------- restore

  private restore(): void {
    const states = new Map(this.store.all<PrinterStateRecord>('printer').map((p) => [p.id, p]));
    const now = this.isoNow();
    for (const def of this.options.printers) {
      let state = states.get(def.id);
      if (state === undefined) {
        state = { id: def.id, isAcceptingJobs: true, reportedStatus: null, registeredDateTime: now, warm: false };
        this.store.put('printer', def.id, state);
      }
      this.runtimes.set(def.id, new PrinterRuntime(this, def, state, this.options));
    }
    for (const s of this.store.all<ShareRecord>('share')) this.shares.set(s.id, s);
    for (const d of this.store.all<TaskDefinitionRecord>('taskDefinition')) this.taskDefinitions.set(d.id, d);
    for (const t of this.store.all<TaskTriggerRecord>('trigger')) this.triggers.set(t.id, t);
    for (const t of this.store.tasks<TaskRecord>({ unfinishedJobs: true })) this.tasks.set(t.id, t);
    for (const s of this.store.all<UploadSessionRecord>('uploadSession')) this.sessions.set(s.id, s);
    for (const d of this.store.all<{ id: string; state: unknown }>('doorState')) this.doorStates.set(d.id, d.state);
    const meta = this.store.all<{ id: string; value: number }>('meta');
    this.jobSeq = meta.find((m) => m.id === 'jobSeq')?.value ?? 0;

    // Only the unfinished jobs come into memory; the history stays in the store.
    const jobs = this.book.restore();
    this.restoring = true;
    try {
      // Each machine starts where its job was saved, with the time its delays had left;
      // a timed hold that ended while the emulator was down releases its job now.
      for (const job of jobs) if (!isFinalLeaf(job.leaf)) this.attachActor(job, job.leaf, savedTiming(job));
      // Hand each printer its unfinished work, in queue order.
      for (const job of jobs) if (!isFinalLeaf(job.leaf)) this.runtimes.get(job.printerId)?.restoreJob(job);
    } finally {
      this.restoring = false;
    }
    for (const rt of this.runtimes.values()) rt.resumeAfterRestore();
  }

  // ---------------------------------------------------------------- printers

  printerIds(): string[] {
    return [...this.runtimes.keys()];
  }

  runtime(printerId: string): PrinterRuntime {
    const rt = this.runtimes.get(printerId);
    if (rt === undefined) throw new PrintsimError('notFound', `Printer '${printerId}' was not found.`);
    return rt;
  }

  hasPrinter(printerId: string): boolean {
    return this.runtimes.has(printerId);
  }

  /** Finds a printer by Graph id or by its IPP name. */
  preview = (request: PreviewRequest): Promise<RenderOutput> => renderPreview(this.options.renderer, this.runtime(request.printerId).effectiveDefinition(), request);

  findPrinter(idOrName: string): PrinterRuntime | undefined {
    const byId = this.runtimes.get(idOrName);
    if (byId !== undefined) return byId;
    for (const rt of this.runtimes.values()) if (rt.definition.name === idOrName) return rt;
    return undefined;
  }

  updatePrinter(printerId: string, patch: Partial<Omit<PrinterStateRecord, 'id' | 'registeredDateTime' | 'warm'>>): PrinterRuntime {
    const rt = this.runtime(printerId);
    rt.update(patch);
    return rt;
  }

  /** A printer status report (application PATCH or fault injection). */
  setPrinterStatus(printerId: string, status: PrinterStatus | null): PrinterRuntime {
    const rt = this.runtime(printerId);
    rt.setReportedStatus(status);
    return rt;
  }

  savePrinterState(state: PrinterStateRecord): void {
    this.store.put('printer', state.id, state);
  }

  emitPrinterChange(printerId: string, status: PrinterStatus): void {
    this.events.emit('printer', { printerId, status, at: this.isoNow() } satisfies PrinterChange);
  }

  /** A GUID from the service's generator (seeded in tests), for a door's own objects. */
  newGuid(): string {
    return this.ids.guid();
  }

  /** An unguessable token (never seeded). */
  newSecret(): string {
    return this.ids.secret();
  }

  /** What a door saved about itself with saveDoorState (its own facts Graph has no place for), if anything. */
  doorState<T>(door: string): T | undefined {
    return this.doorStates.get(door) as T | undefined;
  }

  saveDoorState(door: string, state: unknown): void {
    this.doorStates.set(door, state);
    this.store.put('doorState', door, { id: door, state });
  }

  // ---------------------------------------------------------------- jobs

  createJob(input: {
    printerId: string;
    shareId?: string | null;
    configuration: PrintJobConfiguration;
    createdBy: UserIdentity;
    door: JobDoor;
    displayName?: string | null;
  }): JobRecord {
    const rt = this.runtime(input.printerId);
    if (!rt.state.isAcceptingJobs) {
      throw new PrintsimError('notAcceptingJobs', `Printer '${rt.displayName}' is not accepting jobs (isAcceptingJobs is false).`);
    }
    validateAgainstCapabilities(input.configuration, rt.effectiveDefinition());
    this.jobSeq += 1;
    const id = String(this.jobSeq);
    const now = this.isoNow();
    const document = this.emptyDocument();
    const job: JobRecord = {
      id,
      printerId: input.printerId,
      shareId: input.shareId ?? null,
      door: input.door,
      seq: this.jobSeq,
      createdDateTime: now,
      createdBy: input.createdBy,
      displayName: input.displayName ?? null,
      configuration: input.configuration,
      leaf: 'paused.uploadPending',
      description: null,
      completionDetail: null,
      isAcquiredByPrinter: false,
      isFetchable: false,
      redirectedFrom: null,
      redirectedTo: null,
      errorCode: null,
      acknowledgedDateTime: null,
      completedDateTime: null,
      documents: [document],
      queuedAt: null,
      remainingMs: null,
      impressions: 0,
      warnings: [],
      timeline: [{ at: now, leaf: 'paused.uploadPending', reason: `created through ${input.door}` }],
      ...(rt.state.holdNewJobs === true ? { heldNewJob: true } : {}),
    };
    this.store.transaction(() => {
      this.store.put('meta', 'jobSeq', { id: 'jobSeq', value: this.jobSeq });
      this.saveJob(job);
    });
    this.attachActor(job, 'paused.uploadPending');
    this.events.emit('job', {
      jobId: id,
      printerId: job.printerId,
      from: null,
      to: job.leaf,
      status: this.jobStatus(job),
      at: now,
      reason: job.timeline[0]!.reason,
    } satisfies JobTransition);
    return job;
  }

  /** A printDocument as Graph shows it right after job creation: no name, type or bytes yet. */
  private emptyDocument(): DocumentRecord {
    return {
      id: this.ids.guid(),
      displayName: '',
      contentType: '',
      size: 0,
      complete: false,
      uploadedDateTime: null,
      downloadedDateTime: null,
    };
  }

  /**
   * A job by id. An unfinished job is the one object its machine works on; a
   * finished one is read from the store, a fresh object each time: change it
   * through saveJob.
   */
  getJob(jobId: string, printerId?: string): JobRecord {
    const job = this.book.get(jobId);
    if (job === undefined || (printerId !== undefined && job.printerId !== printerId)) {
      throw new PrintsimError('notFound', `Print job '${jobId}' was not found${printerId === undefined ? '' : ' on this printer'}.`);
    }
    return job;
  }

  findJob(jobId: string): JobRecord | undefined {
    return this.book.get(jobId);
  }

  /**
   * Every job in creation order, optionally of one printer: reads the whole
   * history from the store. Lists a user sees page through queryJobs instead.
   */
  listJobs(printerId?: string): JobRecord[] {
    return this.book.list(printerId === undefined ? {} : { printerId });
  }

  /** The jobs not yet completed, canceled or aborted, oldest first: cheap however long the history. */
  listUnfinishedJobs(printerId?: string): JobRecord[] {
    return this.book.unfinished(printerId);
  }

  /** One page of jobs through the store's indexes (keyset cursors on seq); unfinished ones are the live objects. */
  queryJobs(q: JobListQuery): JobRecord[] {
    return this.book.list(q);
  }

  countJobs(q: JobFilter): number {
    return this.book.count(q);
  }

  /** Whether any job matches `q`. */
  anyJob(q: JobListQuery): boolean {
    return this.book.any(q);
  }

  /** Distinct job owners (UPN, else display name), sorted, at most `limit`. */
  jobOwners(limit: number): string[] {
    return this.book.owners(limit);
  }

  jobStatus(job: JobRecord): PrintJobStatus {
    const row = JOB_STATE_TABLE[job.leaf];
    const details = job.leaf === 'completed' && job.completionDetail !== null ? [job.completionDetail] : [...row.details];
    return {
      state: row.state,
      details,
      description:
        job.description ??
        (job.leaf === 'completed' ? job.outputSummary : undefined) ??
        timedHoldDescription(job) ??
        row.description,
      isAcquiredByPrinter: job.isAcquiredByPrinter,
    };
  }

  /** Whether the job's output PDF and manifest can be read: rendered for the device, not merely ahead of it. */
  hasOutput(job: JobRecord): boolean {
    return job.outputSummary !== undefined && this.spool.hasOutput(job.id);
  }

  /** Writes a job through to the store; one that has reached a final state leaves memory with this write. */
  saveJob(job: JobRecord): void {
    this.book.save(job);
  }

  /** Sends an event to a job's machine; returns false when the machine ignored it. */
  sendJob(job: JobRecord, event: JobEvent, reason: string): boolean {
    const actor = this.actors.get(job.id);
    if (actor === undefined) return false;
    const before = job.leaf;
    // The reason rides on the event: an event sent while the machine is busy is handled after the step under way.
    actor.send({ ...event, reason });
    return job.leaf !== before;
  }

  /** Starts the job's machine at `leaf`, its delays on the service clock, and records every move it makes. */
  private attachActor(job: JobRecord, leaf: JobLeaf, timing?: Partial<JobTiming>, reason?: string): void {
    const clock = this.clock;
    const actor: JobActor = createActor(this.machine, {
      clock: xstateClock(clock),
      input: { jobId: job.id, now: () => clock.now(), leaf, timing },
      // Each step with the event that made it (its reason), the machine's own steps included.
      inspect: (ev) => {
        // Snapshots come from start() on, once `actor` is set.
        if (ev.type !== '@xstate.snapshot' || ev.actorRef !== actor) return;
        const why = (ev.event as { reason?: unknown }).reason;
        this.machineMoved(job, ev.snapshot as JobMachineSnapshot, typeof why === 'string' ? why : reason);
      },
    });
    this.actors.set(job.id, actor);
    actor.subscribe({ error: (e) => this.reportError(e, `the machine of job ${job.id}`) });
    actor.start();
  }

  /** A job's machine took a step: a new leaf is recorded, whatever moved it (an event, a delay, the render). */
  private machineMoved(job: JobRecord, snapshot: JobMachineSnapshot, sentReason: string | undefined): void {
    if (this.closed || this.actors.get(job.id) === undefined) return;
    const to = leafOf(snapshot);
    const from = job.leaf;
    if (to === from || (snapshot.value as unknown) === 'boot') return;
    const noted = this.causes.get(job.id);
    this.causes.delete(job.id);
    const reason = noted?.reason ?? sentReason ?? 'changed';
    this.writeTiming(job, snapshot, to);
    this.applyTransition(job, from, to, reason, noted?.cause);
  }

  /** What the machine did on its own, reported by its actions before the step is recorded. */
  private machineReport(jobId: string, report: { cause: JobCause; error?: unknown; output?: JobRenderOutput }): void {
    const job = this.book.get(jobId);
    if (job === undefined) return;
    const rt = this.runtimes.get(job.printerId);
    let reason: string;
    switch (report.cause) {
      case 'rendered':
        rt?.applyRender(job, report.output!.result);
        reason = `rendered: ${job.impressions} impressions`;
        break;
      case 'renderFailed':
        rt?.applyRenderError(job, report.error);
        reason = job.description ?? 'the document could not be printed';
        break;
      case 'warmedUp':
        this.checkpointJob(job);
        return;
      case 'printed':
        reason = job.completionDetail === null ? 'printed' : `printed with warnings: ${job.warnings.join('; ')}`;
        break;
      case 'holdTime':
        reason = `hold time reached (${job.heldUntil ?? 'now'})`;
        break;
      case 'uploadTimeOut':
        job.description = 'No document arrived within the time-out of the job waiting for its next document; the job was aborted.';
        reason = job.description;
        break;
    }
    this.causes.set(job.id, { cause: report.cause, reason });
  }

  /** The time the job still owes, on its record: what a restart resumes from. */
  private writeTiming(job: JobRecord, snapshot: JobMachineSnapshot, leaf: JobLeaf): void {
    const t = timingOf(snapshot);
    const onDevice = leaf.startsWith('processing') || leaf.startsWith('stopped');
    job.remainingMs = onDevice ? t.warmUpMs + (t.printMs ?? 0) : isFinalLeaf(leaf) ? null : job.remainingMs;
    if (onDevice && t.warmUpMs > 0) job.warmUpMs = t.warmUpMs;
    else delete job.warmUpMs;
    if (leaf === 'paused.uploadPending' && t.uploadTimeOutMs !== null) job.uploadTimeOutMs = t.uploadTimeOutMs;
    else delete job.uploadTimeOutMs;
  }

  /** Writes down the time the job still owes (the device does so every second, and close() at the end). */
  checkpointJob(job: JobRecord): void {
    const actor = this.actors.get(job.id);
    if (actor === undefined) return;
    this.writeTiming(job, actor.getSnapshot(), job.leaf);
    this.saveJob(job);
  }

  private applyTransition(job: JobRecord, from: JobLeaf, to: JobLeaf, reason: string, cause?: JobCause): void {
    const now = this.isoNow();
    job.leaf = to;
    job.timeline.push({ at: now, leaf: to, reason });
    // A timed hold ends with the hold, however it ends (released, canceled, redirected).
    if (from === 'paused.held') {
      delete job.heldUntil;
      delete job.heldNewJob;
    }
    if (to === 'pending' && this.restoring) job.queuedAt = this.clock.now();
    if (to === 'pending' || to.startsWith('processing') || to.startsWith('stopped')) job.isFetchable = true;
    // The device acquires the job once the service has interpreted it: the documented
    // start response (processing/[interpreting]) still has isAcquiredByPrinter false.
    if (to === 'processing.transforming' && !job.isAcquiredByPrinter) {
      job.isAcquiredByPrinter = true;
      job.acknowledgedDateTime ??= now;
    }
    if (isFinalLeaf(to)) {
      job.isFetchable = false;
      job.completedDateTime = now;
      job.queuedAt = null;
      job.remainingMs = null;
      delete job.heldNewJob;
      const actor = this.actors.get(job.id);
      this.actors.delete(job.id);
      actor?.stop();
    }
    this.saveJob(job);
    const next = this.runtimes.get(job.printerId)?.jobChanged(job, from, to, this.restoring);
    this.events.emit('job', {
      jobId: job.id,
      printerId: job.printerId,
      from,
      to,
      status: this.jobStatus(job),
      at: now,
      reason,
      ...(cause !== undefined ? { cause } : {}),
    } satisfies JobTransition);
    next?.();
  }

  /**
   * Graph `start` (and the IPP door once the last document is in): the document
   * must be complete; a trigger on the printer holds the job. `hold` (IPP
   * job-hold-until) parks it in paused.held instead of queueing it.
   */
  startJob(jobId: string, printerId?: string, options: { hold?: boolean; holdUntil?: number } = {}): JobRecord {
    const job = this.getJob(jobId, printerId);
    if (job.leaf !== 'paused.uploadPending') {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' has already been started (state ${this.jobStatus(job).state}).`);
    }
    const doc = job.documents[0]!;
    if (!doc.complete) {
      const missing = this.describeMissing(doc.id);
      throw new PrintsimError(
        'documentIncomplete',
        `Print job '${job.id}' cannot start: its document ${doc.id} is incomplete (${missing}). Upload every byte through an upload session first.`,
      );
    }
    const trigger = this.triggerOf(job.printerId);
    if (trigger !== undefined) {
      this.sendJob(job, { type: 'START', hold: true }, `held by task trigger ${trigger.id}`);
      this.createTask(job, trigger);
      return job;
    }
    const timed = options.hold !== true && options.holdUntil !== undefined && options.holdUntil > this.clock.now();
    // Hold-New-Jobs holds a job whatever door it came through; a job held until released needs no second hold.
    // A job Release-Job took out of Hold-New-Jobs before it started has heldNewJob false.
    const newJob = (job.heldNewJob ?? this.runtime(job.printerId).state.holdNewJobs) === true && options.hold !== true;
    if (options.hold === true || timed || newJob) {
      if (newJob) job.heldNewJob = true;
      if (timed) job.heldUntil = new Date(options.holdUntil!).toISOString();
      const why = newJob ? 'started, held: the printer holds new jobs' : timed ? `started, held until ${job.heldUntil}` : 'started, held until released';
      this.sendJob(job, { type: 'START', hold: false, park: true, until: timed ? options.holdUntil! : null, newJob }, why);
      return job;
    }
    delete job.heldNewJob;
    // Queued by the printer as it enters pending (PrinterRuntime.jobChanged).
    this.sendJob(job, { type: 'START', hold: false }, 'started');
    return job;
  }

  /**
   * Hold-New-Jobs (IPP, RFC 3998): while it is set, every job started on the
   * printer, through any door, is held; clearing it releases the jobs it held,
   * but for those a timed hold still holds until their time.
   */
  setHoldNewJobs(printerId: string, hold: boolean, reason: string): void {
    const rt = this.runtime(printerId);
    if (hold) rt.state.holdNewJobs = true;
    else delete rt.state.holdNewJobs;
    this.savePrinterState(rt.state);
    if (hold) return;
    for (const job of this.listUnfinishedJobs(printerId)) {
      if (job.heldNewJob !== true) continue;
      this.releaseHeldNewJob(job, reason);
    }
  }

  holdsNewJobs(printerId: string): boolean {
    return this.runtime(printerId).state.holdNewJobs === true;
  }

  /** Takes a job out of Hold-New-Jobs: queued, unless a timed hold still holds it. */
  releaseHeldNewJob(job: JobRecord, reason: string): void {
    if (job.leaf === 'paused.uploadPending') {
      // Not started yet: it will not be held by Hold-New-Jobs when it starts.
      job.heldNewJob = false;
      this.saveJob(job);
      return;
    }
    if (job.heldNewJob !== true) return;
    delete job.heldNewJob;
    if (job.leaf !== 'paused.held') {
      this.saveJob(job);
      return;
    }
    if (job.heldUntil !== undefined) {
      this.saveJob(job);
      // Re-timed without Hold-New-Jobs: released now if its time has come.
      this.sendJob(job, { type: 'HOLD_UNTIL', until: Date.parse(job.heldUntil), newJob: false }, reason);
      return;
    }
    this.releaseJob(job, reason);
  }

  /**
   * Arms (or, with null, stops) the time-out of a job waiting for its next
   * document (IPP multiple-operation-time-out, RFC 8011 §4.2.4): the job's
   * machine aborts it when no document came in time.
   */
  awaitDocument(job: JobRecord, timeOutMs: number | null): void {
    if (job.leaf !== 'paused.uploadPending') return;
    this.sendJob(job, { type: 'AWAIT_DOCUMENT', timeOutMs }, 'waiting for a document');
    this.checkpointJob(job);
  }

  /**
   * Takes a queued job off the queue until releaseJob (IPP Hold-Job), or
   * until the clock reaches `until` (epoch ms; a time already past leaves
   * the job queued).
   */
  holdJob(job: JobRecord, reason: string, until?: number): void {
    if (job.leaf !== 'pending') {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is ${this.jobStatus(job).state}; only a pending job can be held.`);
    }
    if (until !== undefined && until <= this.clock.now()) return;
    this.runtime(job.printerId).forget(job);
    if (until !== undefined) job.heldUntil = new Date(until).toISOString();
    this.sendJob(job, { type: 'HOLD', until: until ?? null, newJob: false }, reason);
  }

  /**
   * Times the hold of a held job: released when the clock reaches `until`
   * (epoch ms; now, if that is past), or, with null, only by releaseJob.
   * The release time is saved with the job, so a restart keeps it.
   */
  setHoldUntil(job: JobRecord, until: number | null): void {
    if (job.leaf !== 'paused.held') {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is not held (state ${this.jobStatus(job).state}).`);
    }
    if (until === null) delete job.heldUntil;
    else job.heldUntil = new Date(until).toISOString();
    this.saveJob(job);
    // The machine's hold delay starts again from the new time (released at once if it is past).
    this.sendJob(job, { type: 'HOLD_UNTIL', until, newJob: job.heldNewJob === true }, until === null ? 'held until released' : `hold time reached (${job.heldUntil})`);
  }

  /** Queues a held job again (IPP Release-Job, Resume-Job). */
  releaseJob(job: JobRecord, reason: string): void {
    if (job.leaf !== 'paused.held') {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is not held (state ${this.jobStatus(job).state}).`);
    }
    delete job.heldNewJob;
    this.sendJob(job, { type: 'RELEASE' }, reason);
  }

  /** Takes the job off the device and holds it; the printer moves on (IPP Suspend-Current-Job). */
  suspendJob(job: JobRecord, reason: string): void {
    if (!job.leaf.startsWith('processing.')) {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is not processing (state ${this.jobStatus(job).state}).`);
    }
    const rt = this.runtime(job.printerId);
    rt.forget(job);
    this.sendJob(job, { type: 'REQUEUE' }, reason);
    this.sendJob(job, { type: 'HOLD' }, reason);
    rt.kick();
  }

  /** Prints a finished job again under the same id (IPP Restart-Job, RFC 8011 §4.3.7). */
  restartJob(job: JobRecord, reason: string): void {
    if (!isFinalLeaf(job.leaf)) {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is ${this.jobStatus(job).state}; only a completed, canceled or aborted job can be restarted.`);
    }
    if (!job.documents.some((d) => d.complete)) {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' has no document to print again.`);
    }
    Object.assign(job, {
      completedDateTime: null,
      completionDetail: null,
      description: null,
      errorCode: null,
      impressions: 0,
      warnings: [],
      isAcquiredByPrinter: false,
    });
    // The new machine starts at pending; its first step is recorded with this reason, and the printer queues it.
    this.attachActor(job, 'pending', undefined, reason);
  }

  /** Moves a pending job to the head of its queue (after = null) or right behind `after` (IPP Promote-Job, Schedule-Job-After). */
  moveJob(job: JobRecord, after: JobRecord | null): void {
    if (job.leaf !== 'pending' || !this.runtime(job.printerId).moveInQueue(job, after)) {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is not waiting in the queue (state ${this.jobStatus(job).state}).`);
    }
  }

  private describeMissing(documentId: string): string {
    for (const s of this.sessions.values()) {
      if (s.documentId === documentId) return `next expected ranges ${nextExpectedRanges(s).join(', ')}`;
    }
    return 'no bytes were uploaded';
  }

  /** Graph `cancel` / IPP Cancel-Job. */
  cancelJob(jobId: string, printerId?: string, reason = 'canceled by user'): JobRecord {
    const job = this.getJob(jobId, printerId);
    if (isFinalLeaf(job.leaf)) {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is already ${this.jobStatus(job).state} and cannot be canceled.`);
    }
    this.endJob(job, { type: 'CANCEL' }, reason);
    this.finishTasksOf(job, 'completed', 'The job was canceled.');
    return job;
  }

  /** Graph `abort` (application). */
  abortJob(jobId: string, printerId: string | undefined, reason: string | null): JobRecord {
    const job = this.getJob(jobId, printerId);
    if (isFinalLeaf(job.leaf)) {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is already ${this.jobStatus(job).state} and cannot be aborted.`);
    }
    job.description = reason !== null && reason !== '' ? reason : 'The print job was aborted by an application.';
    this.endJob(job, { type: 'ABORT' }, `aborted: ${job.description}`);
    this.finishTasksOf(job, 'completed', 'The job was aborted.');
    return job;
  }

  /** Ends a job and frees its printer. */
  private endJob(job: JobRecord, event: JobEvent, reason: string): void {
    const rt = this.runtimes.get(job.printerId);
    rt?.forget(job);
    this.sendJob(job, event, reason);
    rt?.kick();
  }

  /** Graph PATCH job: only configuration, merged and checked against the printer. */
  updateJobConfiguration(jobId: string, printerId: string | undefined, patch: PrintJobConfiguration): JobRecord {
    const job = this.getJob(jobId, printerId);
    if (isFinalLeaf(job.leaf)) {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' is ${this.jobStatus(job).state}; its configuration can no longer change.`);
    }
    const merged = mergeConfiguration(job.configuration, patch);
    validateAgainstCapabilities(merged, this.runtime(job.printerId).effectiveDefinition());
    job.configuration = merged;
    this.saveJob(job);
    return job;
  }

  /** Graph `redirect` (application): the held job moves to another printer. */
  async redirectJob(
    jobId: string,
    printerId: string | undefined,
    destinationPrinterId: string,
    configuration: PrintJobConfiguration | null,
  ): Promise<JobRecord> {
    const source = this.getJob(jobId, printerId);
    const dest = this.runtimes.get(destinationPrinterId);
    if (dest === undefined) {
      throw new PrintsimError('badRequest', `destinationPrinterId '${destinationPrinterId}' is not a printer.`, { fields: ['destinationPrinterId'] });
    }
    if (isFinalLeaf(source.leaf)) {
      throw new PrintsimError('notAllowed', `Print job '${source.id}' is already ${this.jobStatus(source).state} and cannot be redirected.`);
    }
    const config = configuration ?? source.configuration;
    const srcDoc = source.documents[0]!;
    const target = this.createJob({
      printerId: dest.id,
      configuration: config,
      createdBy: source.createdBy,
      door: source.door,
      displayName: source.displayName,
    });
    const doc = target.documents[0]!;
    Object.assign(doc, {
      displayName: srcDoc.displayName,
      contentType: srcDoc.contentType,
      size: srcDoc.size,
      complete: srcDoc.complete,
      uploadedDateTime: srcDoc.uploadedDateTime,
    });
    await this.spool.copyDocument(srcDoc.id, doc.id);
    target.redirectedFrom = jobPath(source);
    source.redirectedTo = jobPath(target);
    source.description = `The print job was redirected to job ${target.id} on printer '${dest.displayName}' (${dest.id}).`;
    this.saveJob(target);
    this.finishTasksOf(source, 'completed', `The job was redirected to job ${target.id}.`);
    this.endJob(source, { type: 'REDIRECTED' }, `redirected to job ${target.id} on ${dest.id}`);
    this.sendJob(target, { type: 'START', hold: false }, `redirected from job ${source.id}`);
    return target;
  }

  // ---------------------------------------------------------------- documents and uploads

  getDocument(job: JobRecord, documentId: string): DocumentRecord {
    const doc = job.documents.find((d) => d.id === documentId);
    if (doc === undefined) throw new PrintsimError('notFound', `Document '${documentId}' was not found in print job '${job.id}'.`);
    return doc;
  }

  async createUploadSession(
    job: JobRecord,
    documentId: string,
    props: { documentName: string; contentType: string; size: number },
  ): Promise<UploadSessionRecord> {
    const doc = this.getDocument(job, documentId);
    if (job.leaf !== 'paused.uploadPending') {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' has been started; its document can no longer be uploaded.`);
    }
    if (doc.complete) throw new PrintsimError('notAllowed', `Document '${doc.id}' has already been uploaded.`);
    if (props.size > this.maxDocumentBytes) {
      throw new PrintsimError('tooLarge', `properties.size ${props.size} exceeds the largest accepted document (${this.maxDocumentBytes} bytes).`, {
        fields: ['properties.size'],
      });
    }
    const printer = this.runtime(job.printerId).effectiveDefinition();
    const types = printer.capabilities.contentTypes ?? [];
    if (types.length > 0 && !types.includes(props.contentType)) {
      throw new PrintsimError(
        'badRequest',
        `properties.contentType '${props.contentType}' is not supported by printer '${printer.displayName}' (supported: ${types.join(', ')}).`,
        { fields: ['properties.contentType'] },
      );
    }
    // A new session replaces an unfinished one for the same document.
    for (const s of this.sessions.values()) if (s.documentId === doc.id) this.dropSession(s);
    const session: UploadSessionRecord = {
      id: this.ids.guid(),
      jobId: job.id,
      documentId: doc.id,
      token: this.ids.secret(),
      documentName: props.documentName,
      contentType: props.contentType,
      size: props.size,
      received: [],
      expirationDateTime: new Date(this.clock.now() + this.uploadLifetimeMs).toISOString(),
    };
    doc.displayName = props.documentName;
    doc.contentType = props.contentType;
    doc.size = props.size;
    // No spool file yet: the first PUT creates it (Spool.writeAt), keeping this request off the disk.
    this.sessions.set(session.id, session);
    this.store.transaction(() => {
      this.store.put('uploadSession', session.id, session);
      this.saveJob(job);
    });
    return session;
  }

  getUploadSession(sessionId: string, token: string | undefined): UploadSessionRecord {
    const s = this.sessions.get(sessionId);
    if (s === undefined) {
      throw new PrintsimError('notFound', `Upload session '${sessionId}' was not found (it completes, expires or is deleted).`, {
        innerCode: 'uploadSessionNotFound',
      });
    }
    if (token !== s.token) throw new PrintsimError('unauthenticated', 'The tempauthtoken of this upload URL is missing or wrong.');
    if (Date.parse(s.expirationDateTime) <= this.clock.now()) {
      this.dropSession(s);
      throw new PrintsimError('notFound', `Upload session '${sessionId}' expired at ${s.expirationDateTime}.`, {
        innerCode: 'uploadSessionNotFound',
      });
    }
    return s;
  }

  deleteUploadSession(sessionId: string, token: string | undefined): void {
    this.dropSession(this.getUploadSession(sessionId, token));
  }

  private dropSession(s: UploadSessionRecord): void {
    this.sessions.delete(s.id);
    this.inflight.delete(s.id);
    this.store.delete('uploadSession', s.id);
  }

  /**
   * One PUT of an upload session (Graph "upload data to an upload session"):
   * ranges may come in any order; overlaps get 416; the last missing range completes
   * the document.
   */
  async uploadRange(
    sessionId: string,
    token: string | undefined,
    range: { start: number; end: number; total: number },
    body: Readable,
    contentLength: number | null,
  ): Promise<{ done: false; session: UploadSessionRecord } | { done: true; job: JobRecord; document: DocumentRecord }> {
    const s = this.getUploadSession(sessionId, token);
    if (range.total !== s.size) {
      throw new PrintsimError(
        'uploadSizeMismatch',
        `Content-Range total ${range.total} differs from the size declared when the upload session was created (${s.size}).`,
        { innerCode: 'fragmentLengthMismatch' },
      );
    }
    if (range.end >= s.size) {
      throw new PrintsimError('rangeNotSatisfiable', `Content-Range end ${range.end} is past the last byte (${s.size - 1}).`, {
        innerCode: 'fragmentOutOfOrder',
      });
    }
    const length = range.end - range.start + 1;
    if (contentLength !== null && contentLength !== length) {
      throw new PrintsimError(
        'badRequest',
        `Content-Length ${contentLength} does not match Content-Range bytes ${range.start}-${range.end} (${length} bytes).`,
        { innerCode: 'fragmentLengthMismatch' },
      );
    }
    const busy = this.inflight.get(s.id) ?? [];
    const overlap = [...s.received, ...busy].find(([a, b]) => range.start <= b && a <= range.end);
    if (overlap !== undefined) {
      throw new PrintsimError(
        'rangeNotSatisfiable',
        `Bytes ${range.start}-${range.end} overlap bytes ${overlap[0]}-${overlap[1]} already received; next expected ranges: ${nextExpectedRanges(s).join(', ')}.`,
        { innerCode: 'fragmentOverlap' },
      );
    }
    const mine: [number, number] = [range.start, range.end];
    busy.push(mine);
    this.inflight.set(s.id, busy);
    let written: number;
    try {
      written = await this.spool.writeAt(s.documentId, range.start, body, length);
    } catch (e) {
      throw new PrintsimError('badRequest', `The upload body could not be written: ${(e as Error).message}.`, {
        innerCode: 'fragmentLengthMismatch',
        cause: e,
      });
    } finally {
      const list = this.inflight.get(s.id);
      if (list !== undefined) list.splice(list.indexOf(mine), 1);
    }
    if (written !== length) {
      throw new PrintsimError('badRequest', `The body had ${written} bytes but Content-Range bytes ${range.start}-${range.end} declares ${length}.`, {
        innerCode: 'fragmentLengthMismatch',
      });
    }
    if (!this.sessions.has(s.id)) throw new PrintsimError('notFound', `Upload session '${s.id}' was deleted during the upload.`);
    s.received = mergeRanges([...s.received, mine]);
    const job = this.getJob(s.jobId);
    const complete = s.received.length === 1 && s.received[0]![0] === 0 && s.received[0]![1] === s.size - 1;
    if (!complete) {
      this.store.put('uploadSession', s.id, s);
      return { done: false, session: s };
    }
    const doc = this.getDocument(job, s.documentId);
    doc.complete = true;
    doc.uploadedDateTime = this.isoNow();
    this.sessions.delete(s.id);
    this.inflight.delete(s.id);
    this.store.transaction(() => {
      this.store.delete('uploadSession', s.id);
      this.saveJob(job);
    });
    return { done: true, job, document: doc };
  }

  /**
   * A document slot for a job still awaiting its upload: the empty one every job
   * starts with, then one more per call (IPP Send-Document, PWG 5100.5 multiple-document jobs).
   */
  addDocument(job: JobRecord): DocumentRecord {
    if (job.leaf !== 'paused.uploadPending') {
      throw new PrintsimError('notAllowed', `Print job '${job.id}' has been started; it takes no more documents.`);
    }
    const unused = job.documents.find((d) => !d.complete && d.contentType === '');
    if (unused !== undefined) return unused;
    const doc = this.emptyDocument();
    job.documents.push(doc);
    this.saveJob(job);
    return doc;
  }

  /**
   * Streams a document into the spool as it arrives (IPP Print-Job/Send-Document),
   * never holding it whole in memory; more than maxDocumentBytes is `tooLarge`.
   */
  async receiveDocument(
    job: JobRecord,
    doc: DocumentRecord,
    body: Readable,
    props: { documentName: string; contentType: string },
  ): Promise<DocumentRecord> {
    let size: number;
    try {
      size = await this.spool.writeAt(doc.id, 0, body, this.maxDocumentBytes, { whole: true });
    } catch (e) {
      await this.spool.removeDocument(doc.id);
      if (e instanceof RangeError) {
        throw new PrintsimError('tooLarge', `The document exceeds the largest accepted document (${this.maxDocumentBytes} bytes).`, { cause: e });
      }
      throw e;
    }
    Object.assign(doc, {
      displayName: props.documentName,
      contentType: props.contentType,
      size,
      complete: true,
      uploadedDateTime: this.isoNow(),
    });
    this.saveJob(job);
    return doc;
  }

  /** Stores a whole document at once (IPP, console): the job must still await its upload. */
  async putDocument(job: JobRecord, bytes: Uint8Array, props: { documentName: string; contentType: string }): Promise<void> {
    const doc = job.documents[0]!;
    if (bytes.length > this.maxDocumentBytes) {
      throw new PrintsimError('tooLarge', `The document (${bytes.length} bytes) exceeds the largest accepted document (${this.maxDocumentBytes} bytes).`);
    }
    await this.spool.writeDocument(doc.id, bytes);
    Object.assign(doc, {
      displayName: props.documentName,
      contentType: props.contentType,
      size: bytes.length,
      complete: true,
      uploadedDateTime: this.isoNow(),
    });
    this.saveJob(job);
  }

  markDownloaded(job: JobRecord, doc: DocumentRecord): void {
    doc.downloadedDateTime = this.isoNow();
    this.saveJob(job);
  }

  // ---------------------------------------------------------------- shares

  listShares(): ShareRecord[] {
    return [...this.shares.values()];
  }

  getShare(shareId: string): ShareRecord {
    const s = this.shares.get(shareId);
    if (s === undefined) throw new PrintsimError('notFound', `Printer share '${shareId}' was not found.`);
    return s;
  }

  createShare(input: { printerId: string; displayName: string; allowAllUsers: boolean }): ShareRecord {
    this.runtime(input.printerId);
    const s: ShareRecord = { id: this.ids.guid(), createdDateTime: this.isoNow(), ...input };
    this.shares.set(s.id, s);
    this.store.put('share', s.id, s);
    return s;
  }

  updateShare(shareId: string, patch: Partial<Pick<ShareRecord, 'printerId' | 'displayName' | 'allowAllUsers'>>): ShareRecord {
    const s = this.getShare(shareId);
    if (patch.printerId !== undefined) this.runtime(patch.printerId);
    Object.assign(s, patch);
    this.store.put('share', s.id, s);
    return s;
  }

  deleteShare(shareId: string): void {
    this.getShare(shareId);
    this.shares.delete(shareId);
    this.store.delete('share', shareId);
  }

  // ---------------------------------------------------------------- pull printing

  listTaskDefinitions(appId?: string): TaskDefinitionRecord[] {
    const all = [...this.taskDefinitions.values()];
    return appId === undefined ? all : all.filter((d) => d.createdBy.appId === appId);
  }

  getTaskDefinition(id: string): TaskDefinitionRecord {
    const d = this.taskDefinitions.get(id);
    if (d === undefined) throw new PrintsimError('notFound', `Task definition '${id}' was not found.`);
    return d;
  }

  createTaskDefinition(displayName: string, createdBy: AppIdentity): TaskDefinitionRecord {
    const d: TaskDefinitionRecord = { id: this.ids.guid(), displayName, createdBy };
    this.taskDefinitions.set(d.id, d);
    this.store.put('taskDefinition', d.id, d);
    return d;
  }

  updateTaskDefinition(id: string, patch: { displayName?: string; createdByDisplayName?: string }): TaskDefinitionRecord {
    const d = this.getTaskDefinition(id);
    if (patch.displayName !== undefined) d.displayName = patch.displayName;
    if (patch.createdByDisplayName !== undefined) d.createdBy = { ...d.createdBy, displayName: patch.createdByDisplayName };
    this.store.put('taskDefinition', d.id, d);
    return d;
  }

  deleteTaskDefinition(id: string): void {
    this.getTaskDefinition(id);
    for (const t of [...this.triggers.values()]) if (t.definitionId === id) this.deleteTrigger(t.printerId, t.id);
    this.taskDefinitions.delete(id);
    this.store.delete('taskDefinition', id);
  }

  listTriggers(printerId: string): TaskTriggerRecord[] {
    this.runtime(printerId);
    return [...this.triggers.values()].filter((t) => t.printerId === printerId);
  }

  getTrigger(printerId: string, triggerId: string): TaskTriggerRecord {
    const t = this.triggers.get(triggerId);
    if (t === undefined || t.printerId !== printerId) throw new PrintsimError('notFound', `Task trigger '${triggerId}' was not found on this printer.`);
    return t;
  }

  createTrigger(printerId: string, definitionId: string): TaskTriggerRecord {
    this.runtime(printerId);
    this.getTaskDefinition(definitionId);
    if (this.triggerOf(printerId) !== undefined) {
      // printer.taskTriggers: "currently ≤ 1 trigger per printer".
      throw new PrintsimError('notAllowed', `Printer '${printerId}' already has a task trigger; a printer has at most one.`);
    }
    const t: TaskTriggerRecord = { id: this.ids.guid(), printerId, event: 'jobStarted', definitionId };
    this.triggers.set(t.id, t);
    this.store.put('trigger', t.id, t);
    return t;
  }

  deleteTrigger(printerId: string, triggerId: string): void {
    this.getTrigger(printerId, triggerId);
    this.triggers.delete(triggerId);
    this.store.delete('trigger', triggerId);
  }

  private triggerOf(printerId: string): TaskTriggerRecord | undefined {
    for (const t of this.triggers.values()) if (t.printerId === printerId) return t;
    return undefined;
  }

  private createTask(job: JobRecord, trigger: TaskTriggerRecord): TaskRecord {
    const task: TaskRecord = {
      id: this.ids.guid(),
      definitionId: trigger.definitionId,
      triggerId: trigger.id,
      printerId: job.printerId,
      jobId: job.id,
      parentUrl: jobPath(job),
      status: { state: 'processing', description: 'The task is being processed.' },
      createdDateTime: this.isoNow(),
    };
    this.tasks.set(task.id, task);
    this.store.put('task', task.id, task);
    this.events.emit('task', task);
    return task;
  }

  /** Tasks in creation order, from the store (those of unfinished jobs are the live objects). */
  listTasks(definitionId?: string): TaskRecord[] {
    const all = this.store.tasks<TaskRecord>(definitionId === undefined ? {} : { definitionId });
    return all.map((t) => this.tasks.get(t.id) ?? t);
  }

  tasksOfJob(jobId: string): TaskRecord[] {
    if (this.book.isLive(jobId)) return [...this.tasks.values()].filter((t) => t.jobId === jobId);
    return this.store.tasks<TaskRecord>({ jobId });
  }

  getTask(definitionId: string, taskId: string): TaskRecord {
    const t = this.tasks.get(taskId) ?? this.store.task<TaskRecord>(taskId);
    if (t === undefined || t.definitionId !== definitionId) throw new PrintsimError('notFound', `Task '${taskId}' was not found in this task definition.`);
    return t;
  }

  /** The application reports a task's outcome; completing it releases a held job. */
  updateTask(definitionId: string, taskId: string, status: { state: PrintTaskProcessingState; description?: string }): TaskRecord {
    const task = this.getTask(definitionId, taskId);
    task.status = { state: status.state, description: status.description ?? task.status.description };
    this.store.put('task', task.id, task);
    const job = this.findJob(task.jobId);
    if (job !== undefined && job.leaf === 'paused.releaseWait') {
      if (status.state === 'completed') {
        this.sendJob(job, { type: 'RELEASE' }, `released: task ${task.id} completed`);
      } else if (status.state === 'aborted') {
        job.description = `The print job was aborted because its task ${task.id} was aborted.`;
        this.sendJob(job, { type: 'ABORT' }, `task ${task.id} aborted`);
      }
    }
    return task;
  }

  private finishTasksOf(job: JobRecord, state: PrintTaskProcessingState, description: string): void {
    for (const t of this.tasksOfJob(job.id)) {
      if (t.status.state !== 'processing' && t.status.state !== 'pending') continue;
      t.status = { state, description };
      this.store.put('task', t.id, t);
    }
  }

  /**
   * The rule that guards PATCH, abort and redirect of a job by an application:
   * the job must have a `processing` task created through a trigger whose task
   * definition belongs to the calling application (Graph printJob update/abort/redirect).
   */
  assertAppControlsJob(job: JobRecord, appId: string, action: string): void {
    const ok = this.tasksOfJob(job.id).some(
      (t) => t.status.state === 'processing' && this.taskDefinitions.get(t.definitionId)?.createdBy.appId === appId,
    );
    if (!ok) {
      throw new PrintsimError(
        'accessDenied',
        `Cannot ${action} print job '${job.id}': it has no processing task created through a task trigger whose task definition belongs to application '${appId}'.`,
      );
    }
  }

  // ---------------------------------------------------------------- lifecycle

  isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }

  reportError(e: unknown, context: string): void {
    this.options.onError?.(e, context);
  }

  /** Checkpoints the time each printing job still owes, then stops all timers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Each machine's running delay (warm-up, print, upload time-out) is written down with the time it has left.
    for (const [id, a] of this.actors) {
      const job = this.book.get(id);
      if (job !== undefined) {
        this.writeTiming(job, a.getSnapshot(), job.leaf);
        this.saveJob(job);
      }
    }
    for (const rt of this.runtimes.values()) rt.shutdown();
    this.history.close();
    for (const a of this.actors.values()) a.stop();
    this.actors.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

/** The time a saved job still owes, as its machine takes it back after a restart (downtime does not count). */
function savedTiming(job: JobRecord): Partial<JobTiming> {
  const leaf = job.leaf;
  const warmUpMs = job.warmUpMs ?? (leaf.endsWith('.interpreting') ? (job.remainingMs ?? 0) : 0);
  return {
    warmUpMs,
    printMs: leaf.endsWith('.transforming') ? Math.max(0, (job.remainingMs ?? 0) - warmUpMs) : null,
    heldUntil: job.heldUntil === undefined ? null : Date.parse(job.heldUntil),
    heldNewJob: job.heldNewJob === true,
    uploadTimeOutMs: job.uploadTimeOutMs ?? null,
  };
}

/** Graph path of a job, prefixed with the base URL by the door. */
export function jobPath(job: Pick<JobRecord, 'printerId' | 'id'>): string {
  return `/print/printers/${job.printerId}/jobs/${job.id}`;
}

export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** uploadSession.nextExpectedRanges: the gaps, as "start-end" strings. */
export function nextExpectedRanges(s: Pick<UploadSessionRecord, 'received' | 'size'>): string[] {
  const gaps: string[] = [];
  let at = 0;
  for (const [a, b] of s.received) {
    if (a > at) gaps.push(`${at}-${a - 1}`);
    at = b + 1;
  }
  if (at < s.size) gaps.push(`${at}-${s.size - 1}`);
  return gaps;
}
