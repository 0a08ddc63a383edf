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
  const pts = [
    apply(m, r.x, r.y),
    apply(m, r.x + r.width, r.y),
    apply(m, r.x, r.y + r.height),
    apply(m, r.x + r.width, r.y + r.height),
  ];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
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
