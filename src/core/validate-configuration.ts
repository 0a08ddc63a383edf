// printJobConfiguration handling shared by both doors: type-check a JSON body
// fragment, check it against a printer's capabilities, apply the printer's
// defaults, and merge a PATCH. Graph leaves "reject or ignore" open (reference
// §6.8); printsim rejects, naming the field and the values the printer offers.

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
import type {
  EffectiveConfiguration,
  IntegerRange,
  PrintJobConfiguration,
  PrintMargin,
} from '../model/print-types.js';
import type { PrinterDefinition } from '../model/printer-definition.js';

type Kind = 'badRequest' | 'invalidConfiguration';
interface Problem {
  kind: Kind;
  /** Top-level configuration property at fault (what PrintsimError.fields carries). */
  field: string;
  message: string;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

type Parser = (value: unknown, at: string, field: string, problems: Problem[]) => unknown;

const bool: Parser = (v, at, field, problems) => {
  if (typeof v === 'boolean') return v;
  problems.push({ kind: 'badRequest', field, message: `${at}: expected true or false, got ${describe(v)}` });
  return undefined;
};

// Edm.Int32 / Edm.Int64 are JSON numbers here (no IEEE754Compatible strings).
const integer = (bits: 32 | 64): Parser => (v, at, field, problems) => {
  const ok = typeof v === 'number' && Number.isInteger(v) &&
    (bits === 64 ? Number.isSafeInteger(v) : v >= INT32_MIN && v <= INT32_MAX);
  if (ok) return v;
  problems.push({ kind: 'badRequest', field, message: `${at}: expected an ${bits === 32 ? 'Int32' : 'Int64'} integer, got ${describe(v)}` });
  return undefined;
};

// mediaSize, mediaType and the bins are IPP keywords or names, 255 octets at most (RFC 8011 §5.1.4, §5.1.3).
const STRING_MAX = 255;
// Enough for a range per page of any document printsim accepts, small enough to keep a job record small.
const PAGE_RANGES_MAX = 1000;

const string: Parser = (v, at, field, problems) => {
  if (typeof v === 'string' && v.length <= STRING_MAX) return v;
  problems.push({
    kind: 'badRequest',
    field,
    message: typeof v === 'string' ? `${at}: longer than the ${STRING_MAX} characters allowed (${v.length})` : `${at}: expected a string, got ${describe(v)}`,
  });
  return undefined;
};

const enumOf = (type: string, members: readonly string[]): Parser => (v, at, field, problems) => {
  if (typeof v !== 'string') {
    problems.push({ kind: 'badRequest', field, message: `${at}: expected a ${type} string, got ${describe(v)}` });
    return undefined;
  }
  if (members.includes(v)) return v;
  problems.push({ kind: 'invalidConfiguration', field, message: `${at}: ${describe(v)} is not a ${type} (allowed: ${members.join(', ')})` });
  return undefined;
};

const arrayOf = (item: Parser, maxItems: number): Parser => (v, at, field, problems) => {
  if (!Array.isArray(v)) {
    problems.push({ kind: 'badRequest', field, message: `${at}: expected an array, got ${describe(v)}` });
    return undefined;
  }
  if (v.length > maxItems) {
    problems.push({ kind: 'badRequest', field, message: `${at}: lists ${v.length} values; at most ${maxItems} are allowed` });
    return undefined;
  }
  return v.map((x, i) => item(x, `${at}[${i}]`, field, problems));
};

const objectOf = (type: string, props: Record<string, Parser>, required: string[] = []): Parser =>
  (v, at, field, problems) => {
    if (!isPlainObject(v)) {
      problems.push({ kind: 'badRequest', field, message: `${at}: expected a ${type} object, got ${describe(v)}` });
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(v)) {
      if (isAnnotation(key)) continue;
      const parse = props[key];
      if (!parse) {
        problems.push({ kind: 'badRequest', field, message: `${at}.${shortKey(key)}: unknown property of ${type} (known: ${Object.keys(props).join(', ')})` });
      } else if (value === null) {
        if (!required.includes(key)) out[key] = null;
      } else {
        out[key] = parse(value, `${at}.${key}`, field, problems);
      }
    }
    for (const key of required) {
      if (v[key] === undefined || v[key] === null) {
        problems.push({ kind: 'badRequest', field, message: `${at}.${key}: is required` });
      }
    }
    return out;
  };

const PROPERTIES: Record<keyof PrintJobConfiguration, Parser> = {
  collate: bool,
  colorMode: enumOf('printColorMode', PRINT_COLOR_MODES),
  copies: integer(32),
  dpi: integer(32),
  duplexMode: enumOf('printDuplexMode', PRINT_DUPLEX_MODES),
  feedOrientation: enumOf('printerFeedOrientation', PRINTER_FEED_ORIENTATIONS),
  finishings: arrayOf(enumOf('printFinishing', PRINT_FINISHINGS), PRINT_FINISHINGS.length),
  fitPdfToPage: bool,
  inputBin: string,
  margin: objectOf('printMargin', { top: integer(32), bottom: integer(32), left: integer(32), right: integer(32) }),
  mediaSize: string,
  mediaType: string,
  multipageLayout: enumOf('printMultipageLayout', PRINT_MULTIPAGE_LAYOUTS),
  orientation: enumOf('printOrientation', PRINT_ORIENTATIONS),
  outputBin: string,
  pageRanges: arrayOf(objectOf('integerRange', { start: integer(64), end: integer(64) }, ['start', 'end']), PAGE_RANGES_MAX),
  pagesPerSheet: integer(32),
  quality: enumOf('printQuality', PRINT_QUALITIES),
  scaling: enumOf('printScaling', PRINT_SCALINGS),
};
const PROPERTY_NAMES = Object.keys(PROPERTIES);

/**
 * Type-checks a printJobConfiguration taken from a JSON body. OData annotations
 * (`@odata.type`, `prop@odata.type`, …) are dropped at every level, since Graph
 * samples send them (reference §4). Explicit nulls are kept: they mean "unset",
 * and in a PATCH they clear a value. Wrong JSON types and unknown properties are
 * `badRequest`; well-typed values outside an enum are `invalidConfiguration`.
 */
export function parseConfiguration(input: unknown, path = 'configuration'): PrintJobConfiguration {
  if (!isPlainObject(input)) {
    throw new PrintsimError('badRequest', `${path}: expected a printJobConfiguration object, got ${describe(input)}`, {
      fields: [path],
    });
  }
  const problems: Problem[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (isAnnotation(key)) continue;
    const parse = PROPERTIES[key as keyof PrintJobConfiguration];
    if (!parse) {
      problems.push({
        kind: 'badRequest',
        field: key,
        message: `${path}.${shortKey(key)}: unknown property of printJobConfiguration (known: ${PROPERTY_NAMES.join(', ')})`,
      });
    } else if (value === null) {
      out[key] = null;
    } else if (value !== undefined) {
      out[key] = parse(value, `${path}.${key}`, key, problems);
    }
  }
  throwIfAny(problems);
  return out as PrintJobConfiguration;
}

/**
 * Refuses a configuration that asks for something the printer does not offer.
 * Each message names the field and the printer's supported values; `fields` on
 * the error lists the top-level properties at fault.
 */
export function validateAgainstCapabilities(
  config: PrintJobConfiguration,
  printer: PrinterDefinition,
  path = 'configuration',
): void {
  const caps = printer.capabilities;
  const problems: Problem[] = [];
  const who = `printer "${printer.displayName}"`;
  const fail = (field: string, at: string, value: unknown, supported: string) =>
    problems.push({ kind: 'invalidConfiguration', field, message: `${at}: ${describe(value)} is not supported by ${who} (supported: ${supported})` });
  const list = (values: readonly unknown[] | undefined) => (values && values.length > 0 ? values.join(', ') : 'none');

  const oneOf = (field: keyof PrintJobConfiguration, values: readonly unknown[] | undefined) => {
    const v = config[field];
    if (v == null) return;
    if (!(values ?? []).includes(v)) fail(field, `${path}.${field}`, v, list(values));
  };

  if (config.colorMode === 'color' && caps.isColorPrintingSupported === false) {
    problems.push({
      kind: 'invalidConfiguration',
      field: 'colorMode',
      message: `${path}.colorMode: "color" is not supported by ${who}, which cannot print in colour (supported: ${list(caps.colorModes)})`,
    });
  } else {
    oneOf('colorMode', caps.colorModes);
  }
  oneOf('mediaSize', caps.mediaSizes);
  oneOf('mediaType', caps.mediaTypes);
  oneOf('duplexMode', caps.duplexModes);
  oneOf('dpi', caps.dpis);
  oneOf('quality', caps.qualities);
  // Without a list the printer prints one page per side and nothing else.
  oneOf('pagesPerSheet', caps.pagesPerSheet ?? [1]);
  oneOf('multipageLayout', caps.multipageLayouts);
  oneOf('orientation', caps.orientations);
  oneOf('scaling', caps.scalings);
  oneOf('feedOrientation', caps.feedOrientations);
  oneOf('inputBin', caps.inputBins);
  oneOf('outputBin', caps.outputBins);

  if (config.finishings != null) {
    const supported = caps.finishings ?? ['none'];
    config.finishings.forEach((f, i) => {
      const at = `${path}.finishings[${i}]`;
      if (!supported.includes(f)) fail('finishings', at, f, list(supported));
      else if (config.finishings!.indexOf(f) !== i) {
        problems.push({ kind: 'invalidConfiguration', field: 'finishings', message: `${at}: "${f}" is listed twice` });
      }
    });
    if (config.finishings.includes('none') && config.finishings.length > 1) {
      problems.push({ kind: 'invalidConfiguration', field: 'finishings', message: `${path}.finishings: "none" cannot be combined with other finishings` });
    }
  }

  if (config.copies != null) {
    const range = caps.copiesPerJob ?? { start: 1, end: 1 };
    if (config.copies < range.start || config.copies > range.end) {
      problems.push({
        kind: 'invalidConfiguration',
        field: 'copies',
        message: `${path}.copies: ${config.copies} is outside the copies range of ${who} (supported: ${range.start}-${range.end})`,
      });
    }
  }

  if (config.collate === true && caps.collation !== true) fail('collate', `${path}.collate`, true, 'false');
  if (config.fitPdfToPage === true && caps.supportsFitPdfToPage !== true) fail('fitPdfToPage', `${path}.fitPdfToPage`, true, 'false');

  if (config.pageRanges != null) checkPageRanges(config.pageRanges, caps.isPageRangeSupported, `${path}.pageRanges`, who, problems);

  if (config.margin != null) {
    const sides: Array<[keyof PrintMargin, number[] | undefined]> = [
      ['top', caps.topMargins], ['bottom', caps.bottomMargins], ['left', caps.leftMargins], ['right', caps.rightMargins],
    ];
    for (const [side, values] of sides) {
      const v = config.margin[side];
      if (v != null && !(values ?? []).includes(v)) fail('margin', `${path}.margin.${side}`, v, `${list(values)} microns`);
    }
  }

  throwIfAny(problems);
}

// RFC 8011 §5.2.7 (page-ranges): 1-based, start <= end, no overlaps. An empty
// list is refused too: leave pageRanges out (or null) to print every page.
function checkPageRanges(ranges: IntegerRange[], supported: boolean | undefined, at: string, who: string, problems: Problem[]): void {
  const add = (message: string) => problems.push({ kind: 'invalidConfiguration', field: 'pageRanges', message });
  if (supported === false) {
    add(`${at}: page ranges are not supported by ${who} (leave pageRanges out to print every page)`);
    return;
  }
  if (ranges.length === 0) {
    add(`${at}: is empty (leave pageRanges out or null to print every page)`);
    return;
  }
  let sound = true;
  ranges.forEach((r, i) => {
    if (r.start < 1 || r.end < 1) {
      add(`${at}[${i}]: pages are numbered from 1 (got ${r.start}-${r.end})`);
      sound = false;
    } else if (r.start > r.end) {
      add(`${at}[${i}]: start ${r.start} is after end ${r.end}`);
      sound = false;
    }
  });
  if (!sound) return;
  const sorted = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => a.start - b.start);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const cur = sorted[k];
    if (cur.start <= prev.end) {
      add(`${at}[${cur.i}]: ${cur.start}-${cur.end} overlaps ${at}[${prev.i}] ${prev.start}-${prev.end}`);
    }
  }
}

