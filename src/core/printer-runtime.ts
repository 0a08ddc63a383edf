import type { TimerHandle } from './clock.js';
import type { PrinterStatus } from '../model/print-types.js';
import type { PrintService, PrintServiceOptions } from './print-service.js';
import { isFinalLeaf, type JobRenderOutput } from './job-machine.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import { startPrinterActor, type PrinterActor, type PrinterDeviceState } from './printer-machine.js';
import { JOB_ERROR_CODES, type DocumentRecord, type JobLeaf, type JobRecord, type PrinterStateRecord } from '../model/records.js';
import { DocumentError, type JobRenderRequest, type JobRenderResult } from '../model/ports.js';
import { resolveConfiguration } from './validate-configuration.js';

/** How often a printing job's remaining time is written down, so a crash loses little. */
const CHECKPOINT_MS = 1000;


/** A job's render, started when it was acquired or ahead of that; `key` says what it was rendered from. */
interface Prepared {
  key: string;
  promise: Promise<JobRenderResult>;
}

const ignore = (): void => {};

/**
 * The simulated device behind one printer: one job at a time in queue order,
 * a renderer pass (interpreting) then the print time (transforming) on the
 * injectable clock, warm-up paid when it leaves idle, and stop/resume when the
 * printer reports a fault.
 */
export class PrinterRuntime {
  readonly id: string;
  readonly definition: PrinterDefinition;
  readonly state: PrinterStateRecord;
  private readonly actor: PrinterActor;
  private readonly queue: JobRecord[] = [];
  /** The job on the device; its machine owns its render, warm-up and print time. */
  private current: JobRecord | null = null;
  /** Writes down the time the job on the device still owes, so a crash loses little. */
  private checkpoint: TimerHandle | null = null;
  /**
   * Renders by job id: the job on the device, and the next few queued ones
   * rendered ahead (as a printer's RIP spools ahead), so a render thread is
   * busy while the device prints. Each job's renders run one after another.
   */
  private readonly prepared = new Map<string, Prepared>();
  /** Bumped whenever the printer's definition may have changed (a render key part). */
  private revision = 0;
  private effective: { revision: number; definition: PrinterDefinition } | null = null;

  constructor(
    private readonly service: PrintService,
    definition: PrinterDefinition,
    state: PrinterStateRecord,
    private readonly options: PrintServiceOptions,
  ) {
    this.id = definition.id;
    this.definition = definition;
    this.state = state;
    const clock = service.clock;
    this.actor = startPrinterActor('idle', {
      clock,
      warm: state.warm,
      fullCoolDownMs: options.speed === 'unlimited' ? 0 : (definition.speed.coolDownSeconds ?? 0) * 1000,
      ...(state.coolDownMs !== undefined ? { coolDownMs: state.coolDownMs } : {}),
    });
    // The cool-down ends inside the machine: the printer is saved cold.
    this.actor.subscribe((snapshot) => {
      if (snapshot.context.warm === this.state.warm || this.service.isClosed) return;
      this.state.warm = snapshot.context.warm;
      delete this.state.coolDownMs;
      this.service.savePrinterState(this.state);
    });
  }

  get displayName(): string {
    return this.state.displayName ?? this.definition.displayName;
  }

  get deviceState(): PrinterDeviceState {
    return this.actor.getSnapshot().value as PrinterDeviceState;
  }

  /**
   * The definition with every PATCH applied (what validation and rendering
   * use). The same frozen object until the next update(), so a render thread
   * is sent a printer only when it changed.
   */
  effectiveDefinition(): PrinterDefinition {
    if (this.effective?.revision === this.revision) return this.effective.definition;
    const s = this.state;
    const definition = Object.freeze({
      ...this.definition,
      displayName: this.displayName,
      manufacturer: s.manufacturer ?? this.definition.manufacturer,
      model: s.model ?? this.definition.model,
      ...(s.location !== undefined ? { location: s.location ?? {} } : {}),
      capabilities: s.capabilities ?? this.definition.capabilities,
      defaults: s.defaults ?? this.definition.defaults,
    });
    this.effective = { revision: this.revision, definition };
    return definition;
  }

  /** printerStatus: a reported fault wins; otherwise the device's own state. */
  status(): PrinterStatus {
    const reported = this.state.reportedStatus;
    if (reported !== null && reported.state === 'stopped') return reported;
    const device = this.deviceState;
    const details = reported?.details ?? [];
    if (device === 'processing') {
      const jobId = this.current?.id;
      return { state: 'processing', details, description: reported?.description ?? `Printing job ${jobId ?? ''}`.trim() };
    }
    return { state: 'idle', details, description: reported?.description ?? 'Ready.' };
  }

