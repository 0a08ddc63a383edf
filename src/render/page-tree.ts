// The page-tree walk and the page description, over any reading of a PDF's
// objects: pdf-lib's after the whole load, plain values after the page-tree
// scan. One code for both, so the scan cannot describe a page differently.
// The walk inherits Resources, MediaBox, CropBox and Rotate as ISO 32000-1
// §7.7.3.4 says, and finds pages in a tree without /Type entries too.
import { type Matrix, chain, scale, translate, turnWithin } from './matrix.js';
import type { Box } from './pdf-objects.js';
import type { PDFRef } from './pdf.js';
import { RenderError } from './render-error.js';
import type { SourcePage } from './source-page.js';

/** The dictionary keys the walk and the description read. */
export type PageKey = 'Type' | 'Pages' | 'Kids' | 'Resources' | 'MediaBox' | 'CropBox' | 'Rotate' | 'UserUnit' | 'Annots';

/** Typed reads of values `V` and dictionaries `D`; each resolves an indirect reference first. */
export interface PageReader<V, D> {
  dict(v: V | undefined): D | undefined;
  get(d: D, key: PageKey): V | undefined;
  array(v: V | undefined): readonly V[] | undefined;
  number(v: V | undefined): number | undefined;
  /** A name's text. */
  name(v: V | undefined): string | undefined;
  /** A dictionary's keys, as text. */
  keys(d: D): Iterable<string>;
  /** Whether `v` names an object the file holds but that cannot be read (damaged syntax). */
  damaged?(v: V | undefined): boolean;
}

export interface Inherited<V> {
  resources: V | undefined;
  mediaBox: V | undefined;
  cropBox: V | undefined;
  rotate: V | undefined;
}

export interface FoundPage<V, D> {
  /** Undefined for a page whose object is damaged: it keeps its place, printed blank. */
  dict: D | undefined;
  inherited: Inherited<V>;
}

export interface DescribedPages {
  pages: SourcePage[];
  warnings: string[];
  /**
   * The file shows its pages as printed: not encrypted, no annotations, and a
   * catalog holding only what the render keeps, so its own bytes can stand in
   * for an output that places every page unchanged.
   */
  plain: boolean;
}

const LETTER: Box = { x0: 0, y0: 0, x1: 612, y1: 792 };
// What rewriteCatalog (render.ts) keeps; anything else could show in a viewer but not on paper.
const PLAIN_CATALOG_KEYS = new Set(['Type', 'Pages', 'OCProperties', 'Lang']);

/** Page dictionaries in document order, with their inherited attributes. */
export function collectPages<V, D>(r: PageReader<V, D>, catalog: D | undefined): Array<FoundPage<V, D>> {
  const root = catalog === undefined ? undefined : r.get(catalog, 'Pages');
  if (!catalog || !root) throw new RenderError('corruptDocument', 'the PDF is damaged: it has no document catalog or page tree');
  const out: Array<FoundPage<V, D>> = [];
  const seen = new Set<D>();
  const walk = (node: V | undefined, parent: Inherited<V>, depth: number): void => {
    const dict = r.dict(node);
    // A kid the file holds but cannot read: a page lost to damage keeps its place
    // (later pages keep their numbers for pageRanges), as qpdf and poppler keep it.
    if (!dict && depth > 0 && r.damaged?.(node) === true) out.push({ dict: undefined, inherited: parent });
    if (!dict || seen.has(dict) || depth > 64) return;
    seen.add(dict);
    const inherited: Inherited<V> = {
      resources: r.get(dict, 'Resources') ?? parent.resources,
      mediaBox: r.get(dict, 'MediaBox') ?? parent.mediaBox,
      cropBox: r.get(dict, 'CropBox') ?? parent.cropBox,
      rotate: r.get(dict, 'Rotate') ?? parent.rotate,
    };
    const kids = r.array(r.get(dict, 'Kids'));
    const type = r.name(r.get(dict, 'Type'));
    if (type === 'Page' || (!kids && type !== 'Pages')) {
      out.push({ dict, inherited });
      return;
    }
    for (const kid of kids ?? []) walk(kid, inherited, depth + 1);
  };
  walk(root, { resources: undefined, mediaBox: undefined, cropBox: undefined, rotate: undefined }, 0);
  return out;
}

/** A rectangle [llx lly urx ury] (§7.9.5), normalised so x0 < x1 and y0 < y1. */
function boxOf<V, D>(r: PageReader<V, D>, v: V | undefined): Box | undefined {
  const arr = r.array(v);
  if (!arr || arr.length !== 4) return undefined;
  const a = r.number(arr[0]);
  const b = r.number(arr[1]);
  const c = r.number(arr[2]);
  const d = r.number(arr[3]);
  if (a === undefined || b === undefined || c === undefined || d === undefined) return undefined;
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || !Number.isFinite(d)) return undefined;
  return { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
}

