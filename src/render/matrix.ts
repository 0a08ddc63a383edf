// Affine transforms in PDF form [a b c d e f] (ISO 32000-1 §8.3.3): a point
// (x, y) maps to (a·x + c·y + e, b·x + d·y + f).

export type Matrix = readonly [number, number, number, number, number, number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** The transform that applies `first`, then `second`. */
export function compose(first: Matrix, second: Matrix): Matrix {
  // Indexed, not destructured: this runs several times per page of every job.
  const a1 = first[0], b1 = first[1], c1 = first[2], d1 = first[3], e1 = first[4], f1 = first[5];
  const a2 = second[0], b2 = second[1], c2 = second[2], d2 = second[3], e2 = second[4], f2 = second[5];
  return [
    a2 * a1 + c2 * b1,
    b2 * a1 + d2 * b1,
    a2 * c1 + c2 * d1,
    b2 * c1 + d2 * d1,
    a2 * e1 + c2 * f1 + e2,
    b2 * e1 + d2 * f1 + f2,
  ];
}

export function chain(...ms: Matrix[]): Matrix {
  let acc = IDENTITY;
  for (let i = 0; i < ms.length; i++) acc = compose(acc, ms[i]!);
  return acc;
}

export function translate(x: number, y: number): Matrix {
  return [1, 0, 0, 1, x, y];
}

export function scale(sx: number, sy: number = sx): Matrix {
  return [sx, 0, 0, sy, 0, 0];
}

/**
 * Turns the box [0,w]×[0,h] counter-clockwise by `quarterTurns` × 90° and moves
 * it back to the origin, so the result covers [0,w']×[0,h'] (w', h' swapped for
 * odd turns).
 */
export function turnWithin(quarterTurns: number, w: number, h: number): Matrix {
  switch (((quarterTurns % 4) + 4) % 4) {
    case 1:
      return [0, 1, -1, 0, h, 0];
    case 2:
      return [-1, 0, 0, -1, w, h];
    case 3:
      return [0, -1, 1, 0, 0, w];
    default:
      return IDENTITY;
  }
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Bounding box of a rectangle's image (exact for quarter-turn transforms). */
export function applyToRect(m: Matrix, r: Rect): Rect {
  // The four corners as `apply` maps them, without an array per corner.
  const x0 = r.x;
  const y0 = r.y;
  const x1 = r.x + r.width;
  const y1 = r.y + r.height;
  const ax = m[0] * x0 + m[2] * y0 + m[4];
  const ay = m[1] * x0 + m[3] * y0 + m[5];
  const bx = m[0] * x1 + m[2] * y0 + m[4];
  const by = m[1] * x1 + m[3] * y0 + m[5];
  const cx = m[0] * x0 + m[2] * y1 + m[4];
  const cy = m[1] * x0 + m[3] * y1 + m[5];
  const dx = m[0] * x1 + m[2] * y1 + m[4];
  const dy = m[1] * x1 + m[3] * y1 + m[5];
  const x = Math.min(ax, bx, cx, dx);
  const y = Math.min(ay, by, cy, dy);
  return { x, y, width: Math.max(ax, bx, cx, dx) - x, height: Math.max(ay, by, cy, dy) - y };
}

/** Number formatting for content streams: short, and no exponent notation. */
export function num(n: number): string {
  if (Math.abs(n) < 1e-6) return '0';
  const s = n.toFixed(4);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

export function matrixOperands(m: Matrix): string {
  return m.map(num).join(' ');
}
