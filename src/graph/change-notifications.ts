// Graph change notifications for Universal Print (concepts/universal-print-
// webhook-notifications.md, concepts/webhooks.md): a subscription on
// print/taskDefinitions/{id}/tasks (changeType created) hears each printTask a
// trigger creates; one on print/printers/{id}/jobs (changeType updated,
// notificationQueryOptions "$filter = isFetchable eq true") hears each job that
// becomes fetchable. Notifications are POSTed to the subscriber's
// notificationUrl; every wait (validation, delivery, retry, expiry) runs on the
// injectable clock.

import type { Clock, TimerHandle } from '../core/clock.js';
import { PrintsimError } from '../model/errors.js';
import type { JobTransition, PrintService } from '../core/print-service.js';
import type { TaskRecord } from '../model/records.js';
import { DEFAULT_TENANT_ID } from '../auth/tokens.js';

/** Print printer and printTaskDefinition subscriptions last at most 4230 minutes (resources/subscription.md). */
export const MAX_SUBSCRIPTION_MS = 4230 * 60_000;
/** The notification endpoint must answer the validation request within 10 seconds (webhooks.md). */
export const VALIDATION_TIMEOUT_MS = 10_000;
/** A delivery that gets no 2xx in time is tried again after these waits (Graph retries for hours). */
export const RETRY_DELAYS_MS = [60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_840_000, 7_680_000];
const DELIVERY_TIMEOUT_MS = 10_000;
const CLIENT_STATE_MAX = 128;

export type SubscribedResource = { kind: 'taskDefinitionTasks'; definitionId: string } | { kind: 'printerJobs'; printerId: string };

export interface GraphSubscription {
  id: string;
  resource: string;
  changeType: string;
  clientState: string | null;
  notificationUrl: string;
  notificationQueryOptions: string | null;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
  applicationId: string;
  creatorId: string;
  latestSupportedTlsVersion: string;
}

export interface Notification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  changeType: string;
  resource: string;
  resourceData: { '@odata.type': string; '@odata.id': string; id: string };
  clientState: string | null;
  tenantId: string;
}

const DOOR_STATE = 'graph.subscriptions';

