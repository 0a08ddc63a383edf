// The one table between IPP Job Template attributes (RFC 8011 §5.2, PWG
// 5100.x) and Graph printJobConfiguration. Each row says how a request value
// becomes a configuration patch (or is refused as unsupported), how a
// configuration shows as that attribute on a Job, and which xxx-default /
// xxx-supported Printer attributes the printer definition yields for it.
// docs/ipp-mapping.md documents this table; keep the two in step.

import type {
  PrintColorMode,
  PrintDuplexMode,
  PrintFinishing,
  PrintJobConfiguration,
  PrintMultipageLayout,
  PrintOrientation,
  PrintQuality,
  PrintScaling,
  PrinterFeedOrientation,
} from '../model/print-types.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import { normalMargin } from '../core/validate-configuration.js';
import { attr, FINISHINGS, getAttr, ValueTag, type IppAttribute, type IppCollection, type IppRange, type IppResolution } from './codec/index.js';
import { ippToMicrons, mediaByName, mediaBySize, mediaOfGraphName, micronsToIpp, printerMediaSizes, readyMedia, type IppMediaSize } from './media.js';
import { HOLD_UNTIL_SUPPORTED } from './hold-until.js';

export type ConfigKey = keyof PrintJobConfiguration;

/** What a request value comes to: a configuration patch, possibly with parts ignored. */
export interface Accepted {
  patch: PrintJobConfiguration;
  /** Some members or values were not supported and were left out (RFC 8011 §4.1.7). */
  partial?: boolean;
}

export interface TemplateRow {
  /** The Job Template attribute. */
  name: string;
  /** Where it is specified. */
  clause: string;
  /** The printJobConfiguration properties it maps to; empty for IPP-only attributes. */
  graph: readonly ConfigKey[];
  /** The value as a configuration patch, or null when the printer does not support it. */
  accept(a: IppAttribute, printer: PrinterDefinition): Accepted | null;
  /** How a configuration shows as this attribute on a Job (IPP-only rows: never). */
  fromGraph?(c: PrintJobConfiguration): IppAttribute | undefined;
  /** The Printer attributes describing it (xxx-default, xxx-supported, ...). */
  printer(p: PrinterDefinition): IppAttribute[];
}

// ---------------------------------------------------------------------------
// Value tables (Graph enum member <-> IPP keyword or enum)

const SIDES: Record<PrintDuplexMode, string> = {
  oneSided: 'one-sided',
  flipOnLongEdge: 'two-sided-long-edge',
  flipOnShortEdge: 'two-sided-short-edge',
};

// PWG 5100.13 print-color-mode: monochrome is shades of grey, bi-level is pure black and white.
const COLOR_MODES: Record<PrintColorMode, string> = {
  color: 'color',
  grayscale: 'monochrome',
  blackAndWhite: 'bi-level',
  auto: 'auto',
};

// RFC 8011 §5.2.13 print-quality: draft(3), normal(4), high(5).
const QUALITIES: Record<PrintQuality, number> = { low: 3, medium: 4, high: 5 };

// RFC 8011 §5.2.10 orientation-requested.
const ORIENTATIONS: Record<PrintOrientation, number> = { portrait: 3, landscape: 4, reverseLandscape: 5, reversePortrait: 6 };

// PWG 5100.13 print-scaling; auto-fit shrinks only what does not fit (Graph shrinkToFit).
const SCALINGS: Record<PrintScaling, string> = { auto: 'auto', shrinkToFit: 'auto-fit', fill: 'fill', fit: 'fit', none: 'none' };

// PWG 5100.3 number-up-layout: the order cells fill, as src/render/layout.ts places them.
const LAYOUTS: Record<PrintMultipageLayout, string> = {
  clockwiseFromTopLeft: 'lrtb',
  counterclockwiseFromTopLeft: 'tblr',
  counterclockwiseFromTopRight: 'rltb',
  clockwiseFromTopRight: 'tbrl',
  counterclockwiseFromBottomLeft: 'lrbt',
  clockwiseFromBottomLeft: 'btlr',
  clockwiseFromBottomRight: 'rlbt',
  counterclockwiseFromBottomRight: 'btrl',
};

// PWG 5100.11 feed-orientation.
const FEED: Record<PrinterFeedOrientation, string> = { longEdgeFirst: 'long-edge-first', shortEdgeFirst: 'short-edge-first' };

