import type { Size } from './layout.js';
import type { Matrix, Rect } from './matrix.js';
import type { PDFRef } from './pdf.js';

/** One page of the input, ready to be drawn as a Form XObject. */
export interface SourcePage {
  /** 1-based page number in the document. */
  number: number;
  /** The page as displayed (after /Rotate, CropBox and /UserUnit), in points. */
  size: Size;
  /** The Form XObject's bounding box, in its own coordinates. */
  bbox: Rect;
  /** From Form XObject coordinates to the displayed page [0,w]×[0,h]. */
  toDisplayed: Matrix;
  /** Builds the Form XObject on first call; later calls return the same ref. */
  form(): PDFRef;
}

export type SourceKind = 'pdf' | 'image' | 'text';