/** `print/printers/{id}/jobs` or `print/taskDefinitions/{id}/tasks` (a leading slash is allowed), else undefined. */
export function parseResource(resource: string): SubscribedResource | undefined {
  const m = /^\/?print\/(printers|taskDefinitions)\/([^/?#]+)\/(jobs|tasks)$/.exec(resource);
  if (m === null) return undefined;
  // Ids as written (GUIDs): a stray '%' must not make this throw.
  if (m[1] === 'printers' && m[3] === 'jobs') return { kind: 'printerJobs', printerId: m[2]! };
  if (m[1] === 'taskDefinitions' && m[3] === 'tasks') return { kind: 'taskDefinitionTasks', definitionId: m[2]! };
  return undefined;
}

/** `$filter = isFetchable eq true`, spaced any way. */
const FETCHABLE_FILTER = /^\s*\$filter\s*=\s*isFetchable\s+eq\s+true\s*$/i;

export class ChangeNotifications {
  private readonly subscriptions = new Map<string, GraphSubscription>();
  private readonly timers = new Set<TimerHandle>();
  /** Jobs already announced as fetchable; a job that stops being fetchable and becomes so again is announced again. */
  private readonly fetchable = new Set<string>();
  private readonly clock: Clock;
  private closed = false;
  private readonly onTask = (t: TaskRecord): void => this.taskCreated(t);
  private readonly onJob = (t: JobTransition): void => this.jobChanged(t);

  constructor(private readonly service: PrintService) {
    this.clock = service.clock;
    for (const s of service.doorState<GraphSubscription[]>(DOOR_STATE) ?? []) this.subscriptions.set(s.id, s);
    for (const job of service.listUnfinishedJobs()) if (job.isFetchable) this.fetchable.add(job.id);
    service.events.on('task', this.onTask);
    service.events.on('job', this.onJob);
  }

  close(): void {
    this.closed = true;
    this.service.events.off('task', this.onTask);
    this.service.events.off('job', this.onJob);
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  /** The live subscriptions of an application, oldest first. */
  list(appId: string): GraphSubscription[] {
    this.expire();
    return [...this.subscriptions.values()].filter((s) => s.applicationId === appId);
  }

  /** A live subscription of this application; another application's is not found. */
  get(appId: string, id: string): GraphSubscription {
    this.expire();
    const s = this.subscriptions.get(id);
    if (s === undefined || s.applicationId !== appId) throw new PrintsimError('notFound', `Subscription '${id}' was not found.`);
    return s;
  }

  /**
   * Checks the request, then validates the endpoint: a POST to
   * notificationUrl?validationToken=... must answer 200, text/plain, with
   * the token, within 10 seconds; otherwise 400 and nothing is created.
   */
  async create(input: Omit<GraphSubscription, 'id' | 'latestSupportedTlsVersion'> & { latestSupportedTlsVersion?: string }): Promise<GraphSubscription> {
    this.checkExpiration(input.expirationDateTime);
    if (input.clientState !== null && input.clientState.length > CLIENT_STATE_MAX) {
      throw new PrintsimError('badRequest', `clientState is longer than ${CLIENT_STATE_MAX} characters.`, { fields: ['clientState'] });
    }
    const token = this.service.newSecret();
    const url = new URL(input.notificationUrl);
    url.searchParams.set('validationToken', token);
    const answer = await this.withTimeout(VALIDATION_TIMEOUT_MS, async (signal) => {
      // Redirects are not followed, here or for notifications: the endpoint is the URL given.
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '', signal, redirect: 'manual' });
      const text = await res.text();
      return { status: res.status, type: res.headers.get('content-type') ?? '', text };
    }).catch((e: unknown) => ({ error: describeFailure(e) }));
    if ('error' in answer || answer.status !== 200 || !answer.type.toLowerCase().startsWith('text/plain') || answer.text !== token) {
      const got = 'error' in answer ? answer.error : `${answer.status} ${answer.type || 'without a content type'}${answer.text === token ? '' : ', without the token in the body'}`;
      throw new PrintsimError(
        'badRequest',
        `Subscription validation request failed. The notification endpoint ${input.notificationUrl} must answer the validation POST within ${VALIDATION_TIMEOUT_MS / 1000} s with 200 OK, Content-Type text/plain and the validationToken query value as the body; it answered: ${got}.`,
      );
    }
    const s: GraphSubscription = { ...input, id: this.service.newGuid(), latestSupportedTlsVersion: input.latestSupportedTlsVersion ?? 'v1_2' };
    this.subscriptions.set(s.id, s);
    this.save();
    return s;
  }

  /** Renewal: a new expirationDateTime, within the maximum from now. */
  renew(appId: string, id: string, expirationDateTime: string): GraphSubscription {
    const s = this.get(appId, id);
    this.checkExpiration(expirationDateTime);
    s.expirationDateTime = expirationDateTime;
    this.save();
    return s;
  }

  delete(appId: string, id: string): void {
    this.get(appId, id);
    this.subscriptions.delete(id);
    this.save();
  }

  /** notificationQueryOptions a resource needs: the fetchable filter for printer jobs, nothing for tasks. */
  static checkQueryOptions(resource: SubscribedResource, options: string | null): void {
    if (resource.kind === 'printerJobs' && (options === null || !FETCHABLE_FILTER.test(options))) {
      throw new PrintsimError(
        'badRequest',
        `A subscription on printer jobs notifies when a job becomes fetchable: notificationQueryOptions must be "$filter = isFetchable eq true"${options === null ? '' : `, not ${JSON.stringify(options)}`}.`,
        { fields: ['notificationQueryOptions'] },
      );
    }
    if (resource.kind === 'taskDefinitionTasks' && options !== null) {
      throw new PrintsimError('badRequest', 'A subscription on printTasks takes no notificationQueryOptions.', { fields: ['notificationQueryOptions'] });
    }
  }

  private checkExpiration(iso: string): void {
    const at = Date.parse(iso);
    const now = this.clock.now();
    if (!Number.isFinite(at)) throw new PrintsimError('badRequest', `expirationDateTime ${JSON.stringify(iso)} is not a date and time.`, { fields: ['expirationDateTime'] });
    if (at <= now) throw new PrintsimError('badRequest', `expirationDateTime ${iso} is in the past (now ${new Date(now).toISOString()}).`, { fields: ['expirationDateTime'] });
    if (at > now + MAX_SUBSCRIPTION_MS) {
      throw new PrintsimError(
        'badRequest',
        `expirationDateTime ${iso} is further than 4230 minutes (the maximum for print resources) from now; the latest allowed is ${new Date(now + MAX_SUBSCRIPTION_MS).toISOString()}.`,
        { fields: ['expirationDateTime'] },
      );
    }
  }

  private taskCreated(task: TaskRecord): void {
    const path = `print/taskDefinitions/${task.definitionId}/tasks/${task.id}`;
    this.notify(
      (r) => r.kind === 'taskDefinitionTasks' && r.definitionId === task.definitionId,
      'created',
      { '@odata.type': '#microsoft.graph.printTask', '@odata.id': path, id: task.id },
      path,
    );
  }

  private jobChanged(t: JobTransition): void {
    const job = this.service.findJob(t.jobId);
    if (job === undefined) return;
    if (!job.isFetchable) {
      this.fetchable.delete(job.id);
      return;
    }
    if (this.fetchable.has(job.id)) return;
    this.fetchable.add(job.id);
    const path = `print/printers/${job.printerId}/jobs/${job.id}`;
    this.notify((r) => r.kind === 'printerJobs' && r.printerId === job.printerId, 'updated', { '@odata.type': '#microsoft.graph.printJob', '@odata.id': path, id: job.id }, path);
  }

  private notify(matches: (r: SubscribedResource) => boolean, changeType: string, resourceData: Notification['resourceData'], resource: string): void {
    if (this.closed || this.subscriptions.size === 0) return;
    this.expire();
    // One POST per endpoint, as Graph may batch the notifications of several subscriptions.
    const byUrl = new Map<string, Notification[]>();
    for (const s of this.subscriptions.values()) {
      const r = parseResource(s.resource);
      if (r === undefined || !matches(r) || !s.changeType.split(',').includes(changeType)) continue;
      const n: Notification = {
        subscriptionId: s.id,
        subscriptionExpirationDateTime: s.expirationDateTime,
        changeType,
        resource,
        resourceData,
        clientState: s.clientState,
        tenantId: DEFAULT_TENANT_ID,
      };
      byUrl.set(s.notificationUrl, [...(byUrl.get(s.notificationUrl) ?? []), n]);
    }
    for (const [url, value] of byUrl) void this.send(url, JSON.stringify({ value }), 0);
  }

  private async send(url: string, body: string, attempt: number): Promise<void> {
    const ok = await this.withTimeout(DELIVERY_TIMEOUT_MS, (signal) => postJson(url, body, signal)).catch(() => false);
    if (ok || this.closed || attempt >= RETRY_DELAYS_MS.length) return;
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      void this.send(url, body, attempt + 1);
    }, RETRY_DELAYS_MS[attempt]!);
    this.timers.add(handle);
  }

  /** Runs `work` with an abort signal that the injectable clock fires after `ms`. */
  private async withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    const handle = this.clock.setTimeout(() => abort.abort(new Error(`no answer within ${ms / 1000} s`)), ms);
    this.timers.add(handle);
    try {
      return await work(abort.signal);
    } finally {
      this.clock.clearTimeout(handle);
      this.timers.delete(handle);
    }
  }

  private expire(): void {
    const now = this.clock.now();
    let changed = false;
    for (const s of this.subscriptions.values()) {
      if (Date.parse(s.expirationDateTime) <= now) {
        this.subscriptions.delete(s.id);
        changed = true;
      }
    }
    if (changed) this.save();
  }

  private save(): void {
    this.service.saveDoorState(DOOR_STATE, [...this.subscriptions.values()]);
  }
}

/** "fetch failed" says little: the cause (ECONNREFUSED, a DNS failure, the time-out) says why. */
function describeFailure(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? e.message;
}

/** POSTs one notification body; true when a 2xx came back. */
async function postJson(url: string, body: string, signal: AbortSignal): Promise<boolean> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal, redirect: 'manual' });
  await res.arrayBuffer().catch(() => undefined);
  return res.status >= 200 && res.status < 300;
}