/** Graph printFinishing -> RFC 8011 §5.2.6 / PWG 5100.1 finishings keyword. */
export function finishingKeyword(f: PrintFinishing): string {
  if (f === 'stitchEdge') return 'edge-stitch';
  const edge = /^stitch(Left|Top|Right|Bottom)Edge$/.exec(f);
  if (edge) return `edge-stitch-${edge[1]!.toLowerCase()}`;
  return f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function finishingEnum(f: PrintFinishing): number | undefined {
  const k = finishingKeyword(f);
  return Object.hasOwn(FINISHINGS, k) ? FINISHINGS[k as keyof typeof FINISHINGS] : undefined;
}

function graphOf<G extends string, V>(table: Record<G, V>, value: V): G | undefined {
  return (Object.keys(table) as G[]).find((k) => table[k] === value);
}

// Registered values (PWG 5100.7 media-source, PWG 5100.2 output-bin) go out as
// keywords; anything else a printer definition lists goes out as a name.
const SOURCE_KEYWORD = /^(auto|main|alternate|large-capacity|manual|envelope|disc|photo|hagaki|main-roll|alternate-roll|top|middle|bottom|side|left|right|center|rear|by-pass-tray|tray-\d+|roll-\d+)$/;
const BIN_KEYWORD = /^(auto|top|middle|bottom|side|left|right|center|rear|face-up|face-down|large-capacity|my-mailbox|stacker-\d+|mailbox-\d+|tray-\d+)$/;

function keywordOrName(name: string, registered: RegExp, first: string, ...rest: string[]): IppAttribute {
  const values = [first, ...rest];
  const tags = values.map((v) => (registered.test(v) ? ValueTag.keyword : ValueTag.nameWithoutLanguage));
  const a = attr.of(name, tags[0]!, first, ...rest);
  if (tags.some((t) => t !== tags[0])) a.valueTags = tags;
  return a;
}

// ---------------------------------------------------------------------------
// Reading request values

const STRINGISH = new Set<number>([ValueTag.keyword, ValueTag.nameWithoutLanguage, ValueTag.nameWithLanguage]);

function oneInteger(a: IppAttribute, tag: number = ValueTag.integer): number | null {
  return a.values.length === 1 && a.tag === tag && typeof a.values[0] === 'number' ? a.values[0] : null;
}

function oneKeyword(a: IppAttribute): string | null {
  if (a.values.length !== 1 || !STRINGISH.has(a.tag)) return null;
  const v = a.values[0];
  if (typeof v === 'string') return v;
  return typeof v === 'object' && v !== null && 'lang' in v ? v.value : null;
}

function memberInteger(c: IppCollection, name: string): number | null {
  const m = getAttr(c, name);
  return m === undefined ? null : oneInteger(m);
}

function list<T>(values: readonly T[] | undefined): T[] {
  return values === undefined ? [] : [...values];
}

// ---------------------------------------------------------------------------
// Rows

/** How a one-to-one row reads one value of its attribute and writes the attribute. */
interface OneToOneSyntax<V> {
  read(a: IppAttribute): V | null;
  write(name: string, first: V, ...rest: V[]): IppAttribute;
}

const KEYWORD: OneToOneSyntax<string> = { read: oneKeyword, write: attr.keyword };
const ENUM: OneToOneSyntax<number> = { read: (a) => oneInteger(a, ValueTag.enum), write: attr.enum };

/** An attribute whose values map one-to-one onto a Graph enum property. */
function oneToOneRow<G extends string, V>(
  syntax: OneToOneSyntax<V>,
  name: string,
  clause: string,
  key: ConfigKey,
  table: Record<G, V>,
  supported: (p: PrinterDefinition) => G[],
  byDefault: (p: PrinterDefinition) => G | null | undefined,
): TemplateRow {
  return {
    name,
    clause,
    graph: [key],
    accept(a, p) {
      const v = syntax.read(a);
      const g = v === null ? undefined : graphOf(table, v);
      return g !== undefined && supported(p).includes(g) ? { patch: { [key]: g } } : null;
    },
    fromGraph(c) {
      const g = c[key] as G | null | undefined;
      return g == null ? undefined : syntax.write(name, table[g]);
    },
    printer(p) {
      const values = supported(p).map((g) => table[g]);
      if (values.length === 0) return [];
      const def = byDefault(p) ?? supported(p)[0]!;
      return [syntax.write(`${name}-default`, table[def]), syntax.write(`${name}-supported`, values[0]!, ...values.slice(1))];
    },
  };
}

/** A keyword attribute mapping one-to-one onto a Graph enum property. */
function enumKeywordRow<G extends string>(
  name: string,
  clause: string,
  key: ConfigKey,
  table: Record<G, string>,
  supported: (p: PrinterDefinition) => G[],
  byDefault: (p: PrinterDefinition) => G | null | undefined,
): TemplateRow {
  return oneToOneRow(KEYWORD, name, clause, key, table, supported, byDefault);
}

/** An enum attribute mapping one-to-one onto a Graph enum property. */
function enumRow<G extends string>(
  name: string,
  clause: string,
  key: ConfigKey,
  table: Record<G, number>,
  supported: (p: PrinterDefinition) => G[],
  byDefault: (p: PrinterDefinition) => G | null | undefined,
): TemplateRow {
  return oneToOneRow(ENUM, name, clause, key, table, supported, byDefault);
}

/** IPP-only keyword attributes: accepted when supported, kept with the job, no Graph property. */
function ippOnlyKeywordRow(name: string, clause: string, supported: readonly string[], tag: number = ValueTag.keyword): TemplateRow {
  return {
    name,
    clause,
    graph: [],
    accept(a) {
      const k = oneKeyword(a);
      return k !== null && supported.includes(k) ? { patch: {} } : null;
    },
    printer() {
      return [attr.of(`${name}-default`, tag, supported[0]!), attr.of(`${name}-supported`, tag, supported[0]!, ...supported.slice(1))];
    },
  };
}

const colorModes = (p: PrinterDefinition): PrintColorMode[] =>
  list(p.capabilities.colorModes).filter((m) => !(m === 'color' && p.capabilities.isColorPrintingSupported === false));

const mediaCol = (size: IppMediaSize | undefined, extra: { margins?: Margins; source?: string | null; type?: string | null; name?: boolean }): IppCollection => {
  const members: IppCollection = [];
  if (size !== undefined) {
    members.push(attr.collection('media-size', [attr.integer('x-dimension', size.x), attr.integer('y-dimension', size.y)]));
    if (extra.name === true) members.push(attr.keyword('media-size-name', size.pwgName));
  }
  const m = extra.margins;
  if (m !== undefined) {
    if (m.bottom !== undefined) members.push(attr.integer('media-bottom-margin', m.bottom));
    if (m.left !== undefined) members.push(attr.integer('media-left-margin', m.left));
    if (m.right !== undefined) members.push(attr.integer('media-right-margin', m.right));
    if (m.top !== undefined) members.push(attr.integer('media-top-margin', m.top));
  }
  if (extra.source != null) members.push(keywordOrName('media-source', SOURCE_KEYWORD, extra.source));
  if (extra.type != null) members.push(attr.keyword('media-type', extra.type));
  return members;
};

interface Margins {
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
}

/** The normal margin of each side, in hundredths of a millimetre (what resolveConfiguration prints to). */
function defaultMargins(p: PrinterDefinition): Required<Margins> {
  const min = (v: number[] | undefined): number => micronsToIpp(normalMargin(v));
  const c = p.capabilities;
  return { top: min(c.topMargins), bottom: min(c.bottomMargins), left: min(c.leftMargins), right: min(c.rightMargins) };
}

const MARGIN_MEMBERS = [
  ['media-top-margin', 'top', 'topMargins'],
  ['media-bottom-margin', 'bottom', 'bottomMargins'],
  ['media-left-margin', 'left', 'leftMargins'],
  ['media-right-margin', 'right', 'rightMargins'],
] as const;

const MEDIA_COL_MEMBERS = ['media-size', 'media-size-name', 'media-type', 'media-source', 'media-top-margin', 'media-bottom-margin', 'media-left-margin', 'media-right-margin'];

const mediaRow: TemplateRow = {
  name: 'media',
  clause: 'RFC 8011 §5.2.11, PWG 5101.1',
  graph: ['mediaSize'],
  accept(a, p) {
    const k = oneKeyword(a);
    const size = k === null ? undefined : mediaByName(p, k);
    return size === undefined ? null : { patch: { mediaSize: size.graphName } };
  },
  fromGraph(c) {
    const size = c.mediaSize == null ? undefined : mediaOfGraphName(c.mediaSize);
    return size === undefined ? undefined : attr.keyword('media', size.pwgName);
  },
  printer(p) {
    const sizes = printerMediaSizes(p);
    if (sizes.length === 0) return [];
    const def = (p.defaults.mediaSize ? mediaOfGraphName(p.defaults.mediaSize) : undefined) ?? sizes[0]!;
    const ready = readyMedia(p).map((r) => r.size.pwgName);
    return [
      attr.keyword('media-default', def.pwgName),
      attr.keyword('media-supported', sizes[0]!.pwgName, ...sizes.slice(1).map((s) => s.pwgName)),
      attr.keyword('media-ready', ready[0]!, ...ready.slice(1)),
    ];
  },
};

const mediaColRow: TemplateRow = {
  name: 'media-col',
  clause: 'PWG 5100.7 media-col, PWG 5100.3 members',
  graph: ['mediaSize', 'mediaType', 'inputBin', 'margin'],
  accept(a, p) {
    if (a.tag !== ValueTag.begCollection || a.values.length !== 1) return null;
    const col = a.values[0] as IppCollection;
    const caps = p.capabilities;
    const patch: PrintJobConfiguration = {};
    let partial = false;
    for (const member of col) {
      switch (member.name) {
        case 'media-size': {
          const sizeCol = member.tag === ValueTag.begCollection ? (member.values[0] as IppCollection) : [];
          const x = memberInteger(sizeCol, 'x-dimension');
          const y = memberInteger(sizeCol, 'y-dimension');
          const size = x === null || y === null ? undefined : mediaBySize(p, x, y);
          // The size is the point of media-col: without it the whole value is unsupported.
          if (size === undefined) return null;
          patch.mediaSize = size.graphName;
          break;
        }
        case 'media-size-name': {
          const k = oneKeyword(member);
          const size = k === null ? undefined : mediaByName(p, k);
          if (size === undefined) return null;
          patch.mediaSize ??= size.graphName;
          break;
        }
        case 'media-type': {
          const k = oneKeyword(member);
          if (k !== null && list(caps.mediaTypes).includes(k)) patch.mediaType = k;
          else partial = true;
          break;
        }
        case 'media-source': {
          const k = oneKeyword(member);
          if (k !== null && list(caps.inputBins).includes(k)) patch.inputBin = k;
          else partial = true;
          break;
        }
        default: {
          const margin = MARGIN_MEMBERS.find(([n]) => n === member.name);
          const v = margin === undefined ? null : oneInteger(member);
          if (margin !== undefined && v !== null && list(caps[margin[2]]).includes(ippToMicrons(v))) {
            patch.margin = { ...patch.margin, [margin[1]]: ippToMicrons(v) };
          } else {
            partial = true;
          }
        }
      }
    }
    return { patch, ...(partial ? { partial } : {}) };
  },
  fromGraph(c) {
    if (c.mediaSize == null && c.mediaType == null && c.inputBin == null && c.margin == null) return undefined;
    const size = c.mediaSize == null ? undefined : mediaOfGraphName(c.mediaSize);
    const m = c.margin;
    const margins: Margins | undefined =
      m == null
        ? undefined
        : {
            ...(m.top != null ? { top: micronsToIpp(m.top) } : {}),
            ...(m.bottom != null ? { bottom: micronsToIpp(m.bottom) } : {}),
            ...(m.left != null ? { left: micronsToIpp(m.left) } : {}),
            ...(m.right != null ? { right: micronsToIpp(m.right) } : {}),
          };
    const members = mediaCol(size, { name: true, ...(margins ? { margins } : {}), source: c.inputBin ?? null, type: c.mediaType ?? null });
    return members.length === 0 ? undefined : attr.collection('media-col', members);
  },
  printer(p) {
    const sizes = printerMediaSizes(p);
    if (sizes.length === 0) return [];
    const caps = p.capabilities;
    const margins = defaultMargins(p);
    const def = (p.defaults.mediaSize ? mediaOfGraphName(p.defaults.mediaSize) : undefined) ?? sizes[0]!;
    const ready = readyMedia(p).map((r) =>
      mediaCol(r.size, { name: true, margins, source: r.source, type: p.defaults.mediaType ?? caps.mediaTypes?.[0] ?? null }),
    );
    const sides = (v: number[] | undefined): number[] => [...new Set(list(v).map(micronsToIpp))].sort((x, y) => x - y);
    const out: IppAttribute[] = [
      attr.collection(
        'media-col-default',
        mediaCol(def, { name: true, margins, source: p.defaults.inputBin ?? null, type: p.defaults.mediaType ?? null }),
      ),
      attr.collection('media-col-ready', ready[0]!, ...ready.slice(1)),
      attr.keyword('media-col-supported', MEDIA_COL_MEMBERS[0]!, ...MEDIA_COL_MEMBERS.slice(1)),
      attr.collection(
        'media-size-supported',
        ...(sizes.map((s) => [attr.integer('x-dimension', s.x), attr.integer('y-dimension', s.y)]) as [IppCollection, ...IppCollection[]]),
      ),
    ];
    for (const [member, , capsKey] of MARGIN_MEMBERS) {
      const values = sides(caps[capsKey]);
      out.push(attr.integer(`${member}-supported`, values[0] ?? 0, ...values.slice(1)));
    }
    const sources = list(caps.inputBins);
    if (sources.length > 0) out.push(keywordOrName('media-source-supported', SOURCE_KEYWORD, sources[0]!, ...sources.slice(1)));
    const types = list(caps.mediaTypes);
    if (types.length > 0) out.push(attr.keyword('media-type-supported', types[0]!, ...types.slice(1)));
    return out;
  },
};

/**
 * media-col-database (PWG 5100.7): every size with the printer's normal (smallest
 * non-zero) margins, plus a borderless entry when all sides allow 0. Listing
 * sizes only as borderless made CUPS name every page size "X.Borderless" so its
 * default "A4" matched none, and pdftopdf fell back to Letter.
 */
export function mediaColDatabase(p: PrinterDefinition): IppAttribute | undefined {
  const sizes = printerMediaSizes(p);
  if (sizes.length === 0) return undefined;
  const c = p.capabilities;
  const sides = [c.topMargins, c.bottomMargins, c.leftMargins, c.rightMargins].map((v) => list(v));
  const bordered = sides.map((v) => micronsToIpp(normalMargin(v)));
  const margins = { top: bordered[0]!, bottom: bordered[1]!, left: bordered[2]!, right: bordered[3]! };
  const borderless = sides.every((v) => v.includes(0)) && bordered.some((m) => m !== 0);
  const entries: IppCollection[] = [];
  for (const size of sizes) {
    entries.push(mediaCol(size, { name: true, margins }));
    if (borderless) entries.push(mediaCol(size, { name: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } }));
  }
  return attr.collection('media-col-database', entries[0]!, ...entries.slice(1));
}

