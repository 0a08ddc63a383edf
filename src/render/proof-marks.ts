// Proof marks: a label band on each impression and the finishing positions
// (staples, punch holes, binding and stitching edges, folds) drawn where they
// land on the sheet. Off by default: the output is otherwise what paper shows.
import type { PrintFinishing } from '../model/print-types.js';
import type { Size } from './layout.js';
import { type Matrix, apply, matrixOperands, num } from './matrix.js';
import type { PDFFont } from './pdf.js';

/** Height of the label band, reserved at the top of each side when proof marks are on. */
export const PROOF_BAND = 10;
const LABEL_SIZE = 6;
const ADVANCE = (1233 / 2048) * LABEL_SIZE;
const MM = 72 / 25.4;

type Edge = 'Left' | 'Top' | 'Right' | 'Bottom';

// Generic members take the usual position (PWG 5100.1 §5: 'staple' and
// 'punch' leave the position to the printer).
const GENERIC: Partial<Record<PrintFinishing, PrintFinishing>> = {
  staple: 'stapleTopLeft',
  punch: 'punchDualLeft',
  stitchEdge: 'stitchLeftEdge',
  bind: 'bindLeft',
  fold: 'foldHalf',
};

function edgePoints(edge: Edge, frame: Size, inset: number, fractions: number[]): Array<[number, number]> {
  const { width: w, height: h } = frame;
  return fractions.map((f) => {
    switch (edge) {
      case 'Left': return [inset, h * (1 - f)];
      case 'Right': return [w - inset, h * (1 - f)];
      case 'Top': return [w * f, h - inset];
      case 'Bottom': return [w * f, inset];
    }
  });
}

/** Hole centres spaced `spacing` points apart, centred on the edge (ISO 838 style). */
function holeFractions(length: number, offsets: number[]): number[] {
  return offsets.map((o) => Math.min(0.95, Math.max(0.05, 0.5 + o / length)));
}

function segment(m: Matrix, x1: number, y1: number, x2: number, y2: number): string {
  const [a, b] = apply(m, x1, y1);
  const [c, d] = apply(m, x2, y2);
  return `${num(a)} ${num(b)} m ${num(c)} ${num(d)} l S\n`;
}

function circle(m: Matrix, x: number, y: number, r: number): string {
  const [cx, cy] = apply(m, x, y);
  const k = 0.5523 * r;
  return (
    `${num(cx + r)} ${num(cy)} m ` +
    `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c ` +
    `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c ` +
    `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c ` +
    `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c b\n`
  );
}

/**
 * Operators drawing each finishing's position. `frame` is the content frame
 * (positions such as top-left are read in it, PWG 5100.1 §5.2 "relative to the
 * orientation of the document"); `toPage` maps frame coordinates to the output page.
 */
