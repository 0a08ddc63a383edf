// The IPP door's own state, beside the shared PrintService: per-printer facts
// Graph has no place for, and subscriptions fed by the service's job and
// printer events. Create-Job's multiple-operation-time-out runs in the job's machine.

import type { Clock } from '../core/clock.js';
import { isFinalLeaf } from '../core/job-machine.js';
import type { JobTransition, PrintService, PrinterChange } from '../core/print-service.js';
import type { PrinterRuntime } from '../core/printer-runtime.js';
import type { JobRecord } from '../model/records.js';
import type { UriFetchLimits } from './document-uri.js';
import { extrasOf, setExtras } from './job-extras.js';
import { ippJobState } from './job-state.js';
import { printerStateEnum, printerStateReasons } from './printer-state.js';
import { pausePrinter } from './printer-pause.js';
import { SubscriptionStore, type EventSnapshot, type SavedSubscriptions } from './subscriptions.js';

export interface IppOptions {
  /** Largest attribute section accepted, in bytes (default 1 MiB). */
  maxAttributeBytes?: number;
  /** Seconds a Create-Job waits for its next Send-Document before it is aborted (default 60). */
  multipleOperationTimeOutSeconds?: number;
  /**
   * requesting-user-name values (or HTTP Basic users) with operator rights:
   * any job, and the printer operations. Default: root and admin.
   */
  operators?: string[];
  /** ippget-event-life in seconds (default 300). */
  eventLifeSeconds?: number;
  /**
   * Folder whose files Print-URI and Send-URI may name with file: URIs
   * (`printsim serve --document-folder`). Default none: only http and https.
   */
  documentFolder?: string;
}

/** What the IPP door keeps per printer; the settings an operator makes survive a restart (SAVED_SETTINGS). */
export interface PrinterExtras {
  messageFromOperator: string;
  /** printer-location set by Set-Printer-Attributes; null = derived from the Graph location. */
  location: string | null;
  /** Pause-Printer-After-Current-Job is waiting for the current job to end (RFC 3998). */
  pauseAfterCurrentJob: boolean;
  /** Clock ms of the last printer-state change and configuration change. */
  stateChangedAt: number;
  configChangedAt: number;
  /** The last Identify-Printer request (PWG 5100.13). */
  identified: { actions: string[]; message: string | null; at: number } | null;
}

/** Job machine leaves of a job that would print if the printer had paper. */
const WAITING_FOR_PAPER = /^(pending|processing|stopped)/;

export const DEFAULT_OPERATORS = ['root', 'admin'];

/** The printer settings saved across a restart; the times and the last Identify-Printer start afresh. */
const SAVED_SETTINGS = ['messageFromOperator', 'location', 'pauseAfterCurrentJob'] as const;
type SavedSettings = Pick<PrinterExtras, (typeof SAVED_SETTINGS)[number]>;

/** The door's saved state (PrintService.saveDoorState 'ipp'). */
interface SavedIppState {
  printers: Record<string, SavedSettings>;
  subscriptions: SavedSubscriptions;
}

export class IppDoor {
  readonly clock: Clock;
  readonly startedAt: number;
  readonly maxAttributeBytes: number;
  readonly timeOutSeconds: number;
  readonly operators: ReadonlySet<string>;
  readonly subscriptions: SubscriptionStore;
  /** Where file: document URIs may point (Print-URI, Send-URI); null = nowhere. */
  readonly documentFolder: string | null;
  private readonly extras = new Map<string, PrinterExtras>();
  /** The state last saved, serialized, so that an unchanged state is not written again. */
  private lastSaved: string;
  private readonly onJob = (t: JobTransition): void => this.jobChanged(t);
  private readonly onPrinter = (c: PrinterChange): void => this.printerChanged(c);

  constructor(
    readonly service: PrintService,
    options: IppOptions = {},
  ) {
    this.clock = service.clock;
    this.startedAt = this.clock.now();
    this.maxAttributeBytes = options.maxAttributeBytes ?? 1024 * 1024;
    this.timeOutSeconds = options.multipleOperationTimeOutSeconds ?? 60;
    this.documentFolder = options.documentFolder ?? null;
    this.operators = new Set((options.operators ?? DEFAULT_OPERATORS).map((u) => u.toLowerCase()));
    this.subscriptions = new SubscriptionStore(this.clock, { eventLifeSeconds: options.eventLifeSeconds ?? 300, maxEvents: 100 });
    const saved = service.doorState<SavedIppState>('ipp');
    this.lastSaved = JSON.stringify(saved ?? null);
    if (saved !== undefined) this.restore(saved);
    service.events.on('job', this.onJob);
    service.events.on('printer', this.onPrinter);
  }

