import { PrintsimError } from '../model/errors.js';

// OData system query options as Graph's print endpoints use them
// (Graph concepts/query-parameters.md, concepts/paging.md).

export type QueryOption = '$top' | '$skip' | '$skiptoken' | '$select' | '$expand' | '$filter' | '$count' | '$search' | '$orderby' | '$format';

export interface ParsedQuery {
  top: number | null;
  skip: number;
  select: string[] | null;
  expand: string[];
  filter: FilterClause[];
  /** A keyset cursor from a `$skiptoken` this server wrote: continue after this sequence number. */
  after: number | null;
}

export type FilterClause =
  | { field: 'createdBy/userPrincipalName'; value: string }
  | { field: 'status/state'; value: string }
  | { field: 'isFetchable'; value: boolean };

export const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/**
 * Parses the `$` options of a request, allowing only `allowed`; any other `$`
 * option gets a 400 that names it. `expandable` lists the navigation
 * properties that `$expand` may name; `selectable` the properties of `$select`.
 */
export function parseQuery(
  query: Record<string, unknown>,
  spec: { allowed: QueryOption[]; expandable?: string[]; selectable?: string[]; filterable?: FilterClause['field'][]; keyset?: boolean },
): ParsedQuery {
  const out: ParsedQuery = { top: null, skip: 0, select: null, expand: [], filter: [], after: null };
  for (const [rawKey, rawValue] of Object.entries(query)) {
    if (!rawKey.startsWith('$')) continue;
    const key = rawKey as QueryOption;
    if (!spec.allowed.includes(key)) {
      throw new PrintsimError('unsupportedQuery', `Query option '${rawKey}' is not supported on this resource${spec.allowed.length > 0 ? ` (supported: ${spec.allowed.join(', ')})` : ''}.`, {
        fields: [rawKey],
      });
    }
    const value = Array.isArray(rawValue) ? String(rawValue[rawValue.length - 1]) : String(rawValue);
    switch (key) {
      case '$top': {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < 1) throw new PrintsimError('unsupportedQuery', `$top must be a positive integer, got '${value}'.`, { fields: ['$top'] });
        out.top = Math.min(n, MAX_PAGE_SIZE);
        break;
      }
      case '$skiptoken': {
        const cursor = spec.keyset === true ? KEYSET_TOKEN.exec(value) : null;
        if (cursor !== null) {
          out.after = Number(cursor[1]);
          break;
        }
        if (!/^\d+$/.test(value)) throw new PrintsimError('unsupportedQuery', `${key} '${value}' is not valid.`, { fields: [key] });
        out.skip = Number(value);
        break;
      }
      case '$skip': {
        if (!/^\d+$/.test(value)) throw new PrintsimError('unsupportedQuery', `${key} '${value}' is not valid.`, { fields: [key] });
        out.skip = Number(value);
        break;
      }
      case '$select': {
        const names = splitList(value);
        const bad = spec.selectable === undefined ? [] : names.filter((n) => !spec.selectable!.includes(n));
        if (bad.length > 0) {
          throw new PrintsimError('unsupportedQuery', `$select names unknown properties: ${bad.join(', ')} (known: ${spec.selectable!.join(', ')}).`, {
            fields: ['$select'],
          });
        }
        out.select = names;
        break;
      }
      case '$expand': {
        const names = splitList(value);
        const ok = spec.expandable ?? [];
        const bad = names.filter((n) => !ok.includes(n));
        if (bad.length > 0) {
          throw new PrintsimError('unsupportedQuery', `$expand names ${bad.join(', ')}, which cannot be expanded here (expandable: ${ok.join(', ') || 'none'}).`, {
            fields: ['$expand'],
          });
        }
        out.expand = names;
        break;
      }
      case '$filter':
        out.filter = parseFilter(value, spec.filterable ?? []);
        break;
      default:
        throw new PrintsimError('unsupportedQuery', `Query option '${rawKey}' is not supported on this resource.`, { fields: [rawKey] });
    }
  }
  return out;
}

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const CLAUSE = /^\s*(createdBy\/userPrincipalName|status\/state|isFetchable)\s+eq\s+(?:'((?:[^']|'')*)'|(true|false))\s*$/;

/**
 * The documented `createdBy/userPrincipalName eq '...'`, plus `status/state eq '...'`
 * and `isFetchable eq true|false`, joined with `and`.
 */
export function parseFilter(expr: string, allowed: FilterClause['field'][]): FilterClause[] {
  const parts = expr.split(/\s+and\s+/i);
  return parts.map((part) => {
    const m = CLAUSE.exec(part);
    if (m === null) {
      throw new PrintsimError(
        'unsupportedQuery',
        `$filter expression '${part.trim()}' is not supported (supported: createdBy/userPrincipalName eq '...', status/state eq '...', isFetchable eq true|false, joined with 'and').`,
        { fields: ['$filter'] },
      );
    }
    const field = m[1] as FilterClause['field'];
    if (!allowed.includes(field)) {
      throw new PrintsimError('unsupportedQuery', `$filter on '${field}' is not supported on this resource.`, { fields: ['$filter'] });
    }
    if (field === 'isFetchable') {
      if (m[3] === undefined) throw new PrintsimError('unsupportedQuery', `$filter: isFetchable compares with true or false.`, { fields: ['$filter'] });
      return { field, value: m[3] === 'true' };
    }
    if (m[2] === undefined) throw new PrintsimError('unsupportedQuery', `$filter: ${field} compares with a quoted string.`, { fields: ['$filter'] });
    return { field, value: m[2].replace(/''/g, "'") };
  });
}

/** One page of `items`, with the `@odata.nextLink` that continues it. */
export function page<T>(items: T[], q: ParsedQuery, requestUrl: URL): { items: T[]; nextLink: string | null } {
  const size = q.top ?? DEFAULT_PAGE_SIZE;
  const slice = items.slice(q.skip, q.skip + size);
  if (q.skip + size >= items.length) return { items: slice, nextLink: null };
  const next = new URL(requestUrl);
  next.searchParams.delete('$skip');
  next.searchParams.set('$skiptoken', String(q.skip + size));
  if (q.top === null) next.searchParams.set('$top', String(size));
  return { items: slice, nextLink: decodeDollar(next.toString()) };
}

/** `$skiptoken` of a keyset page: the sequence number the next page starts after. */
const KEYSET_TOKEN = /^after-(\d{1,15})$/;

/**
 * The `@odata.nextLink` of a keyset page: the same request, continuing after
 * `lastSeq`. A cursor, unlike an offset, keeps pages stable while items are
 * added or removed before it.
 */
export function keysetNextLink(requestUrl: URL, q: ParsedQuery, size: number, lastSeq: number): string {
  const next = new URL(requestUrl);
  next.searchParams.delete('$skip');
  next.searchParams.set('$skiptoken', `after-${lastSeq}`);
  if (q.top === null) next.searchParams.set('$top', String(size));
  return decodeDollar(next.toString());
}

/** Keeps `$` readable in generated links (`%24top` → `$top`), as Graph writes them. */
function decodeDollar(url: string): string {
  return url.replace(/%24/g, '$');
}

/** Applies `$select` to an entity (keeps `@odata.*` annotations and id). */
export function applySelect(entity: Record<string, unknown>, select: string[] | null): Record<string, unknown> {
  if (select === null) return entity;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (k.startsWith('@odata.') || k === 'id' || select.includes(k) || k.endsWith('@odata.context')) out[k] = v;
  }
  return out;
}