const pageRangesRow: TemplateRow = {
  name: 'page-ranges',
  clause: 'RFC 8011 §5.2.7',
  graph: ['pageRanges'],
  accept(a, p) {
    if (p.capabilities.isPageRangeSupported === false || a.tag !== ValueTag.rangeOfInteger || a.valueTags !== undefined) return null;
    const ranges = a.values as IppRange[];
    // Ascending, 1-based and not overlapping, as §5.2.7 requires.
    const sound = ranges.every((r, i) => r.lower >= 1 && r.lower <= r.upper && (i === 0 || r.lower > ranges[i - 1]!.upper));
    return sound ? { patch: { pageRanges: ranges.map((r) => ({ start: r.lower, end: r.upper })) } } : null;
  },
  fromGraph(c) {
    const r = c.pageRanges;
    if (r == null || r.length === 0) return undefined;
    return attr.range('page-ranges', ...(r.map((x) => ({ lower: x.start, upper: x.end })) as [IppRange, ...IppRange[]]));
  },
  printer(p) {
    return [attr.boolean('page-ranges-supported', p.capabilities.isPageRangeSupported !== false)];
  },
};

const copiesRow: TemplateRow = {
  name: 'copies',
  clause: 'RFC 8011 §5.2.5',
  graph: ['copies'],
  accept(a, p) {
    const n = oneInteger(a);
    const r = p.capabilities.copiesPerJob ?? { start: 1, end: 1 };
    return n !== null && n >= r.start && n <= r.end ? { patch: { copies: n } } : null;
  },
  fromGraph(c) {
    return c.copies == null ? undefined : attr.integer('copies', c.copies);
  },
  printer(p) {
    const r = p.capabilities.copiesPerJob ?? { start: 1, end: 1 };
    return [attr.integer('copies-default', p.defaults.copiesPerJob ?? Math.max(1, r.start)), attr.range('copies-supported', [r.start, r.end])];
  },
};