/**
 * The margin a side prints with when the job asks for none: the printer's
 * normal hardware margin, its smallest non-zero supported value. 0 (borderless)
 * only when asked for, or when the printer lists nothing else. IPP printers
 * work the same way: media-col-default is a bordered media-col-database entry
 * (PWG 5100.7) and borderless printing is asked for with media-*-margin 0.
 */
export function normalMargin(values: readonly number[] | undefined): number {
  const bordered = (values ?? []).filter((v) => v > 0);
  return bordered.length > 0 ? Math.min(...bordered) : 0;
}

/**
 * Validates, then fills every unset field: the job's value, else the printer's
 * default, else a neutral choice the printer supports (first listed otherwise).
 */
export function resolveConfiguration(config: PrintJobConfiguration, printer: PrinterDefinition): EffectiveConfiguration {
  validateAgainstCapabilities(config, printer);
  const caps = printer.capabilities;
  const d = printer.defaults;
  const copiesRange = caps.copiesPerJob ?? { start: 1, end: 1 };
  const margin = (v: number | null | undefined, values: number[] | undefined) => v ?? normalMargin(values);

  return {
    collate: config.collate ?? caps.collation === true,
    colorMode: pick(config.colorMode, d.colorMode, caps.colorModes, caps.isColorPrintingSupported === false ? 'blackAndWhite' : 'color'),
    copies: config.copies ?? d.copiesPerJob ?? Math.max(1, copiesRange.start),
    dpi: pick(config.dpi, d.dpi, caps.dpis, 600),
    duplexMode: pick(config.duplexMode, d.duplexMode, caps.duplexModes, 'oneSided'),
    feedOrientation: config.feedOrientation ?? null,
    // "none" is the absence of finishing; an empty list says it once for everyone downstream.
    finishings: (config.finishings ?? d.finishings ?? []).filter((f) => f !== 'none'),
    fitPdfToPage: config.fitPdfToPage ?? d.fitPdfToPage ?? false,
    inputBin: config.inputBin ?? d.inputBin ?? caps.inputBins?.[0] ?? null,
    margin: {
      top: margin(config.margin?.top, caps.topMargins),
      bottom: margin(config.margin?.bottom, caps.bottomMargins),
      left: margin(config.margin?.left, caps.leftMargins),
      right: margin(config.margin?.right, caps.rightMargins),
    },
    mediaSize: pick(config.mediaSize, d.mediaSize, caps.mediaSizes, 'A4'),
    mediaType: config.mediaType ?? d.mediaType ?? caps.mediaTypes?.[0] ?? null,
    multipageLayout: pick(config.multipageLayout, d.multipageLayout, caps.multipageLayouts, 'clockwiseFromTopLeft'),
    orientation: pick(config.orientation, d.orientation, caps.orientations, 'portrait'),
    outputBin: config.outputBin ?? d.outputBin ?? caps.outputBins?.[0] ?? null,
    // Pages print in document order whatever order the ranges came in (RFC 8011 §5.2.7).
    pageRanges: [...(config.pageRanges ?? [])].map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start),
    pagesPerSheet: pick(config.pagesPerSheet, d.pagesPerSheet, caps.pagesPerSheet, 1),
    quality: pick(config.quality, d.quality, caps.qualities, 'medium'),
    scaling: pick(config.scaling, d.scaling, caps.scalings, 'auto'),
  };
}