function intersect(a: Box, b: Box): Box | undefined {
  const box = { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
  return box.x1 - box.x0 >= 1 && box.y1 - box.y0 >= 1 ? box : undefined;
}

/** The pages as displayed (after /Rotate, CropBox and /UserUnit), their warnings and whether the file is plain. */
export function describePages<V, D>(
  r: PageReader<V, D>,
  catalog: D | undefined,
  found: Array<FoundPage<V, D>>,
  /** Whether "/Encrypt" is anywhere in the file (pdf-lib drops it from the trailer once it decrypts); asked last, as it reads the whole file. */
  encrypted: () => boolean,
  makeForm: (dict: D | undefined, box: Box, resources: V | undefined, number: number) => PDFRef,
): DescribedPages {
  const warnings: string[] = [];
  let badBoxes = 0;
  const damaged: number[] = [];
  let lastMedia: Box | undefined;
  // Pages of one shape share what describes them (most documents have one shape).
  let last: { x0: number; y0: number; x1: number; y1: number; rotate: number; unit: number; toDisplayed: Matrix } | undefined;
  const pages = found.map(({ dict, inherited }, i): SourcePage => {
    const number = i + 1;
    if (dict === undefined) damaged.push(number);
    let media = boxOf(r, inherited.mediaBox);
    if (!media || media.x1 - media.x0 < 1 || media.y1 - media.y0 < 1) {
      // A damaged page's own box is lost with it: the page before it gives its size.
      if (dict !== undefined || !lastMedia) badBoxes++;
      media = dict === undefined && lastMedia ? lastMedia : LETTER;
    }
    lastMedia = media;
    // CropBox defaults to MediaBox and is clipped to it (§14.11.2).
    const crop = boxOf(r, inherited.cropBox);
    const box = (crop && intersect(crop, media)) ?? media;
    // /Rotate must be a multiple of 90 (§7.7.3.3); others are taken to the one below.
    const rotate = (((Math.floor((r.number(inherited.rotate) ?? 0) / 90) % 4) + 4) % 4) * 90;
    const unit = (dict === undefined ? undefined : r.number(r.get(dict, 'UserUnit'))) ?? 1;
    const bw = box.x1 - box.x0;
    const bh = box.y1 - box.y0;
    // /Rotate turns the page clockwise for display (§7.7.3.3).
    const cwTurns = rotate / 90;
    const odd = cwTurns % 2 === 1;
    let toDisplayed: Matrix;
    // Object.is: a -0 in a box gives a matrix of its own (-0 entries) as before.
    const same = last && Object.is(last.x0, box.x0) && Object.is(last.y0, box.y0) && Object.is(last.x1, box.x1) && Object.is(last.y1, box.y1);
    if (last && same && last.rotate === rotate && Object.is(last.unit, unit)) {
      toDisplayed = last.toDisplayed;
    } else {
      toDisplayed = chain(translate(-box.x0, -box.y0), turnWithin(4 - cwTurns, bw, bh), scale(unit > 0 ? unit : 1));
      // Fields written out: a spread with more fields after it takes V8's slow path.
      last = { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1, rotate, unit, toDisplayed };
    }
    const size = odd ? { width: bh * unit, height: bw * unit } : { width: bw * unit, height: bh * unit };
    let ref: PDFRef | undefined;
    return {
      number,
      size,
      bbox: { x: box.x0, y: box.y0, width: bw, height: bh },
      toDisplayed,
      form: () => (ref ??= makeForm(dict, box, inherited.resources, number)),
    };
  });
  if (damaged.length > 0) warnings.push(`${damaged.length} page(s) are damaged and cannot be read (${pageNumbers(damaged)}); printed blank in their place`);
  if (badBoxes > 0) warnings.push(`${badBoxes} page(s) have no usable MediaBox; printed as North America Letter`);
  const plain =
    badBoxes === 0 &&
    damaged.length === 0 &&
    catalog !== undefined &&
    [...r.keys(catalog)].every((k) => PLAIN_CATALOG_KEYS.has(k)) &&
    // pdf-lib writes an empty /Annots on every page; page-form draws no annotation from a non-array either.
    found.every(({ dict }) => dict !== undefined && (r.array(r.get(dict, 'Annots'))?.length ?? 0) === 0) &&
    !encrypted();
  return { pages, warnings, plain };
}

/** "page 3" or "pages 3, 7 and 9" (the first 10). */
function pageNumbers(pages: number[]): string {
  const shown = pages.slice(0, 10).map(String);
  if (pages.length > 10) shown.push(`${pages.length - 10} more`);
  return shown.length === 1 ? `page ${shown[0]}` : `pages ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