export function finishingMarks(finishings: readonly PrintFinishing[], frame: Size, toPage: Matrix): string {
  let ops = '';
  const staple = (x: number, y: number, dx: number, dy: number) => {
    ops += segment(toPage, x - dx * 7, y - dy * 7, x + dx * 7, y + dy * 7);
  };
  for (const requested of finishings) {
    const f = GENERIC[requested] ?? requested;
    let m: RegExpExecArray | null;
    if ((m = /^staple(Top|Bottom)(Left|Right)$/.exec(f))) {
      const x = m[2] === 'Left' ? 14 : frame.width - 14;
      const y = m[1] === 'Top' ? frame.height - 14 : 14;
      const rising = (m[1] === 'Top') === (m[2] === 'Left');
      staple(x, y, Math.SQRT1_2, rising ? Math.SQRT1_2 : -Math.SQRT1_2);
    } else if ((m = /^staple(Dual|Triple)(Left|Top|Right|Bottom)$/.exec(f))) {
      const edge = m[2] as Edge;
      const fractions = m[1] === 'Dual' ? [0.25, 0.75] : [1 / 6, 0.5, 5 / 6];
      const vertical = edge === 'Left' || edge === 'Right';
      for (const [x, y] of edgePoints(edge, frame, 12, fractions)) staple(x, y, vertical ? 0 : 1, vertical ? 1 : 0);
    } else if (f === 'saddleStitch') {
      for (const [x, y] of edgePoints('Top', frame, frame.height * 0.25, [0.5])) staple(x, y, 0, 1);
      for (const [x, y] of edgePoints('Bottom', frame, frame.height * 0.25, [0.5])) staple(x, y, 0, 1);
    } else if ((m = /^punch(Top|Bottom)(Left|Right)$/.exec(f))) {
      ops += circle(toPage, m[2] === 'Left' ? 12 * MM : frame.width - 12 * MM, m[1] === 'Top' ? frame.height - 12 * MM : 12 * MM, 3 * MM);
    } else if ((m = /^punch(Dual|Triple|Quad)(Left|Top|Right|Bottom)$/.exec(f))) {
      const edge = m[2] as Edge;
      const length = edge === 'Left' || edge === 'Right' ? frame.height : frame.width;
      // ISO 838: two holes 80 mm apart; US three-hole 4.25 in apart; four holes 80 mm apart.
      const offsets = m[1] === 'Dual' ? [-40 * MM, 40 * MM] : m[1] === 'Triple' ? [-108 * MM, 0, 108 * MM] : [-120 * MM, -40 * MM, 40 * MM, 120 * MM];
      for (const [x, y] of edgePoints(edge, frame, 12 * MM, holeFractions(length, offsets))) ops += circle(toPage, x, y, 3 * MM);
    } else if ((m = /^(stitch|bind)(Left|Top|Right|Bottom)(Edge)?$/.exec(f))) {
      const edge = m[2] as Edge;
      const [[x1, y1], [x2, y2]] = edgePoints(edge, frame, m[1] === 'bind' ? 4 : 10, [0.02, 0.98]);
      ops += `q ${m[1] === 'bind' ? '4 w' : '1 w [4 3] 0 d'} ${segment(toPage, x1, y1, x2, y2)}Q\n`;
    } else if (f.startsWith('fold')) {
      const thirds = f === 'foldLetter' || f === 'foldZ' || f === 'foldHalfZ' || f === 'foldEngineeringZ';
      const fractions = thirds ? [1 / 3, 2 / 3] : f === 'foldGate' || f === 'foldDoubleGate' ? [0.25, 0.5, 0.75] : [0.5];
      const across = frame.height >= frame.width;
      for (const t of fractions) {
        ops += across
          ? `q 0.5 w [6 3] 0 d ${segment(toPage, 0, frame.height * t, frame.width, frame.height * t)}Q\n`
          : `q 0.5 w [6 3] 0 d ${segment(toPage, frame.width * t, 0, frame.width * t, frame.height)}Q\n`;
      }
    }
  }
  return ops === '' ? '' : `q 0 G 0.85 g 1.5 w\n${ops}Q\n`;
}

/** The label band: one line of text in the reserved band at the top of the side. */
export function labelBand(font: PDFFont, sheet: Size, sideToPage: Matrix, text: string): string {
  const maxChars = Math.max(4, Math.floor((sheet.width - 8) / ADVANCE));
  const shown = [...text].length > maxChars ? [...text].slice(0, maxChars - 1).join('') + '…' : text;
  const y = sheet.height - PROOF_BAND;
  return (
    `q ${matrixOperands(sideToPage)} cm 0.92 g 0 ${num(y)} ${num(sheet.width)} ${PROOF_BAND} re f ` +
    `BT 0 g /PsimF0 ${LABEL_SIZE} Tf 4 ${num(y + 2.6)} Td ${font.encodeText(shown).toString()} Tj ET Q\n`
  );
}

/** "1-4", "1, 3, 5-7": a compact list of page numbers. */
export function pageList(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    parts.push(j === i ? `${pages[i]}` : `${pages[i]}-${pages[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
