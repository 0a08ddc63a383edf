// Where each source page goes on one side of a sheet: the content frame (the
// side turned to the requested orientation), the N-up grid in it, and each
// page's placement in its cell.
import type { PrintMultipageLayout, PrintOrientation, PrintScaling } from '../model/print-types.js';
import { type Matrix, type Rect, applyToRect, chain, scale, translate, turnWithin } from './matrix.js';

export interface Size {
  width: number;
  height: number;
}

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Counter-clockwise quarter turns of content on the sheet. RFC 8011 §5.2.10:
 * landscape is +90°, reverse-landscape -90°, reverse-portrait 180°.
 */
export const ORIENTATION_TURNS: Record<PrintOrientation, number> = {
  portrait: 0,
  landscape: 1,
  reversePortrait: 2,
  reverseLandscape: 3,
};

// The turn used instead when the document's page shape calls for the other
// shape: portrait <-> landscape, reversePortrait <-> reverseLandscape.
const PARTNER_TURNS = [1, 0, 3, 2];

/** Grid shapes (columns × rows) tried for each pages-per-sheet value. */
const GRIDS: Record<number, ReadonlyArray<readonly [number, number]>> = {
  1: [[1, 1]],
  2: [[2, 1], [1, 2]],
  4: [[2, 2]],
  6: [[3, 2], [2, 3]],
  9: [[3, 3]],
  16: [[4, 4]],
};

export function gridsFor(pagesPerSheet: number): ReadonlyArray<readonly [number, number]> {
  const grids = GRIDS[pagesPerSheet];
  if (grids) return grids;
  // Any other count: the squarest grid that holds it.
  const cols = Math.ceil(Math.sqrt(pagesPerSheet));
  return [[cols, Math.ceil(pagesPerSheet / cols)]];
}

export interface Layout {
  /** Counter-clockwise quarter turns from the content frame to the side. */
  frameTurns: number;
  frame: Size;
  frameToSide: Matrix;
  /** Printable area, in frame coordinates. */
  printable: Rect;
  cols: number;
  rows: number;
  /** Cells in frame coordinates, in multipageLayout order. */
  cells: Rect[];
  /**
   * Quarter turns for a page whose shape differs from its cell's: the one that
   * keeps its total turn on the side within the requested orientation's pair
   * (portrait/landscape or their reverses), so no page lands upside down.
   */
  cellTurn: 1 | 3;
}

export interface LayoutInput {
  sheet: Size;
  margins: Margins;
  orientation: PrintOrientation;
  pagesPerSheet: number;
  multipageLayout: PrintMultipageLayout;
  /** The first selected page, as displayed; it decides the frame and grid. */
  firstPage: Size;
  /** Keep the requested orientation whatever the page shape (text is paginated to it). */
  fixedOrientation?: boolean;
}

/** The side's printable area seen in a frame turned `turns` from the side. */
export function printableInFrame(sheet: Size, margins: Margins, turns: number): { frame: Size; printable: Rect; frameToSide: Matrix } {
  const odd = turns % 2 === 1;
  const frame = odd ? { width: sheet.height, height: sheet.width } : { ...sheet };
  const frameToSide = turnWithin(turns, frame.width, frame.height);
  const sideToFrame = turnWithin(4 - turns, sheet.width, sheet.height);
  const sidePrintable: Rect = {
    x: margins.left,
    y: margins.bottom,
    width: Math.max(1, sheet.width - margins.left - margins.right),
    height: Math.max(1, sheet.height - margins.top - margins.bottom),
  };
  return { frame, printable: applyToRect(sideToFrame, sidePrintable), frameToSide };
}

function fitScale(page: Size, cell: Size): number {
  return Math.min(cell.width / page.width, cell.height / page.height);
}

/**
 * Picks the frame turn and grid that show the first page largest without
 * turning it inside its cell, so N-up order reads in the page's own frame
 * (as pdftopdf lays 2-up portrait pages on a landscape frame).
 */
export function planLayout(input: LayoutInput): Layout {
  const requested = ORIENTATION_TURNS[input.orientation];
  const turnsToTry = input.fixedOrientation ? [requested] : [requested, PARTNER_TURNS[requested]];
  let best: { turns: number; cols: number; rows: number; score: number } | undefined;
  for (const turns of turnsToTry) {
    const { printable } = printableInFrame(input.sheet, input.margins, turns);
    for (const [cols, rows] of gridsFor(input.pagesPerSheet)) {
      const cell = { width: printable.width / cols, height: printable.height / rows };
      const score = fitScale(input.firstPage, cell);
      if (!best || score > best.score * (1 + 1e-9)) best = { turns, cols, rows, score };
    }
  }
  const { turns, cols, rows } = best!;
  const { frame, printable, frameToSide } = printableInFrame(input.sheet, input.margins, turns);
  const cw = printable.width / cols;
  const ch = printable.height / rows;
  const cells: Rect[] = [];
  for (const { col, row } of cellOrder(input.multipageLayout, cols, rows).slice(0, input.pagesPerSheet)) {
    // row 0 is the top row
    cells.push({ x: printable.x + col * cw, y: printable.y + printable.height - (row + 1) * ch, width: cw, height: ch });
  }
  const pair = [requested, PARTNER_TURNS[requested]];
  const cellTurn = pair.includes((turns + 1) % 4) ? 1 : 3;
  return { frameTurns: turns, frame, frameToSide, printable, cols, rows, cells, cellTurn };
}

