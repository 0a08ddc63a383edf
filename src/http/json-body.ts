// JSON request bodies for the Graph and control routes: one parser with a size
// and nesting limit, and the small typed readers every route uses on the parsed
// object. A value that fails here is a 400 (badRequest) naming the property; no
// route stores anything before its body has passed.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PrintsimError } from '../model/errors.js';

/** JSON request bodies are limited to 1 MB (documents stream separately). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * The deepest nesting a body may have. The deepest Graph print body
 * (printer PATCH capabilities.copiesPerJob, job configuration.pageRanges[i])
 * nests four levels; 32 leaves room for annotations and clients that wrap.
 */
export const JSON_MAX_DEPTH = 32;

/** Longest string a property may hold unless the property says otherwise. */
export const DEFAULT_MAX_STRING = 1024;

/** Most items a collection property may hold unless it says otherwise. */
export const DEFAULT_MAX_ITEMS = 256;

/**
 * Parses a JSON body, refusing one nested deeper than `maxDepth` before
 * JSON.parse builds it: such a value would overflow the stack of every later
 * JSON.stringify (the answer, the store), so it must never be kept.
 */
export function parseJsonText(text: string, maxDepth = JSON_MAX_DEPTH): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) {
        throw new PrintsimError('badRequest', `The request body nests deeper than the ${maxDepth} levels allowed.`);
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PrintsimError('badRequest', `The request body is not valid JSON: ${(e as Error).message}.`);
  }
}

/**
 * Replaces the scope's application/json parser with parseJsonText. Empty bodies
 * (POST start/cancel from SDKs) parse to undefined instead of failing.
 */
export function useJsonBodyParser(scope: FastifyInstance, bodyLimit = JSON_BODY_LIMIT): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, parseJsonText(text));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}

// ---------------------------------------------------------------------------
// Readers. `at` is the path of the object being read (e.g. 'status'), so that
// messages and PrintsimError.fields name nested properties as 'status.state'.

type Obj = Record<string, unknown>;

const path = (at: string, key: string): string => (at === '' ? key : `${at}.${key}`);

/** A short rendering of a value for a message: never the whole of a large one. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return String(v);
}

function bad(field: string, message: string): PrintsimError {
  return new PrintsimError('badRequest', message, { fields: [field] });
}

export function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** OData JSON annotations: `@namespace.term` or `property@namespace.term`. */
export function isAnnotation(key: string): boolean {
  return key.includes('@odata.') || /^[^@]*@[A-Za-z_]\w*(?:\.\w+)+$/.test(key);
}

/** The object without its OData annotations. */
export function withoutAnnotations(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !isAnnotation(k)));
}

/** A JSON object body, or a 400 saying what arrived instead. */
export function objectBody(req: FastifyRequest, optional = false): Obj {
  const b = req.body;
  if (b === undefined || b === null || b === '') {
    if (optional) return {};
    throw new PrintsimError('badRequest', 'The request body is empty; a JSON object is required.');
  }
  if (!isPlainObject(b)) throw new PrintsimError('badRequest', 'The request body must be a JSON object.');
  return b;
}

/** Rejects properties outside `allowed` (annotations such as `@odata.type` are ignored). */
export function onlyKeys(body: Obj, allowed: readonly string[], what: string, at = ''): void {
  for (const k of Object.keys(body)) {
    if (allowed.includes(k) || isAnnotation(k)) continue;
    const name = path(at, k.length > 60 ? `${k.slice(0, 57)}...` : k);
    throw bad(name, `Property '${name}' cannot be set on ${what} (allowed: ${allowed.join(', ')}).`);
  }
}

/**
 * A nested object property. Absent is undefined; null is null unless `nullable`
 * is false (then a 400, as for a non-nullable complex type in the CSDL).
 */
export function objectProp(body: Obj, key: string, opts: { at?: string; required?: boolean; nullable?: boolean; type?: string } = {}): Obj | null | undefined {
  const field = path(opts.at ?? '', key);
  const v = body[key];
  const type = opts.type === undefined ? 'an object' : `${/^[aeiou]/i.test(opts.type) ? 'an' : 'a'} ${opts.type} object`;
  if (v === undefined) {
    if (opts.required === true) throw bad(field, `Property '${field}' is required: ${type}.`);
    return undefined;
  }
  if (v === null) {
    if (opts.nullable === false || opts.required === true) throw bad(field, `Property '${field}' must be ${type}, not null.`);
    return null;
  }
  if (!isPlainObject(v)) throw bad(field, `Property '${field}' must be ${type}, got ${describe(v)}.`);
  return v;
}

export function stringProp(
  body: Obj,
  key: string,
  opts: { at?: string; required?: boolean; nonEmpty?: boolean; maxLength?: number } = {},
): string | undefined {
  const field = path(opts.at ?? '', key);
  const v = body[key];
  if (v === undefined || v === null) {
    if (opts.required === true) throw bad(field, `Property '${field}' is required.`);
    return undefined;
  }
  if (typeof v !== 'string') throw bad(field, `Property '${field}' must be a string, got ${describe(v)}.`);
  if ((opts.required === true || opts.nonEmpty === true) && v.trim() === '') throw bad(field, `Property '${field}' must not be empty.`);
  const max = opts.maxLength ?? DEFAULT_MAX_STRING;
  if (v.length > max) throw bad(field, `Property '${field}' is longer than the ${max} characters allowed (${v.length}).`);
  return v;
}

