// Graph API faults on demand, so that a client's retry logic can be tested:
// the next N matching Graph requests answer 429, 500, 503 or 504 with the
// Graph error body, and Retry-After where Graph sends it (concepts/
// throttling.md, concepts/errors.md). Counted, not random, so a test knows
// exactly which request fails; nothing is injected until a rule is added.

import { PrintsimError, type ErrorKind } from '../../model/errors.js';

/** The statuses Graph answers any call with (reference §4), and the error each is. */
const STATUSES: Record<number, ErrorKind> = { 429: 'throttled', 500: 'internal', 503: 'serviceUnavailable', 504: 'gatewayTimeout' };
export const FAULT_STATUSES = Object.keys(STATUSES).map(Number);

/** innerError.code of an injected answer, so a log or a test can tell it from a real failure. */
export const INJECTED = 'injectedFault';

export interface GraphFaultRule {
  id: number;
  status: number;
  /** HTTP method to match (any when null). */
  method: string | null;
  /** Graph path after the version (`/print/printers/...`), `*` matching any run of characters; any path when null. */
  path: string | null;
  /** Requests still to fail. */
  remaining: number;
  /** Retry-After in seconds (429 and 503 only; Graph sends none with 500 and 504). */
  retryAfterSeconds: number | null;
}

export interface GraphFaultInput {
  status: number;
  count?: number;
  method?: string | null;
  path?: string | null;
  retryAfterSeconds?: number | null;
}

/** The error a matched request gets, and the Retry-After header to send with it. */
export interface InjectedFault {
  error: PrintsimError;
  retryAfterSeconds: number | null;
}

export class GraphFaults {
  private rules: Array<GraphFaultRule & { pattern: RegExp | null }> = [];
  private nextId = 1;

  /** Adds a rule (checked first come, first served); a bad one is a 400 naming the field. */
  add(input: GraphFaultInput): GraphFaultRule {
    const status = input.status;
    if (!FAULT_STATUSES.includes(status)) {
      throw new PrintsimError('badRequest', `status must be one of ${FAULT_STATUSES.join(', ')}, not ${JSON.stringify(status)}.`, { fields: ['status'] });
    }
    const count = input.count ?? 1;
    if (!Number.isSafeInteger(count) || count < 1) throw new PrintsimError('badRequest', `count must be a whole number of requests >= 1, not ${JSON.stringify(count)}.`, { fields: ['count'] });
    const retry = input.retryAfterSeconds ?? (status === 429 || status === 503 ? 1 : null);
    if (retry !== null && (status === 500 || status === 504)) {
      throw new PrintsimError('badRequest', `Graph sends Retry-After with 429 and 503 only, not ${status}.`, { fields: ['retryAfterSeconds'] });
    }
    if (retry !== null && (!Number.isSafeInteger(retry) || retry < 0)) {
      throw new PrintsimError('badRequest', `retryAfterSeconds must be a whole number >= 0, not ${JSON.stringify(retry)}.`, { fields: ['retryAfterSeconds'] });
    }
    const method = input.method === undefined || input.method === null ? null : input.method.toUpperCase();
    const path = input.path ?? null;
    if (path !== null && !path.startsWith('/')) throw new PrintsimError('badRequest', `path must start with '/' (for example /print/printers/*/jobs), not ${JSON.stringify(path)}.`, { fields: ['path'] });
    const rule = { id: this.nextId++, status, method, path, remaining: count, retryAfterSeconds: retry };
    const pattern = path === null ? null : new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
    this.rules.push({ ...rule, pattern });
    return rule;
  }

  /** Whether any rule waits: the Graph door checks this before it looks at a request. */
  get armed(): boolean {
    return this.rules.length > 0;
  }

  list(): GraphFaultRule[] {
    return this.rules.map(({ pattern: _pattern, ...r }) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule matches it (and counts it); `path` is after /v1.0 or /beta, without the query. */
  take(method: string, path: string): InjectedFault | undefined {
    const i = this.rules.findIndex((r) => (r.method === null || r.method === method) && (r.pattern === null || r.pattern.test(path)));
    if (i < 0) return undefined;
    const rule = this.rules[i]!;
    if (--rule.remaining === 0) this.rules.splice(i, 1);
    const message =
      rule.status === 429
        ? `Too many requests: injected by printsim (fault ${rule.id}). Retry after ${rule.retryAfterSeconds} s.`
        : `Injected by printsim (fault ${rule.id}): the service answered ${rule.status}.`;
    return { error: new PrintsimError(STATUSES[rule.status]!, message, { innerCode: INJECTED }), retryAfterSeconds: rule.retryAfterSeconds };
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