const COLLATED = 'separate-documents-collated-copies';
const UNCOLLATED = 'separate-documents-uncollated-copies';

const multipleDocumentHandlingRow: TemplateRow = {
  name: 'multiple-document-handling',
  clause: 'RFC 8011 §5.2.4',
  graph: ['collate'],
  accept(a, p) {
    const k = oneKeyword(a);
    if (k === UNCOLLATED) return { patch: { collate: false } };
    if (k === COLLATED && p.capabilities.collation === true) return { patch: { collate: true } };
    return null;
  },
  fromGraph(c) {
    return c.collate == null ? undefined : attr.keyword('multiple-document-handling', c.collate ? COLLATED : UNCOLLATED);
  },
  printer(p) {
    const collates = p.capabilities.collation === true;
    return [
      attr.keyword('multiple-document-handling-default', collates ? COLLATED : UNCOLLATED),
      collates ? attr.keyword('multiple-document-handling-supported', UNCOLLATED, COLLATED) : attr.keyword('multiple-document-handling-supported', UNCOLLATED),
    ];
  },
};

const numberUpRow: TemplateRow = {
  name: 'number-up',
  clause: 'RFC 8011 §5.2.9',
  graph: ['pagesPerSheet'],
  accept(a, p) {
    const n = oneInteger(a);
    return n !== null && (p.capabilities.pagesPerSheet ?? [1]).includes(n) ? { patch: { pagesPerSheet: n } } : null;
  },
  fromGraph(c) {
    return c.pagesPerSheet == null ? undefined : attr.integer('number-up', c.pagesPerSheet);
  },
  printer(p) {
    const values = p.capabilities.pagesPerSheet ?? [1];
    return [attr.integer('number-up-default', p.defaults.pagesPerSheet ?? 1), attr.integer('number-up-supported', values[0] ?? 1, ...values.slice(1))];
  },
};