/** PATCH semantics: a key present in `patch` replaces the base value (arrays and margin whole); null clears it. */
export function mergeConfiguration(base: PrintJobConfiguration, patch: PrintJobConfiguration): PrintJobConfiguration {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out as PrintJobConfiguration;
}

// ---------------------------------------------------------------------------

function pick<T>(value: T | null | undefined, printerDefault: T | null | undefined, supported: readonly T[] | undefined, preferred: T): T {
  if (value != null) return value;
  if (printerDefault != null) return printerDefault;
  if (!supported || supported.length === 0 || supported.includes(preferred)) return preferred;
  return supported[0];
}

function throwIfAny(problems: Problem[]): void {
  if (problems.length === 0) return;
  const kind: Kind = problems.some((p) => p.kind === 'badRequest') ? 'badRequest' : 'invalidConfiguration';
  // A body of a thousand bad properties gets a readable message: the first few, and a count.
  const shown = problems.slice(0, 10).map((p) => p.message);
  if (problems.length > shown.length) shown.push(`and ${problems.length - shown.length} more`);
  throw new PrintsimError(kind, shown.join('; '), {
    fields: [...new Set(problems.slice(0, 10).map((p) => shortKey(p.field)))],
  });
}

function shortKey(key: string): string {
  return key.length > 60 ? `${key.slice(0, 57)}...` : key;
}

// OData JSON annotations: `@namespace.term` or `property@namespace.term`.
function isAnnotation(key: string): boolean {
  return /^[^@]*@[A-Za-z_]\w*(?:\.\w+)+$/.test(key);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  if (typeof v === 'string' && v.length > 60) return JSON.stringify(`${v.slice(0, 57)}...`);
  return JSON.stringify(v);
}