/**
 * Cell visiting order, a raster from the named corner whose first step goes
 * the named way round the sheet; each is one of IPP's
 * presentation-direction-number-up values (PWG 5100.3 §3.2.1):
 * clockwiseFromTopLeft = toright-tobottom, counterclockwiseFromTopLeft =
 * tobottom-toright, clockwiseFromBottomRight = toleft-totop, and so on.
 */
export function cellOrder(layout: PrintMultipageLayout, cols: number, rows: number): Array<{ col: number; row: number }> {
  const spec: Record<PrintMultipageLayout, { right: boolean; bottom: boolean; rowsFirst: boolean }> = {
    clockwiseFromTopLeft: { right: false, bottom: false, rowsFirst: true },
    counterclockwiseFromTopLeft: { right: false, bottom: false, rowsFirst: false },
    counterclockwiseFromTopRight: { right: true, bottom: false, rowsFirst: true },
    clockwiseFromTopRight: { right: true, bottom: false, rowsFirst: false },
    counterclockwiseFromBottomLeft: { right: false, bottom: true, rowsFirst: true },
    clockwiseFromBottomLeft: { right: false, bottom: true, rowsFirst: false },
    clockwiseFromBottomRight: { right: true, bottom: true, rowsFirst: true },
    counterclockwiseFromBottomRight: { right: true, bottom: true, rowsFirst: false },
  };
  const { right, bottom, rowsFirst } = spec[layout];
  const out: Array<{ col: number; row: number }> = [];
  for (let k = 0; k < cols * rows; k++) {
    let col = rowsFirst ? k % cols : Math.floor(k / rows);
    let row = rowsFirst ? Math.floor(k / cols) : k % rows;
    if (right) col = cols - 1 - col;
    if (bottom) row = rows - 1 - row;
    out.push({ col, row });
  }
  return out;
}

export interface Placement {
  /** Quarter turns (counter-clockwise) given to the page inside its cell. */
  turns: number;
  scale: number;
  /** From the displayed page ([0,w]×[0,h]) to frame coordinates. */
  matrix: Matrix;
}

/** Scaling after fitPdfToPage and 'auto' are resolved. */
export type ResolvedScaling = 'fit' | 'fill' | 'none';

// Half a point: a Letter page is "larger" than A4, an A4 page is not.
const FIT_TOLERANCE = 0.5;

/**
 * Graph printScaling: auto = none when the page fits the cell, else fill when
 * borderless (no margins, one page per side), else fit; shrinkToFit = fit only
 * when the page is larger than the cell.
 */
export function resolveScaling(scaling: PrintScaling, page: Size, cell: Size, borderlessOneUp: boolean): ResolvedScaling {
  const fits = page.width <= cell.width + FIT_TOLERANCE && page.height <= cell.height + FIT_TOLERANCE;
  switch (scaling) {
    case 'fit':
    case 'fill':
    case 'none':
      return scaling;
    case 'shrinkToFit':
      return fits ? 'none' : 'fit';
    case 'auto':
    default:
      return fits ? 'none' : borderlessOneUp ? 'fill' : 'fit';
  }
}

/**
 * Places a displayed page in a cell: turned by `cellTurn` when its shape
 * differs from the cell's, scaled, centred.
 */
export function placeInCell(page: Size, cell: Rect, scaling: PrintScaling, borderlessOneUp: boolean, cellTurn: 1 | 3 = 1): Placement {
  const pageLandscape = page.width > page.height;
  const cellLandscape = cell.width > cell.height;
  const turns = page.width !== page.height && cell.width !== cell.height && pageLandscape !== cellLandscape ? cellTurn : 0;
  const shown = turns % 2 ? { width: page.height, height: page.width } : page;
  const mode = resolveScaling(scaling, shown, cell, borderlessOneUp);
  const s =
    mode === 'none'
      ? 1
      : mode === 'fit'
        ? Math.min(cell.width / shown.width, cell.height / shown.height)
        : Math.max(cell.width / shown.width, cell.height / shown.height);
  const ox = cell.x + (cell.width - shown.width * s) / 2;
  const oy = cell.y + (cell.height - shown.height * s) / 2;
  const matrix = chain(turnWithin(turns, page.width, page.height), scale(s), translate(ox, oy));
  return { turns, scale: s, matrix };
}
