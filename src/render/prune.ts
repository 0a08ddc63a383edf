// Drops every indirect object the new document no longer reaches (the source's
// page tree, outlines, form fields, structure tree...), so imposing in place
// costs no copying yet writes nothing stale.
import { PDFArray, type PDFContext, PDFDict, type PDFObject, PDFRef, PDFStream } from './pdf.js';

export function pruneUnreachable(context: PDFContext): number {
  const reached = new Set<PDFRef>();
  const stack: PDFObject[] = [];
  for (const root of [context.trailerInfo.Root, context.trailerInfo.Info]) if (root) stack.push(root);
  while (stack.length > 0) {
    const obj = stack.pop()!;
    if (obj instanceof PDFRef) {
      if (reached.has(obj)) continue;
      reached.add(obj);
      const target = context.lookup(obj);
      if (target) stack.push(target);
    } else if (obj instanceof PDFStream) {
      stack.push(obj.dict);
    } else if (obj instanceof PDFDict) {
      for (const v of obj.values()) stack.push(v);
    } else if (obj instanceof PDFArray) {
      for (let i = 0, n = obj.size(); i < n; i++) stack.push(obj.get(i));
    }
  }
  let dropped = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reached.has(ref)) {
      context.delete(ref);
      dropped++;
    }
  }
  return dropped;
}
