// Filled form fields print with their values, as a printer flattens them
// (ISO 32000-1 §12.7.3.3 variable text, §12.5.5 appearance streams): a
// widget's normal appearance is drawn with the page (page-form.ts). Two
// things get in the way in real files: appearance streams that leave out
// /Resources and name the fonts of the form's default resources (/DR), which
// the imposed document no longer carries once the catalog is rewritten; and
// fields with a value but no appearance, or a form saying NeedAppearances
// (§12.7.2), whose appearances the viewer is meant to build.
import { PDFBool, PDFDict, type PDFDocument, PDFName, type PDFObject, PDFStream } from './pdf.js';
import { arrayOf, dictOf, names, resolve } from './pdf-objects.js';

const ACRO_FORM = PDFName.of('AcroForm');
const DR = PDFName.of('DR');
const FIELDS = PDFName.of('Fields');
const KIDS = PDFName.of('Kids');
const V = PDFName.of('V');
const NEED_APPEARANCES = PDFName.of('NeedAppearances');

/** Makes every filled field drawable from its widgets' appearances; returns warnings for what could not be. */
export function prepareFormAppearances(doc: PDFDocument): string[] {
  const { context } = doc;
  const acroForm = dictOf(context, doc.catalog.get(ACRO_FORM));
  if (!acroForm) return [];
  const warnings: string[] = [];
  const need = resolve(context, acroForm.get(NEED_APPEARANCES));
  const rebuildAll = need instanceof PDFBool && need.asBoolean();
  let missing = false;
  const dr = dictOf(context, acroForm.get(DR));
  const widgets: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const walk = (v: PDFObject, depth: number): void => {
    const field = dictOf(context, v);
    if (!field || seen.has(field) || depth > 32) return;
    seen.add(field);
    const kids = arrayOf(context, field.get(KIDS));
    if (kids) for (const kid of kids.asArray()) walk(kid, depth + 1);
    if (field.has(names.Subtype) || field.has(names.Rect)) widgets.push(field);
    if (!kids && field.get(V) !== undefined && !dictOf(context, field.get(names.AP))) missing = true;
  };
  for (const f of arrayOf(context, acroForm.get(FIELDS))?.asArray() ?? []) walk(f, 0);
  if (rebuildAll || missing) {
    try {
      const form = doc.getForm();
      if (rebuildAll) for (const field of form.getFields()) form.markFieldAsDirty(field.ref);
      form.updateFieldAppearances();
    } catch (e) {
      warnings.push(`form field appearances could not be built (${e instanceof Error ? e.message : String(e)}); fields print as the file draws them`);
    }
  }
  // Appearance streams without resources take the form's default resources.
  if (dr) {
    for (const widget of widgets) {
      const ap = dictOf(context, widget.get(names.AP));
      const normal = resolve(context, ap?.get(names.N));
      const streams = normal instanceof PDFStream ? [normal] : normal instanceof PDFDict ? normal.values().map((s) => resolve(context, s)) : [];
      for (const s of streams) if (s instanceof PDFStream && !s.dict.has(names.Resources)) s.dict.set(names.Resources, dr);
    }
  }
  return warnings;
}