export function boolProp(body: Obj, key: string, opts: { at?: string } = {}): boolean | undefined {
  const field = path(opts.at ?? '', key);
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw bad(field, `Property '${field}' must be true or false, got ${describe(v)}.`);
  return v;
}

/** An integer in [min, max] (Edm.Int32 unless told otherwise). */
export function intProp(body: Obj, key: string, opts: { at?: string; required?: boolean; min?: number; max?: number } = {}): number | undefined {
  const field = path(opts.at ?? '', key);
  const v = body[key];
  if (v === undefined || v === null) {
    if (opts.required === true) throw bad(field, `Property '${field}' is required.`);
    return undefined;
  }
  const min = opts.min ?? -(2 ** 31);
  const max = opts.max ?? 2 ** 31 - 1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw bad(field, `Property '${field}' must be an integer from ${min} to ${max}, got ${describe(v)}.`);
  }
  return v;
}

/** A finite number in [min, max] (Edm.Double). */
export function numberProp(body: Obj, key: string, opts: { at?: string; min?: number; max?: number } = {}): number | undefined {
  const field = path(opts.at ?? '', key);
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const min = opts.min ?? -Number.MAX_VALUE;
  const max = opts.max ?? Number.MAX_VALUE;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw bad(field, `Property '${field}' must be a number from ${min} to ${max}, got ${describe(v)}.`);
  }
  return v;
}

/** A member of an enum type; an unknown member is a 400 naming the property and the value. */
export function enumProp<T extends string>(
  body: Obj,
  key: string,
  type: string,
  members: readonly T[],
  opts: { at?: string; required?: boolean } = {},
): T | undefined {
  const field = path(opts.at ?? '', key);
  const v = body[key];
  if (v === undefined || v === null) {
    if (opts.required === true) throw bad(field, `Property '${field}' is required: a ${type} (${members.join(', ')}).`);
    return undefined;
  }
  if (typeof v !== 'string' || !(members as readonly string[]).includes(v)) {
    throw bad(field, `Property '${field}': ${describe(v)} is not a ${type} (${members.join(', ')}).`);
  }
  return v as T;
}

/** A string collection, each item bounded. */
export function stringArrayProp(body: Obj, key: string, opts: { at?: string; maxItems?: number; maxLength?: number } = {}): string[] | undefined {
  const field = path(opts.at ?? '', key);
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw bad(field, `Property '${field}' must be an array of strings, got ${describe(v)}.`);
  const maxItems = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  if (v.length > maxItems) throw bad(field, `Property '${field}' lists ${v.length} values; at most ${maxItems} are allowed.`);
  const maxLength = opts.maxLength ?? DEFAULT_MAX_STRING;
  v.forEach((s: unknown, i) => {
    if (typeof s !== 'string') throw bad(field, `Property '${field}[${i}]' must be a string, got ${describe(s)}.`);
    if (s.length > maxLength) throw bad(field, `Property '${field}[${i}]' is longer than the ${maxLength} characters allowed (${s.length}).`);
  });
  return v as string[];
}

/**
 * Refuses any string longer than `maxLength` or array longer than `maxItems`
 * anywhere inside `value`: for values whose shape another check owns (printer
 * defaults and capabilities) but whose size is the door's to bound.
 */
export function assertBounded(value: unknown, field: string, opts: { maxLength?: number; maxItems?: number } = {}): void {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_STRING;
  const maxItems = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  const walk = (v: unknown, at: string): void => {
    if (typeof v === 'string') {
      if (v.length > maxLength) throw bad(field, `Property '${at}' is longer than the ${maxLength} characters allowed (${v.length}).`);
    } else if (Array.isArray(v)) {
      if (v.length > maxItems) throw bad(field, `Property '${at}' lists ${v.length} values; at most ${maxItems} are allowed.`);
      v.forEach((x, i) => walk(x, `${at}[${i}]`));
    } else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k.length > maxLength) throw bad(field, `Property '${at}' has a property name longer than ${maxLength} characters.`);
        walk(x, `${at}.${k}`);
      }
    }
  };
  walk(value, field);
}

/** Takes the last path segment of an `@odata.bind` URL for `collection` (e.g. printers). */
export function bindId(value: unknown, collection: string, key: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 2048) {
    throw bad(key, `Property '${key}' must be a URL such as https://graph.microsoft.com/v1.0/print/${collection}/{id}.`);
  }
  const m = new RegExp(`/print/${collection}/([^/?#]+)/?$`).exec(value) ?? /^([A-Za-z0-9-]+)$/.exec(value);
  if (m === null) {
    throw bad(key, `Property '${key}' (${describe(value)}) does not name a ${collection.replace(/s$/, '')}: expected .../print/${collection}/{id}.`);
  }
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    throw bad(key, `Property '${key}' (${describe(value)}) has a malformed %-escape in its id.`);
  }
}