  /**
   * Saves the operator's printer settings and the subscriptions if they
   * changed: after every IPP request, and at close (sequence numbers move
   * with events between requests).
   */
  persist(): void {
    const printers: Record<string, SavedSettings> = {};
    for (const [id, e] of this.extras) printers[id] = Object.fromEntries(SAVED_SETTINGS.map((k) => [k, e[k]])) as unknown as SavedSettings;
    const state: SavedIppState = { printers, subscriptions: this.subscriptions.saved() };
    const json = JSON.stringify(state);
    if (json === this.lastSaved) return;
    this.lastSaved = json;
    this.service.saveDoorState('ipp', state);
  }

  /** An earlier run's settings and subscriptions; each printer with subscribers tells them it restarted (RFC 3995 'printer-restarted'). */
  private restore(saved: SavedIppState): void {
    for (const [id, settings] of Object.entries(saved.printers)) {
      if (!this.service.hasPrinter(id)) continue;
      const { holdNewJobs, ...rest } = settings as SavedSettings & { holdNewJobs?: boolean };
      Object.assign(this.printerExtras(id), rest);
      // Saved here by earlier versions; the printer keeps it now.
      if (holdNewJobs === true && !this.service.holdsNewJobs(id)) this.service.setHoldNewJobs(id, true, 'Hold-New-Jobs');
    }
    this.subscriptions.restore(saved.subscriptions);
    for (const id of this.service.printerIds()) {
      if (this.subscriptions.list(id).length > 0) this.recordPrinterEvent(id, ['printer-restarted'], 'The printer was restarted; subscriptions made before it were kept.');
    }
  }

  close(): void {
    this.persist();
    this.service.events.off('job', this.onJob);
    this.service.events.off('printer', this.onPrinter);
  }

  /** What Print-URI and Send-URI may fetch, and how much. */
  uriFetchLimits(): UriFetchLimits {
    return { documentFolder: this.documentFolder, maxBytes: this.service.maxDocumentBytes, clock: this.clock };
  }

  /** The printer /ipp/print serves: the first definition. */
  defaultPrinter(): PrinterRuntime {
    return this.service.runtime(this.service.printerIds()[0]!);
  }

  isDefault(rt: PrinterRuntime): boolean {
    return this.service.printerIds()[0] === rt.id;
  }

  printerExtras(printerId: string): PrinterExtras {
    let e = this.extras.get(printerId);
    if (e === undefined) {
      e = {
        messageFromOperator: '',
        location: null,
        pauseAfterCurrentJob: false,
        stateChangedAt: this.startedAt,
        configChangedAt: this.startedAt,
        identified: null,
      };
      this.extras.set(printerId, e);
    }
    return e;
  }

  /** printer-up-time at a clock time: seconds since the door started, at least 1 (RFC 8011 §5.4.29). */
  upTime(at: number = this.clock.now()): number {
    return Math.max(1, Math.floor((at - this.startedAt) / 1000) + 1);
  }

  /** time-at-xxx of an ISO instant, in printer-up-time seconds; earlier than start counts as 0. */
  upTimeOf(iso: string): number {
    const t = Date.parse(iso);
    return t < this.startedAt ? 0 : this.upTime(t);
  }

  isOperator(user: string): boolean {
    return this.operators.has(user.toLowerCase());
  }

  configChanged(printerId: string, what: string): void {
    this.printerExtras(printerId).configChangedAt = this.clock.now();
    this.recordPrinterEvent(printerId, ['printer-config-changed'], what);
  }

  /** printer-state-changed for a change the service does not announce (accepting jobs, Hold-New-Jobs). */
  stateChanged(printerId: string, what: string, keywords: string[] = ['printer-state-changed']): void {
    this.printerExtras(printerId).stateChangedAt = this.clock.now();
    this.recordPrinterEvent(printerId, keywords, what);
  }

  recordPrinterEvent(printerId: string, keywords: string[], text: string): void {
    this.subscriptions.record(printerId, null, keywords, text, () => this.snapshot(printerId, null));
  }

