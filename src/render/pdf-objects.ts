// Small readers for loaded PDF objects: values may be indirect, and a damaged
// file may hold the wrong type anywhere.
import { PDFArray, type PDFContext, PDFDict, PDFName, PDFNumber, type PDFObject } from './pdf.js';

export function resolve(context: PDFContext, obj: PDFObject | undefined): PDFObject | undefined {
  if (obj === undefined) return undefined;
  try {
    return context.lookup(obj);
  } catch {
    return undefined;
  }
}

export function dictOf(context: PDFContext, obj: PDFObject | undefined): PDFDict | undefined {
  const o = resolve(context, obj);
  return o instanceof PDFDict ? o : undefined;
}

export function arrayOf(context: PDFContext, obj: PDFObject | undefined): PDFArray | undefined {
  const o = resolve(context, obj);
  return o instanceof PDFArray ? o : undefined;
}

export function numberOf(context: PDFContext, obj: PDFObject | undefined): number | undefined {
  const o = resolve(context, obj);
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

export function nameOf(context: PDFContext, obj: PDFObject | undefined): string | undefined {
  const o = resolve(context, obj);
  return o instanceof PDFName ? o.decodeText() : undefined;
}

/** A PDF rectangle [llx lly urx ury], normalised so x0 < x1 and y0 < y1. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function boxOf(context: PDFContext, obj: PDFObject | undefined): Box | undefined {
  const arr = arrayOf(context, obj);
  if (!arr || arr.size() !== 4) return undefined;
  const v = arr.asArray().map((o) => numberOf(context, o));
  if (v.some((n) => n === undefined || !Number.isFinite(n))) return undefined;
  const [a, b, c, d] = v as number[];
  return { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
}

export const names = {
  Type: PDFName.of('Type'),
  Subtype: PDFName.of('Subtype'),
  Pages: PDFName.of('Pages'),
  Kids: PDFName.of('Kids'),
  Contents: PDFName.of('Contents'),
  Resources: PDFName.of('Resources'),
  MediaBox: PDFName.of('MediaBox'),
  CropBox: PDFName.of('CropBox'),
  Rotate: PDFName.of('Rotate'),
  UserUnit: PDFName.of('UserUnit'),
  Group: PDFName.of('Group'),
  Annots: PDFName.of('Annots'),
  Filter: PDFName.of('Filter'),
  DecodeParms: PDFName.of('DecodeParms'),
  BBox: PDFName.of('BBox'),
  Matrix: PDFName.of('Matrix'),
  Rect: PDFName.of('Rect'),
  F: PDFName.of('F'),
  AP: PDFName.of('AP'),
  AS: PDFName.of('AS'),
  N: PDFName.of('N'),
} as const;