const printerResolutionRow: TemplateRow = {
  name: 'printer-resolution',
  clause: 'RFC 8011 §5.2.12',
  graph: ['dpi'],
  accept(a, p) {
    if (a.tag !== ValueTag.resolution || a.values.length !== 1) return null;
    const r = a.values[0] as IppResolution;
    // RFC 8010 §3.9: units 3 = dots per inch, 4 = dots per centimetre.
    const dpi = r.units === 3 ? r.x : Math.round(r.x * 2.54);
    const ydpi = r.units === 3 ? r.y : Math.round(r.y * 2.54);
    return dpi === ydpi && list(p.capabilities.dpis).includes(dpi) ? { patch: { dpi } } : null;
  },
  fromGraph(c) {
    return c.dpi == null ? undefined : attr.resolution('printer-resolution', { x: c.dpi, y: c.dpi, units: 3 });
  },
  printer(p) {
    const dpis = list(p.capabilities.dpis);
    if (dpis.length === 0) return [];
    const res = (d: number): IppResolution => ({ x: d, y: d, units: 3 });
    const def = p.defaults.dpi ?? (dpis.includes(600) ? 600 : dpis[0]!);
    return [attr.resolution('printer-resolution-default', res(def)), attr.resolution('printer-resolution-supported', ...(dpis.map(res) as [IppResolution, ...IppResolution[]]))];
  },
};

