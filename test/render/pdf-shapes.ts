// PDFs in the shapes the page-tree scan (src/render/scan-pdf.ts) must read as
// pdf-lib's whole load reads them, made with PdfBuilder. `plain` ones hold A4
// pages only and nothing the render drops, so they print as their own bytes.
import { CONTENT, PdfBuilder } from './pdf-builder.js';

const A4 = '[0 0 595.28 841.89]';

export interface Shape {
  bytes: Uint8Array;
  /** The scan answers for it (it reads simply). */
  answered: boolean;
  /** A4, plain: the job renderer hands it back as its own output (after the whole load, when not answered). */
  unchanged?: boolean;
}

/** Attributes inherited from Pages nodes (ISO 32000-1 §7.7.3.4), an indirect MediaBox and an indirect number in one, classic xref. */
function inherited(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 4 /MediaBox ${A4} /Rotate 90 /CropBox [10 10 500 800] /Resources << /ProcSet [/PDF] >> >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>')
    .obj(4, '<< /Type /Pages /Parent 2 0 R /Kids [7 0 R] /Count 1 /MediaBox [0 0 612 792] /Rotate -90 >>')
    .obj(7, '<< /Type /Page /Parent 4 0 R /CropBox [0 0 300 300] /UserUnit 2 >>')
    .obj(5, '<< /Type /Page /Parent 2 0 R /Rotate 45 /MediaBox 8 0 R >>')
    .obj(8, '[0 0 9 0 R 400.5]')
    .obj(9, '300')
    .stream(6, '', CONTENT);
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** The whole page tree in an object stream, an xref stream with the PNG Up predictor (§7.4.4.4). */
function objectStreams(predictor: boolean): Shape {
  const b = new PdfBuilder()
    .stream(5, '', CONTENT)
    .stream(6, '/Filter /FlateDecode', Buffer.from('x\x9c\x03\x00\x00\x00\x00\x01', 'latin1'))
    .objectStream(10, [
      [1, '<< /Type /Catalog /Pages 2 0 R >>'],
      [2, `<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox ${A4} >>`],
      [3, '<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Annots [] >>'],
      [4, '<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>'],
    ]);
  return { bytes: b.xrefStream(11, { root: 1, predictor }).bytes(), answered: true, unchanged: true };
}

/** An incremental update (§7.5.6): a page redefined with another size, a page added. */
function updated(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>')
    .obj(3, `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Contents 5 0 R >>`)
    .obj(4, `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} >>`)
    .stream(5, '', CONTENT)
    .xrefTable({ root: 1 })
    .obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>')
    .obj(6, `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} >>`)
    .obj(2, '<< /Type /Pages /Kids [3 0 R 4 0 R 6 0 R] /Count 3 >>')
    .xrefTable({ root: 1 });
  return { bytes: b.bytes(), answered: true };
}

/** An update whose xref stream puts a changed page in a new object stream. */
function updatedObjectStreams(): Shape {
  const b = new PdfBuilder()
    .stream(5, '', CONTENT)
    .objectStream(10, [
      [1, '<< /Type /Catalog /Pages 2 0 R >>'],
      [2, `<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox ${A4} >>`],
      [3, '<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>'],
      [4, '<< /Type /Page /Parent 2 0 R >>'],
    ])
    .xrefStream(11, { root: 1 })
    .objectStream(12, [[4, '<< /Type /Page /Parent 2 0 R /Rotate 180 >>']])
    .xrefStream(13, { root: 1, predictor: true });
  return { bytes: b.bytes(), answered: true };
}

/** Names with #xx escapes (§7.3.5), decoded twice as pdf-lib does: /Media#2342ox is /MediaBox there. */
function escapedNames(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catal#6fg /Pages 2 0 R >>')
    .obj(2, '<< /Type /Pages /Kids [3 0 R 4 0 R 6 0 R] /Count 3 >>')
    .obj(3, '<< /Type /Pag#65 /Parent 2 0 R /Media#42ox [0 0 595.28 841.89] >>')
    .obj(4, '<< /Type /Page /Parent 2 0 R /Media#2342ox [0 0 612 792] /Rot#61te 90 >>')
    .obj(6, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Media#62ox [0 0 200 200] /#4dediaBox [0 0 300 300] >>')
    .stream(5, '', CONTENT);
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** No /Type in the page tree: nodes with /Kids are nodes, the rest pages. */
function untyped(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Kids [3 0 R 4 0 R] /MediaBox ${A4} >>`)
    .obj(3, '<< /Contents 5 0 R >>')
    .obj(4, '<< /Kids [6 0 R 3 0 R 2 0 R] >>')
    .obj(6, '<< /MediaBox [0 0 0 0] >>')
    .stream(5, '', CONTENT);
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** Content streams with an indirect /Length: pdf-lib searches for "endstream" instead. */
function indirectLengths(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>')
    .stream(5, '', CONTENT, '7 0 R')
    .obj(7, String(CONTENT.length))
    .stream(8, '', `${CONTENT}\r\n`, '9 0 R')
    .obj(9, String(CONTENT.length + 2))
    .obj(4, '<< /Type /Page /Parent 2 0 R /Contents 8 0 R >>');
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** ... and one whose data says "stream": read to its indirect /Length, not taken for a nested stream. */
function streamInData(): Shape {
  const data = 'BT /F1 12 Tf (a stream of text) Tj ET';
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>')
    .stream(5, '', data, '7 0 R')
    .obj(7, String(data.length));
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** A trailer with /XRefStm (§7.5.8.4) after an xref stream: pdf-lib reads both. */
function hybrid(): Shape {
  const b = new PdfBuilder()
    .stream(5, '', CONTENT)
    .objectStream(10, [
      [2, `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox ${A4} >>`],
      [3, '<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>'],
    ]);
  const stream = b.offset;
  b.xrefStream(11, { root: 1 }).obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  return { bytes: b.xrefTable({ root: 1, extra: `/XRefStm ${stream}` }).bytes(), answered: true, unchanged: true };
}

/** An object defined twice with no update between: pdf-lib keeps the later, whatever the xref says. */
function definedTwice(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>')
    .obj(3, `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} >>`);
  b.raw('3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n');
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** A /Length that runs to a later stream's end: pdf-lib takes the page between as stream data. */
function swallowed(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>');
  const tail = `\nendstream\nendobj\n5 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>\nendobj\n6 0 obj\n<< /Length ${CONTENT.length} >>\nstream\n${CONTENT}`;
  b.raw(`4 0 obj\n<< /Length ${CONTENT.length + tail.length} >>\nstream\n${CONTENT}${tail}\nendstream\nendobj\n`);
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** Kids that repeat a page, point back up the tree or at nothing. */
function oddKids(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R 3 0 R 2 0 R 99 0 R 1.5 0 R 4 0 R null 7] /Count 2 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R >>')
    .obj(4, '<< /Type /Page /Parent 2 0 R /Kids 5 0 R >>')
    .obj(5, '[3 0 R]');
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** What makes a file not plain: catalog entries the render drops, annotations. */
function notPlain(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R /Lang (en) >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R /Annots 5 0 R >>')
    .obj(4, '<< /Type /Page /Parent 2 0 R /Annots [] >>')
    .obj(5, '[<< /Type /Annot /Subtype /Square /Rect [0 0 10 10] >>]')
    .obj(6, '<< /Type /Outlines /Count 0 >>');
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** Lexical odds (§7.2): CR-only lines, comments between tokens, strings with parentheses and escapes, "stream" + CR LF. */
function lexical(): Shape {
  const b = new PdfBuilder('%PDF-1.4\r%\xe2\xe3\xcf\xd3\r')
    .raw('1 0 obj %the catalog\r<< /Type /Catalog %a comment\r /Pages 2 0 R >>\rendobj\r')
    .obj(2, `<</Type/Pages/Kids[3 0 R]/Count 1/MediaBox${A4}/Title(a (nested\\) \\\\) string)/X <414243> /Y true/Z null/W[-.5 +1 2.]>>`)
    .obj(3, '<</Type/Page/Parent 2 0 R/Contents 4 0 R/Rotate%comment\r270>>')
    .raw(`4 0 obj\r<< /Length ${CONTENT.length} >>\rstream\r\n${CONTENT}\r\nendstream\rendobj\r`);
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true };
}

/** A /Root that is not a catalog: pdf-lib looks for one, the scan leaves that to it. */
function notACatalog(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R >>')
    .obj(4, '<< /Type /Catalog /Pages 2 0 R >>');
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: false, unchanged: true };
}

/** Bytes after %%EOF that pdf-lib skips: left to it. */
function trailingJunk(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R >>')
    .xrefTable({ root: 1 })
    .raw('\x00\x00garbage from a mail gateway\n');
  return { bytes: b.bytes(), answered: false, unchanged: true };
}

/** A plain A4 document with a classic table. */
function plainA4(): Shape {
  const b = new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>')
    .obj(4, '<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>')
    .stream(5, '', CONTENT);
  return { bytes: b.xrefTable({ root: 1 }).bytes(), answered: true, unchanged: true };
}

export const SHAPES: Record<string, () => Shape> = {
  'inherited attributes, classic xref': inherited,
  'page tree in an object stream, xref stream': () => objectStreams(false),
  'page tree in an object stream, predicted xref stream': () => objectStreams(true),
  'an incremental update': updated,
  'an update with object streams': updatedObjectStreams,
  'escaped names': escapedNames,
  'a page tree without /Type': untyped,
  'indirect stream lengths': indirectLengths,
  '"stream" in the data of a stream of indirect length': streamInData,
  'a hybrid file': hybrid,
  'an object defined twice': definedTwice,
  'a length that swallows a page': swallowed,
  'odd kids': oddKids,
  'not plain': notPlain,
  'lexical odds': lexical,
  'a root that is not a catalog': notACatalog,
  'junk after %%EOF': trailingJunk,
  'plain A4': plainA4,
};
