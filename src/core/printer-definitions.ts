// Loads and checks printer definitions (fixtures/printers/*.json or a user's own
// file). A definition with a mistake is refused at load with a message naming the
// file and the field, so a typo never turns into a printer that misbehaves later.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrintsimError } from '../model/errors.js';
import {
  PRINT_COLOR_MODES,
  PRINT_DUPLEX_MODES,
  PRINT_FINISHINGS,
  PRINT_MULTIPAGE_LAYOUTS,
  PRINT_ORIENTATIONS,
  PRINT_QUALITIES,
  PRINT_SCALINGS,
  PRINTER_FEED_ORIENTATIONS,
} from '../model/print-types.js';
import type { PrinterDefinition } from '../model/printer-definition.js';

export interface DefinitionProblem {
  /** Field path inside the file, e.g. `capabilities.duplexModes[1]`; empty for the whole file. */
  field: string;
  message: string;
}

/** A printer definition was refused; the message names the file and every faulty field. */
export class PrinterDefinitionError extends PrintsimError {
  readonly source: string;
  readonly problems: DefinitionProblem[];

  constructor(source: string, problems: DefinitionProblem[]) {
    super('badRequest', problems.map((p) => `${source}: ${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n'), {
      fields: problems.map((p) => p.field).filter((f) => f !== ''),
    });
    this.name = 'PrinterDefinitionError';
    this.source = source;
    this.problems = problems;
  }
}

/** The folder of bundled definitions, found from this module both in src/ (tsx) and in a compiled dist/. */
export function bundledPrintersDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'fixtures', 'printers');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`printsim: bundled printer definitions (fixtures/printers) not found above ${fileURLToPath(import.meta.url)}`);
}

/**
 * Reads a file holding one definition or an array of them, or a directory of
 * `*.json` files taken in file-name order (so `01-…` is the default printer).
 * Ids and names must be unique across everything loaded.
 */
export function loadPrinterDefinitions(pathFileOrDir: string): PrinterDefinition[] {
  const shown = displayPath(pathFileOrDir);
  if (!existsSync(pathFileOrDir)) {
    throw new PrinterDefinitionError(shown, [{ field: '', message: 'no such file or directory' }]);
  }
  const files = statSync(pathFileOrDir).isDirectory()
    ? readdirSync(pathFileOrDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(pathFileOrDir, f))
    : [pathFileOrDir];
  if (files.length === 0) {
    throw new PrinterDefinitionError(shown, [{ field: '', message: 'the directory holds no *.json printer definitions' }]);
  }

  const out: PrinterDefinition[] = [];
  const byId = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const file of files) {
    const source = displayPath(file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new PrinterDefinitionError(source, [{ field: '', message: `not valid JSON (${(e as Error).message})` }]);
    }
    const items = Array.isArray(raw) ? raw : [raw];
    if (items.length === 0) {
      throw new PrinterDefinitionError(source, [{ field: '', message: 'the array holds no printer definitions' }]);
    }
    items.forEach((item, i) => {
      const at = Array.isArray(raw) ? `[${i}]` : '';
      const def = checkDefinition(item, source, at);
      const where = at ? `${source} ${at}` : source;
      const idKey = def.id.toLowerCase();
      const sameId = byId.get(idKey);
      if (sameId !== undefined) {
        throw new PrinterDefinitionError(source, [{ field: join(at, 'id'), message: `"${def.id}" is already used by ${sameId}` }]);
      }
      const sameName = byName.get(def.name);
      if (sameName !== undefined) {
        throw new PrinterDefinitionError(source, [{ field: join(at, 'name'), message: `"${def.name}" is already used by ${sameName}` }]);
      }
      byId.set(idKey, where);
      byName.set(def.name, where);
      out.push(def);
    });
  }
  return out;
}

/** Checks one parsed definition; `source` names where it came from in error messages. */
export function validatePrinterDefinition(raw: unknown, source: string): PrinterDefinition {
  return checkDefinition(raw, source, '');
}

// ---------------------------------------------------------------------------

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Used verbatim in ipp://host/ipp/print/NAME, so keep it URI-safe.
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ROOT_KEYS = ['$schema', 'id', 'name', 'displayName', 'manufacturer', 'model', 'location', 'speed', 'capabilities', 'defaults'];
const REQUIRED_ROOT = ['id', 'name', 'displayName', 'manufacturer', 'model', 'speed', 'capabilities', 'defaults'];

const ENUM_LISTS: Record<string, { type: string; members: readonly string[] }> = {
  colorModes: { type: 'printColorMode', members: PRINT_COLOR_MODES },
  duplexModes: { type: 'printDuplexMode', members: PRINT_DUPLEX_MODES },
  feedOrientations: { type: 'printerFeedOrientation', members: PRINTER_FEED_ORIENTATIONS },
  finishings: { type: 'printFinishing', members: PRINT_FINISHINGS },
  multipageLayouts: { type: 'printMultipageLayout', members: PRINT_MULTIPAGE_LAYOUTS },
  orientations: { type: 'printOrientation', members: PRINT_ORIENTATIONS },
  qualities: { type: 'printQuality', members: PRINT_QUALITIES },
  scalings: { type: 'printScaling', members: PRINT_SCALINGS },
};
const STRING_LISTS = ['contentTypes', 'inputBins', 'mediaColors', 'mediaSizes', 'mediaTypes', 'outputBins'];
/** Integer lists and their least allowed value (margins are microns, may be 0). */
const INT_LISTS: Record<string, number> = {
  dpis: 1, pagesPerSheet: 1, topMargins: 0, bottomMargins: 0, leftMargins: 0, rightMargins: 0,
};
const BOOLEANS = ['collation', 'isColorPrintingSupported', 'isPageRangeSupported', 'supportsFitPdfToPage'];
// The doors and the renderer cannot work without these.
const REQUIRED_CAPABILITIES = ['mediaSizes', 'contentTypes'];

/** printerDefaults property → the capabilities list its value must come from. */
const DEFAULT_FROM: Record<string, string> = {
  colorMode: 'colorModes', contentType: 'contentTypes', dpi: 'dpis', duplexMode: 'duplexModes',
  inputBin: 'inputBins', mediaColor: 'mediaColors', mediaSize: 'mediaSizes', mediaType: 'mediaTypes',
  multipageLayout: 'multipageLayouts', orientation: 'orientations', outputBin: 'outputBins',
  pagesPerSheet: 'pagesPerSheet', quality: 'qualities', scaling: 'scalings',
};
const DEFAULT_ENUMS: Record<string, string> = {
  colorMode: 'colorModes', duplexMode: 'duplexModes', multipageLayout: 'multipageLayouts',
  orientation: 'orientations', quality: 'qualities', scaling: 'scalings',
};
const DEFAULT_KEYS = [...Object.keys(DEFAULT_FROM), 'copiesPerJob', 'finishings', 'fitPdfToPage'];

const LOCATION_STRINGS = [
  'building', 'city', 'countryOrRegion', 'floor', 'floorDescription', 'postalCode', 'roomDescription',
  'roomName', 'site', 'stateOrProvince', 'streetAddress',
];
const LOCATION_STRING_LISTS = ['organization', 'subdivision', 'subunit'];
const LOCATION_NUMBERS = ['altitudeInMeters', 'latitude', 'longitude'];

type Obj = Record<string, unknown>;

function checkDefinition(raw: unknown, source: string, at: string): PrinterDefinition {
  const problems: DefinitionProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  if (!isObject(raw)) {
    throw new PrinterDefinitionError(source, [{ field: at, message: `expected a printer definition object, got ${typeName(raw)}` }]);
  }
  unknownKeys(raw, ROOT_KEYS, at, add);
  for (const key of REQUIRED_ROOT) {
    if (raw[key] === undefined || raw[key] === null) add(join(at, key), 'is required');
  }
  if (raw.id != null && !(typeof raw.id === 'string' && GUID.test(raw.id))) {
    add(join(at, 'id'), `${show(raw.id)} is not a GUID (e.g. "9a3b3956-ce5b-4d06-a605-5b0bd3e9ddea")`);
  }
  if (raw.name != null && !(typeof raw.name === 'string' && SLUG.test(raw.name))) {
    add(join(at, 'name'), `${show(raw.name)} is not a slug of lower-case letters, digits and single hyphens (it appears in IPP URIs)`);
  }
  for (const key of ['displayName', 'manufacturer', 'model']) {
    const v = raw[key];
    if (v != null && !(typeof v === 'string' && v.trim() !== '')) add(join(at, key), `expected a non-empty string, got ${show(v)}`);
  }
  if (raw.location != null) checkLocation(raw.location, join(at, 'location'), add);
  if (raw.speed != null) checkSpeed(raw.speed, join(at, 'speed'), add);

  const caps = raw.capabilities;
  const before = problems.length;
  if (caps != null) {
    if (isObject(caps)) checkCapabilities(caps, join(at, 'capabilities'), add);
    else add(join(at, 'capabilities'), `expected an object, got ${typeName(caps)}`);
  }
  const capsSound = isObject(caps) && problems.length === before;
  const defaults = raw.defaults;
  if (defaults != null) {
    if (!isObject(defaults)) add(join(at, 'defaults'), `expected an object, got ${typeName(defaults)}`);
    // Defaults are compared with the capabilities only once those are sound.
    else if (capsSound) checkDefaults(defaults, caps, at, add);
    else unknownKeys(defaults, DEFAULT_KEYS, join(at, 'defaults'), add);
  }

  if (problems.length > 0) throw new PrinterDefinitionError(source, problems);
  const def = structuredClone(raw) as Obj;
  delete def.$schema;
  return def as unknown as PrinterDefinition;
}

type Add = (field: string, message: string) => void;

function checkSpeed(speed: unknown, at: string, add: Add): void {
  if (!isObject(speed)) {
    add(at, `expected { "impressionsPerMinute": number, "warmUpSeconds": number }, got ${typeName(speed)}`);
    return;
  }
  unknownKeys(speed, ['impressionsPerMinute', 'warmUpSeconds', 'coolDownSeconds'], at, add);
  const ipm = speed.impressionsPerMinute;
  if (ipm === undefined) add(`${at}.impressionsPerMinute`, 'is required');
  else if (!(typeof ipm === 'number' && Number.isFinite(ipm) && ipm > 0)) {
    add(`${at}.impressionsPerMinute`, `expected a number of impressions per minute above 0, got ${show(ipm)}`);
  }
  const warm = speed.warmUpSeconds;
  if (warm === undefined) add(`${at}.warmUpSeconds`, 'is required');
  else if (!(typeof warm === 'number' && Number.isFinite(warm) && warm >= 0)) {
    add(`${at}.warmUpSeconds`, `expected a number of seconds, 0 or more, got ${show(warm)}`);
  }
  const cool = speed.coolDownSeconds;
  if (cool !== undefined && !(typeof cool === 'number' && Number.isFinite(cool) && cool >= 0)) {
    add(`${at}.coolDownSeconds`, `expected a number of seconds, 0 or more, got ${show(cool)}`);
  }
}

function checkLocation(loc: unknown, at: string, add: Add): void {
  if (!isObject(loc)) {
    add(at, `expected a printerLocation object, got ${typeName(loc)}`);
    return;
  }
  unknownKeys(loc, [...LOCATION_STRINGS, ...LOCATION_STRING_LISTS, ...LOCATION_NUMBERS], at, add);
  for (const [key, v] of Object.entries(loc)) {
    if (v === null) continue;
    if (LOCATION_STRINGS.includes(key) && typeof v !== 'string') add(`${at}.${key}`, `expected a string, got ${show(v)}`);
    if (LOCATION_NUMBERS.includes(key) && !(typeof v === 'number' && Number.isFinite(v))) {
      add(`${at}.${key}`, `expected a number, got ${show(v)}`);
    }
    if (key === 'altitudeInMeters' && typeof v === 'number' && !Number.isInteger(v)) add(`${at}.${key}`, `expected an integer, got ${v}`);
    if (LOCATION_STRING_LISTS.includes(key) && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) {
      add(`${at}.${key}`, `expected an array of strings, got ${show(v)}`);
    }
  }
}

function checkCapabilities(caps: Obj, at: string, add: Add): void {
  const known = [...Object.keys(ENUM_LISTS), ...STRING_LISTS, ...Object.keys(INT_LISTS), ...BOOLEANS, 'copiesPerJob'];
  unknownKeys(caps, known, at, add);
  for (const key of REQUIRED_CAPABILITIES) {
    const v = caps[key];
    if (v == null || (Array.isArray(v) && v.length === 0)) add(`${at}.${key}`, 'is required and must list at least one value');
  }

  for (const [key, v] of Object.entries(caps)) {
    if (v === null || !known.includes(key)) continue;
    const field = `${at}.${key}`;
    if (key === 'copiesPerJob') {
      checkCopiesRange(v, field, add);
    } else if (BOOLEANS.includes(key)) {
      if (typeof v !== 'boolean') add(field, `expected true or false, got ${show(v)}`);
    } else if (!Array.isArray(v)) {
      add(field, `expected an array, got ${typeName(v)}`);
    } else {
      v.forEach((item: unknown, i) => {
        const itemField = `${field}[${i}]`;
        const en = ENUM_LISTS[key];
        if (en) {
          if (!(typeof item === 'string' && en.members.includes(item))) {
            add(itemField, `${show(item)} is not a ${en.type} (${en.members.join(', ')})`);
          }
        } else if (key in INT_LISTS) {
          const min = INT_LISTS[key];
          if (!(typeof item === 'number' && Number.isInteger(item) && item >= min && item <= INT32_MAX)) {
            add(itemField, `expected an integer ${min === 0 ? '0 or more' : 'above 0'}, got ${show(item)}`);
          }
        } else if (!(typeof item === 'string' && item.trim() !== '')) {
          add(itemField, `expected a non-empty string, got ${show(item)}`);
        }
        if (v.indexOf(item) !== i) add(itemField, `${show(item)} is listed twice`);
      });
    }
  }

  // A mono device cannot offer colour; the Graph view would contradict itself.
  if (caps.isColorPrintingSupported === false && Array.isArray(caps.colorModes) && caps.colorModes.includes('color')) {
    add(`${at}.colorModes`, 'lists "color" but isColorPrintingSupported is false');
  }
}

function checkCopiesRange(v: unknown, field: string, add: Add): void {
  if (!isObject(v)) {
    add(field, `expected an integerRange { "start": 1, "end": N }, got ${typeName(v)}`);
    return;
  }
  unknownKeys(v, ['start', 'end'], field, add);
  const { start, end } = v;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= INT32_MAX;
  if (!ok(start)) add(`${field}.start`, `expected an integer above 0, got ${show(start)}`);
  if (!ok(end)) add(`${field}.end`, `expected an integer above 0, got ${show(end)}`);
  if (ok(start) && ok(end) && start > end) add(field, `start ${start} is after end ${end}`);
}

function checkDefaults(defaults: Obj, caps: Obj, at: string, add: Add): void {
  const base = join(at, 'defaults');
  unknownKeys(defaults, DEFAULT_KEYS, base, add);
  for (const [key, v] of Object.entries(defaults)) {
    if (v === null || !DEFAULT_KEYS.includes(key)) continue;
    const field = `${base}.${key}`;
    if (key === 'copiesPerJob') {
      const range = isObject(caps.copiesPerJob) ? (caps.copiesPerJob as { start: number; end: number }) : { start: 1, end: 1 };
      if (!(typeof v === 'number' && Number.isInteger(v) && v >= range.start && v <= range.end)) {
        add(field, `${show(v)} is outside capabilities.copiesPerJob (${range.start}-${range.end})`);
      }
      continue;
    }
    if (key === 'fitPdfToPage') {
      if (typeof v !== 'boolean') add(field, `expected true or false, got ${show(v)}`);
      else if (v && caps.supportsFitPdfToPage !== true) add(field, 'is true but capabilities.supportsFitPdfToPage is not');
      continue;
    }
    if (key === 'finishings') {
      const allowed = Array.isArray(caps.finishings) ? (caps.finishings as string[]) : ['none'];
      if (!Array.isArray(v)) {
        add(field, `expected an array, got ${typeName(v)}`);
        continue;
      }
      v.forEach((item: unknown, i) => {
        if (typeof item !== 'string' || !(PRINT_FINISHINGS as readonly string[]).includes(item)) {
          add(`${field}[${i}]`, `${show(item)} is not a printFinishing (${PRINT_FINISHINGS.join(', ')})`);
        } else if (!allowed.includes(item)) {
          add(`${field}[${i}]`, `${show(item)} is not in capabilities.finishings (${allowed.join(', ')})`);
        }
      });
      continue;
    }
    const enumCap = DEFAULT_ENUMS[key];
    if (enumCap) {
      const en = ENUM_LISTS[enumCap];
      if (!(typeof v === 'string' && en.members.includes(v))) {
        add(field, `${show(v)} is not a ${en.type} (${en.members.join(', ')})`);
        continue;
      }
    } else if (key === 'dpi' || key === 'pagesPerSheet') {
      if (!(typeof v === 'number' && Number.isInteger(v))) {
        add(field, `expected an integer, got ${show(v)}`);
        continue;
      }
    } else if (typeof v !== 'string') {
      add(field, `expected a string, got ${show(v)}`);
      continue;
    }
    const capKey = DEFAULT_FROM[key];
    const list = Array.isArray(caps[capKey]) ? (caps[capKey] as unknown[]) : [];
    if (!list.includes(v)) {
      add(field, `${show(v)} is not in capabilities.${capKey} (${list.length ? list.join(', ') : 'none listed'})`);
    }
  }
}

// ---------------------------------------------------------------------------

const INT32_MAX = 2 ** 31 - 1;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${show(v)}`;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

function unknownKeys(obj: Obj, allowed: readonly string[], at: string, add: Add): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) add(join(at, key), `unknown property (known: ${allowed.filter((k) => k !== '$schema').join(', ')})`);
  }
}

/** Paths under the working directory are shown relative, as a user typed them. */
function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), path.resolve(p));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(p);
}