const outputBinRow: TemplateRow = {
  name: 'output-bin',
  clause: 'PWG 5100.2',
  graph: ['outputBin'],
  accept(a, p) {
    const k = oneKeyword(a);
    return k !== null && list(p.capabilities.outputBins).includes(k) ? { patch: { outputBin: k } } : null;
  },
  fromGraph(c) {
    return c.outputBin == null ? undefined : keywordOrName('output-bin', BIN_KEYWORD, c.outputBin);
  },
  printer(p) {
    const bins = list(p.capabilities.outputBins);
    if (bins.length === 0) return [];
    return [keywordOrName('output-bin-default', BIN_KEYWORD, p.defaults.outputBin ?? bins[0]!), keywordOrName('output-bin-supported', BIN_KEYWORD, bins[0]!, ...bins.slice(1))];
  },
};

function supportedFinishings(p: PrinterDefinition): PrintFinishing[] {
  return list<PrintFinishing>(p.capabilities.finishings ?? ['none']).filter((f) => finishingEnum(f) !== undefined);
}

function acceptFinishings(keys: Array<PrintFinishing | undefined>, p: PrinterDefinition): Accepted | null {
  const supported = supportedFinishings(p);
  if (keys.length === 0 || keys.some((k) => k === undefined || !supported.includes(k))) return null;
  const unique = [...new Set(keys as PrintFinishing[])];
  // RFC 8011 §5.2.6: none cannot be combined with other finishings.
  if (unique.includes('none') && unique.length > 1) return null;
  return { patch: { finishings: unique } };
}