  recordJobEvent(job: JobRecord, keywords: string[], text: string): void {
    this.subscriptions.record(job.printerId, job.id, keywords, text, () => this.snapshot(job.printerId, job));
  }

  // ------------------------------------------------------------ Create-Job time-out

  /** (Re)starts the multiple-operation-time-out of a job waiting for Send-Document (RFC 8011 §4.2.4, PWG 5100.7): multiple-operation-time-out-action abort-job. */
  armTimeOut(job: JobRecord): void {
    this.service.awaitDocument(job, this.timeOutSeconds * 1000);
  }

  /** Stops the time-out while a document arrives, or once the job is closed. */
  clearTimeOut(job: JobRecord): void {
    this.service.awaitDocument(job, null);
  }

  // ------------------------------------------------------------ events

  private jobChanged(t: JobTransition): void {
    const job = this.service.findJob(t.jobId);
    if (job === undefined) return;
    const keywords: string[] = [];
    if (t.from === null) keywords.push('job-created');
    else if (isFinalLeaf(t.to)) keywords.push('job-completed');
    else if (t.to.startsWith('stopped') || extrasOf(job).suspended === true) keywords.push('job-stopped');
    keywords.push('job-state-changed');
    if (t.cause === 'uploadTimeOut') {
      // job-state-reasons job-data-insufficient (PWG 5100.7).
      setExtras(job, { timedOut: true });
      this.service.saveJob(job);
    }
    this.recordJobEvent(job, keywords, `Job ${job.id} ${t.reason}.`);
    if (isFinalLeaf(t.to)) {
      this.subscriptions.endJob(job.id);
      this.afterJobEnded(job);
    }
  }

  /** Pause-Printer-After-Current-Job takes effect once the job on the device ends. */
  private afterJobEnded(job: JobRecord): void {
    const extras = this.extras.get(job.printerId);
    const rt = this.service.findPrinter(job.printerId);
    if (extras === undefined || rt === undefined || !extras.pauseAfterCurrentJob || rt.currentJobId() !== null) return;
    extras.pauseAfterCurrentJob = false;
    pausePrinter(this.service, rt, 'Paused after the current job (Pause-Printer-After-Current-Job).');
  }

  private printerChanged(c: PrinterChange): void {
    this.printerExtras(c.printerId).stateChangedAt = this.clock.now();
    const keywords = c.status.state === 'stopped' ? ['printer-stopped', 'printer-state-changed'] : ['printer-state-changed'];
    this.recordPrinterEvent(c.printerId, keywords, `Printer is ${c.status.state}${c.status.description ? `: ${c.status.description}` : ''}.`);
  }

  /**
   * printer-state-reasons of a printer: its Graph status, the door's own
   * conditions (Hold-New-Jobs, Pause-Printer-After-Current-Job), and
   * media-needed while the tray is empty and a job waits for paper.
   */
  printerStateReasons(rt: PrinterRuntime): string[] {
    const extras = this.printerExtras(rt.id);
    const status = rt.status();
    const waiting = status.details.includes('mediaEmpty') && this.service.listUnfinishedJobs(rt.id).some((j) => WAITING_FOR_PAPER.test(j.leaf));
    return printerStateReasons(status, [
      ...(this.service.holdsNewJobs(rt.id) ? ['hold-new-jobs'] : []),
      ...(extras.pauseAfterCurrentJob ? ['moving-to-paused'] : []),
      // RFC 8011 §5.4.12 'media-needed': a job needs media the device is out of
      // ('media-empty'); without a suffix it counts as an error. ippeveprinter reports both.
      ...(waiting ? ['media-needed'] : []),
    ]);
  }

  private snapshot(printerId: string, job: JobRecord | null): EventSnapshot {
    const rt = this.service.runtime(printerId);
    const status = rt.status();
    const out: EventSnapshot = {
      printerUpTime: this.upTime(),
      printer: { state: printerStateEnum(status), reasons: this.printerStateReasons(rt), isAcceptingJobs: rt.state.isAcceptingJobs },
    };
    if (job !== null) {
      const s = ippJobState(this.service, job);
      out.job = {
        id: job.id,
        state: s.state,
        reasons: s.reasons,
        name: job.displayName ?? '',
        impressionsCompleted: job.leaf === 'completed' ? job.impressions : 0,
      };
    }
    return out;
  }
}