  queuedJobIds(): string[] {
    return this.queue.map((j) => j.id);
  }

  /** The job's place in the queue (0: next to print), or -1 when it is not queued. */
  queuePosition(jobId: string): number {
    return this.queue.findIndex((j) => j.id === jobId);
  }

  currentJobId(): string | null {
    return this.current?.id ?? null;
  }

  update(patch: Partial<Omit<PrinterStateRecord, 'id' | 'registeredDateTime' | 'warm'>>): void {
    const { reportedStatus, ...rest } = patch;
    Object.assign(this.state, rest);
    this.revision++;
    this.service.savePrinterState(this.state);
    if (reportedStatus !== undefined) this.setReportedStatus(reportedStatus);
  }

  setReportedStatus(status: PrinterStatus | null): void {
    const wasStopped = this.deviceState === 'stopped';
    this.state.reportedStatus = status;
    this.service.savePrinterState(this.state);
    const stop = status !== null && status.state === 'stopped';
    if (stop && !wasStopped) this.stop();
    else if (!stop && wasStopped) this.resume();
    this.service.emitPrinterChange(this.id, this.status());
  }

  enqueue(job: JobRecord): void {
    job.queuedAt = this.service.clock.now();
    this.queue.push(job);
    this.service.saveJob(job);
    this.kick();
    this.renderAhead();
  }