const finishingsRow: TemplateRow = {
  name: 'finishings',
  clause: 'RFC 8011 §5.2.6, PWG 5100.1',
  graph: ['finishings'],
  accept(a, p) {
    if (a.tag !== ValueTag.enum || a.valueTags !== undefined) return null;
    const byEnum = new Map(supportedFinishings(p).map((f) => [finishingEnum(f)!, f]));
    return acceptFinishings((a.values as number[]).map((n) => byEnum.get(n)), p);
  },
  fromGraph(c) {
    const f = (c.finishings ?? []).map(finishingEnum).filter((n): n is number => n !== undefined);
    return f.length === 0 ? undefined : attr.enum('finishings', f[0]!, ...f.slice(1));
  },
  printer(p) {
    const values = supportedFinishings(p).map((f) => finishingEnum(f)!);
    const defaults = (p.defaults.finishings ?? ['none']).map(finishingEnum).filter((n): n is number => n !== undefined);
    const def = defaults.length > 0 ? defaults : [FINISHINGS.none];
    if (!values.includes(FINISHINGS.none)) values.unshift(FINISHINGS.none);
    return [
      attr.enum('finishings-default', def[0]!, ...def.slice(1)),
      attr.enum('finishings-supported', values[0]!, ...values.slice(1)),
      attr.enum('finishings-ready', values[0]!, ...values.slice(1)),
    ];
  },
};

const finishingsColRow: TemplateRow = {
  name: 'finishings-col',
  clause: 'PWG 5100.1 finishings-col (finishing-template)',
  graph: ['finishings'],
  accept(a, p) {
    if (a.tag !== ValueTag.begCollection || a.valueTags !== undefined) return null;
    const byKeyword = new Map(supportedFinishings(p).map((f) => [finishingKeyword(f), f]));
    let partial = false;
    const keys = (a.values as IppCollection[]).map((col) => {
      if (col.some((m) => m.name !== 'finishing-template')) partial = true;
      const t = getAttr(col, 'finishing-template');
      const k = t === undefined ? null : oneKeyword(t);
      return k === null ? undefined : byKeyword.get(k);
    });
    const accepted = acceptFinishings(keys, p);
    return accepted === null ? null : { ...accepted, ...(partial ? { partial } : {}) };
  },
  fromGraph(c) {
    const f = c.finishings ?? [];
    if (f.length === 0) return undefined;
    const cols = f.map((x) => [attr.keyword('finishing-template', finishingKeyword(x))]);
    return attr.collection('finishings-col', cols[0]!, ...cols.slice(1));
  },
  printer(p) {
    const templates = supportedFinishings(p).map(finishingKeyword);
    if (!templates.includes('none')) templates.unshift('none');
    const cols = templates.map((t) => [attr.keyword('finishing-template', t)]);
    const def = (p.defaults.finishings ?? ['none']).map(finishingKeyword).map((t) => [attr.keyword('finishing-template', t)]);
    const defaults = def.length > 0 ? def : [[attr.keyword('finishing-template', 'none')]];
    return [
      attr.collection('finishings-col-default', defaults[0]!, ...defaults.slice(1)),
      attr.collection('finishings-col-database', cols[0]!, ...cols.slice(1)),
      attr.collection('finishings-col-ready', cols[0]!, ...cols.slice(1)),
      attr.keyword('finishings-col-supported', 'finishing-template'),
      // PWG 5100.1 §5.2.3: the finishing-template values a finishings-col may name.
      attr.keyword('finishing-template-supported', templates[0]!, ...templates.slice(1)),
    ];
  },
};


/**
 * The table. Rows with `graph: []` are IPP-only: the value is kept with the
 * job (JobRecord.ipp) and echoed, and does not change what prints.
 */
export const TEMPLATE_TABLE: readonly TemplateRow[] = [
  copiesRow,
  finishingsRow,
  finishingsColRow,
  enumKeywordRow('feed-orientation', 'PWG 5100.11', 'feedOrientation', FEED, (p) => list(p.capabilities.feedOrientations), () => undefined),
  ippOnlyKeywordRow('job-hold-until', 'RFC 8011 §5.2.2', HOLD_UNTIL_SUPPORTED),
  {
    name: 'job-hold-until-time',
    clause: 'PWG 5100.7',
    graph: [],
    accept: (a) => (a.tag === ValueTag.dateTime && a.values.length === 1 ? { patch: {} } : null),
    // Any time from now on, as ippserver advertises it.
    printer: () => [attr.range('job-hold-until-time-supported', [0, 0x7fffffff])],
  },
  {
    name: 'job-priority',
    clause: 'RFC 8011 §5.2.1',
    graph: [],
    accept(a) {
      const n = oneInteger(a);
      return n !== null && n >= 1 && n <= 100 ? { patch: {} } : null;
    },
    // One priority level: every job is scheduled in arrival order (job-priority-supported = 1).
    printer: () => [attr.integer('job-priority-default', 50), attr.integer('job-priority-supported', 1)],
  },
  ippOnlyKeywordRow('job-sheets', 'RFC 8011 §5.2.3', ['none']),
  mediaRow,
  mediaColRow,
  multipleDocumentHandlingRow,
  numberUpRow,
  enumKeywordRow('number-up-layout', 'PWG 5100.3', 'multipageLayout', LAYOUTS, (p) => list(p.capabilities.multipageLayouts), (p) => p.defaults.multipageLayout),
  enumRow('orientation-requested', 'RFC 8011 §5.2.10', 'orientation', ORIENTATIONS, (p) => list(p.capabilities.orientations), (p) => p.defaults.orientation),
  outputBinRow,
  {
    name: 'overrides',
    clause: 'PWG 5100.6 §6.1.1',
    graph: [],
    // Kept and echoed; the renderer applies the job's attributes to every page (not the overrides).
    accept(a, p) {
      if (a.tag !== ValueTag.begCollection || a.valueTags !== undefined) return null;
      const cols = a.values as IppCollection[];
      const sound = cols.every((c) => c.some((m) => (m.name === 'pages' || m.name === 'document-numbers') && m.tag === ValueTag.rangeOfInteger));
      if (!sound) return null;
      // PWG 5100.6 §6.1.1: each member other than the selectors is a Job Template attribute;
      // one the printer does not support (or a value it does not) is reported, or refused with
      // ipp-attribute-fidelity, as any other Job Template attribute would be.
      const partial = cols.some((c) =>
        c.some((m) => {
          if (OVERRIDE_SELECTORS.has(m.name)) return false;
          const row = m.name === 'overrides' ? undefined : BY_NAME.get(m.name);
          const accepted = row?.accept(m, p) ?? null;
          return accepted === null || accepted.partial === true;
        }),
      );
      return partial ? { patch: {}, partial } : { patch: {} };
    },
    printer: () => [attr.keyword('overrides-supported', 'document-number', 'document-numbers', 'pages')],
  },
  pageRangesRow,
  enumKeywordRow('print-color-mode', 'PWG 5100.13', 'colorMode', COLOR_MODES, colorModes, (p) => p.defaults.colorMode),
  ippOnlyKeywordRow('print-content-optimize', 'PWG 5100.7', ['auto']),
  enumRow('print-quality', 'RFC 8011 §5.2.13', 'quality', QUALITIES, (p) => list(p.capabilities.qualities), (p) => p.defaults.quality),
  ippOnlyKeywordRow('print-rendering-intent', 'PWG 5100.13', ['auto']),
  enumKeywordRow('print-scaling', 'PWG 5100.13', 'scaling', SCALINGS, (p) => list(p.capabilities.scalings), (p) => p.defaults.scaling),
  printerResolutionRow,
  enumKeywordRow('sides', 'RFC 8011 §5.2.8', 'duplexMode', SIDES, (p) => list(p.capabilities.duplexModes), (p) => p.defaults.duplexMode),
];

const BY_NAME: Map<string, TemplateRow> = new Map(TEMPLATE_TABLE.map((r) => [r.name, r]));

/** Members of an overrides collection that select pages and documents rather than override (PWG 5100.6 §6.1.1). */
const OVERRIDE_SELECTORS = new Set(['pages', 'document-numbers', 'document-copies']);

export function templateRow(name: string): TemplateRow | undefined {
  return BY_NAME.get(name);
}

/** The IPP attributes that carry a Graph configuration property (for error reports). */
export function ippNamesOf(field: string): string[] {
  return TEMPLATE_TABLE.filter((r) => (r.graph as readonly string[]).includes(field)).map((r) => r.name);
}