  /** Takes a job out of the queue or off the device (cancel, abort, redirect, hold). */
  forget(job: JobRecord): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
    if (this.current === job) this.leaveDevice();
    this.discardRender(job);
  }

  /**
   * A render that never reached the device leaves no output behind: once it
   * has finished, its files go. A later render of the same job (a held job
   * released) runs after that.
   */
  private discardRender(job: JobRecord): void {
    const p = this.prepared.get(job.id);
    if (p === undefined) return;
    const cleaned: Promise<JobRenderResult> = p.promise
      .then(ignore, ignore)
      .then(async () => {
        if (job.outputSummary === undefined) await this.service.spool.removeOutput(job.id);
      })
      .catch((e: unknown) => this.service.reportError(e, `removing the output of job ${job.id}`))
      .then(() => {
        if (this.prepared.get(job.id)?.promise === cleaned) this.prepared.delete(job.id);
        return { warnings: [], impressions: 0, totals: null };
      });
    this.prepared.set(job.id, { key: '', promise: cleaned });
  }

  /** The job's render: the one already started if it was made from the same inputs, else a new one. */
  private renderFor(job: JobRecord): Promise<JobRenderResult> {
    const docs = printedDocuments(job);
    const key = `${this.revision}\u0000${JSON.stringify(job.configuration)}\u0000${docs.map((d) => d.id).join('\u0000')}`;
    const p = this.prepared.get(job.id);
    if (p !== undefined && p.key === key) return p.promise;
    // Built only for a new render: the request resolves the configuration against the printer.
    const request = this.renderRequest(job, docs);
    const render = this.options.renderJob;
    const promise = p === undefined ? render(request) : p.promise.then(ignore, ignore).then(() => render(request));
    // A render ahead may fail before anyone awaits it; the failure is reported when the job is acquired.
    promise.catch(ignore);
    this.prepared.set(job.id, { key, promise });
    return promise;
  }

  private renderRequest(job: JobRecord, docs: DocumentRecord[]): JobRenderRequest {
    const printer = this.effectiveDefinition();
    const configuration = resolveConfiguration(job.configuration, printer);
    const spool = this.service.spool;
    return {
      documents: docs.map((d) => ({ path: spool.documentPath(d.id), contentType: d.contentType, documentName: d.displayName })),
      outputPath: spool.outputPath(job.id),
      manifestPath: spool.manifestPath(job.id),
      configuration,
      printer,
    };
  }

  /** Starts the renders of the next queued jobs (options.renderAhead of them). */
  private renderAhead(): void {
    const window = this.options.renderAhead ?? 0;
    if (window <= 0 || this.service.isClosed) return;
    for (let i = 0; i < window && i < this.queue.length; i++) {
      const job = this.queue[i]!;
      if (this.prepared.has(job.id)) continue;
      try {
        void this.renderFor(job);
      } catch {
        // An invalid configuration fails the job when the device takes it.
      }
    }
  }

  /**
   * Puts a queued job first (after = null) or right behind `after`; false when
   * the job is not queued. queuedAt follows, so the order survives a restart.
   */
  moveInQueue(job: JobRecord, after: JobRecord | null): boolean {
    const i = this.queue.indexOf(job);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    // Behind a job that is not queued (the one printing, or gone) means first.
    const at = after === null ? 0 : this.queue.indexOf(after) + 1;
    this.queue.splice(at, 0, job);
    const prev = this.queue[at - 1]?.queuedAt ?? null;
    const next = this.queue[at + 1]?.queuedAt ?? null;
    job.queuedAt = prev !== null && next !== null ? (prev + next) / 2 : prev !== null ? prev + 1 : next !== null ? next - 1 : job.queuedAt;
    this.service.saveJob(job);
    return true;
  }

  /** Starts the next queued job when the device is free. */
  kick(): void {
    if (this.service.isClosed || this.current !== null || this.deviceState === 'stopped') return;
    const next = this.queue.shift();
    if (next === undefined) {
      if (this.deviceState === 'processing') {
        // Idle, and warm for the cool-down (the printer machine's delay).
        this.actor.send({ type: 'IDLE' });
        this.service.emitPrinterChange(this.id, this.status());
      }
      return;
    }
    let warmUpMs = 0;
    if (this.deviceState === 'idle') {
      // 'unlimited' means no simulated delay at all, warm-up included.
      const cold = !this.actor.getSnapshot().context.warm;
      warmUpMs = cold && this.options.speed !== 'unlimited' ? this.definition.speed.warmUpSeconds * 1000 : 0;
      this.actor.send({ type: 'WORK' });
      this.saveWarmth();
      this.service.emitPrinterChange(this.id, this.status());
    }
    this.takeOnDevice(next);
    this.service.sendJob(next, { type: 'ACQUIRE', warmUpMs }, `acquired by printer ${this.definition.name}`);
    this.renderAhead();
  }

  private takeOnDevice(job: JobRecord): void {
    this.current = job;
    const clock = this.service.clock;
    const checkpoint = (): void => {
      if (this.current !== job) return;
      this.service.checkpointJob(job);
      this.checkpoint = clock.setTimeout(checkpoint, CHECKPOINT_MS);
    };
    this.checkpoint = clock.setTimeout(checkpoint, CHECKPOINT_MS);
  }

  private leaveDevice(): void {
    if (this.checkpoint !== null) this.service.clock.clearTimeout(this.checkpoint);
    this.checkpoint = null;
    this.current = null;
  }

  private saveWarmth(): void {
    const warm = this.actor.getSnapshot().context.warm;
    if (this.state.warm === warm && this.state.coolDownMs === undefined) return;
    this.state.warm = warm;
    delete this.state.coolDownMs;
    this.service.savePrinterState(this.state);
  }

  /**
   * The job machine's render actor: the job's render (the one started ahead if
   * it is still good), and the print time it makes at this printer's speed.
   * Off the request path: the caller's response goes out before any rendering.
   */
  async render(job: JobRecord, signal: AbortSignal): Promise<JobRenderOutput> {
    await new Promise((r) => setImmediate(r));
    if (signal.aborted || this.service.isClosed) throw new Error('render no longer wanted');
    const result = await this.renderFor(job);
    return { printMs: this.printTimeMs(result.impressions), result };
  }

  /** The render finished and the job moves on to print: what it made goes on the record. */
  applyRender(job: JobRecord, out: JobRenderResult): void {
    this.prepared.delete(job.id);
    job.impressions = out.impressions;
    job.warnings = out.warnings;
    job.completionDetail = out.warnings.length > 0 ? 'completedWithWarnings' : null;
    job.outputSummary = summarize(out.totals, out.impressions, out.warnings);
  }

  /** The render failed: the job is aborted with an errorCode and the reason. */
  applyRenderError(job: JobRecord, e: unknown): void {
    this.prepared.delete(job.id);
    const code = e instanceof DocumentError ? e.code : (e as { code?: string }).code;
    const known = typeof code === 'string' && code in JOB_ERROR_CODES;
    if (!known) this.service.reportError(e, `rendering job ${job.id}`);
    job.errorCode = known ? JOB_ERROR_CODES[code]! : JOB_ERROR_CODES.internal!;
    job.description = `The document could not be printed: ${(e as Error).message}`;
  }

  /**
   * Every transition of a job of this printer: a job released or started is
   * queued; a job that left the device (printed, failed, canceled, held) frees it.
   */
  jobChanged(job: JobRecord, from: JobLeaf | null, to: JobLeaf, restoring: boolean): () => void {
    const onDevice = (l: JobLeaf | null): boolean => l !== null && (l.startsWith('processing') || l.startsWith('stopped'));
    if (isFinalLeaf(to)) {
      const i = this.queue.indexOf(job);
      if (i >= 0) this.queue.splice(i, 1);
    }
    // Off the device before the transition is announced (listeners see the printer free)...
    const left = this.current === job && !onDevice(to);
    if (left) this.leaveDevice();
    // ...and the next job taken once it has been.
    return () => {
      if (restoring) return;
      if (left) this.kick();
      if (to === 'pending' && !onDevice(from) && !this.queue.includes(job)) this.enqueue(job);
    };
  }

  private printTimeMs(impressions: number): number {
    const speed = this.options.speed ?? this.definition.speed.impressionsPerMinute;
    if (speed === 'unlimited' || speed <= 0) return 0;
    return Math.round((impressions * 60_000) / speed);
  }

  /** The printer reported a fault: the job on the device stops where it is (its machine keeps the time left). */
  private stop(): void {
    this.actor.send({ type: 'STOP' });
    const job = this.current;
    if (job === null) return;
    this.service.sendJob(job, { type: 'PRINTER_STOPPED' }, `printer stopped: ${describe(this.state.reportedStatus)}`);
  }

  /** The fault cleared: the stopped job carries on with the time it had left. */
  private resume(): void {
    this.actor.send({ type: 'RESUME', busy: this.current !== null });
    const job = this.current;
    if (job === null) {
      this.kick();
      return;
    }
    this.service.sendJob(job, { type: 'PRINTER_RESUMED' }, 'printer resumed');
  }

  /** Restart: takes back a job that was unfinished when printsim stopped. */
  restoreJob(job: JobRecord): void {
    if (job.leaf === 'pending') {
      this.queue.push(job);
      return;
    }
    if (job.leaf.startsWith('processing') || job.leaf.startsWith('stopped')) {
      if (this.current !== null) {
        // Only one job can be on the device; a second one goes back to the queue.
        this.queue.push(job);
        this.service.sendJob(job, { type: 'REQUEUE' }, 'requeued after restart');
        return;
      }
      this.takeOnDevice(job);
    }
  }

  resumeAfterRestore(): void {
    this.queue.sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0) || a.seq - b.seq);
    const faulted = this.state.reportedStatus?.state === 'stopped';
    const job = this.current;
    if (job !== null) this.actor.send({ type: 'WORK' });
    if (faulted) {
      this.actor.send({ type: 'STOP' });
      if (job !== null && job.leaf.startsWith('processing')) {
        this.service.sendJob(job, { type: 'PRINTER_STOPPED' }, 'printer stopped (after restart)');
      }
      return;
    }
    if (job !== null && job.leaf.startsWith('stopped')) this.service.sendJob(job, { type: 'PRINTER_RESUMED' }, 'printer resumed (after restart)');
    this.kick();
  }

  /** Writes down the cool-down left and stops every timer (the jobs' machines checkpoint themselves). */
  shutdown(): void {
    const c = this.actor.getSnapshot().context;
    if (this.deviceState === 'idle' && c.warm && c.deadline !== null) {
      this.state.coolDownMs = Math.max(0, c.deadline - this.service.clock.now());
      this.service.savePrinterState(this.state);
    }
    if (this.checkpoint !== null) this.service.clock.clearTimeout(this.checkpoint);
    this.checkpoint = null;
    this.actor.stop();
  }
}

/** Documents print one after another (IPP multiple-document jobs); most jobs have one. */
function printedDocuments(job: JobRecord): DocumentRecord[] {
  const complete = job.documents.filter((d) => d.complete);
  return complete.length > 0 ? complete : job.documents.slice(0, 1);
}

/** The completed job's description, from the sheet manifest (what a person would find in the tray). */
function summarize(t: Record<string, number> | null, impressions: number, warnings: string[]): string {
  const parts = [`${impressions} impression${impressions === 1 ? '' : 's'}`];
  if (typeof t?.sheets === 'number') parts.unshift(`${t.sheets} sheet${t.sheets === 1 ? '' : 's'}`);
  if (typeof t?.sourcePagesPrinted === 'number') parts.push(`${t.sourcePagesPrinted} source page${t.sourcePagesPrinted === 1 ? '' : 's'}`);
  const head =
    warnings.length === 0
      ? 'The print job has completed successfully and no further processing will take place'
      : `The print job has completed with warnings (${warnings.join('; ')})`;
  return `${head}: ${parts.join(', ')}.`;
}

function describe(status: PrinterStatus | null): string {
  if (status === null) return 'unknown';
  return status.details.length > 0 ? status.details.join(', ') : (status.description ?? status.state);
}
