// What real files hold that small generated ones do not: indirect stream
// lengths, qpdf's rewritings, damage qpdf reads around, filled forms. Each is
// rendered and read back with poppler.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveConfiguration } from '../../src/core/validate-configuration.js';
import { render } from '../../src/render/render.js';
import { missingTools } from '../support/tools.js';
import { PdfBuilder } from './pdf-builder.js';
import { documentBytes, pagesPerImpression, printer, textPages } from './support.js';

const A4 = '[0 0 595.28 841.89]';
const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

async function print(bytes: Uint8Array) {
  const p = printer();
  return render({ bytes, contentType: 'application/pdf', configuration: resolveConfiguration({}, p), printer: p });
}

const words = (pdf: Uint8Array): string[][] => textPages(pdf).map((p) => p.words.map((w) => w.text));

/** `qpdf args... in out`, returning out's bytes. */
function qpdf(bytes: Uint8Array, ...args: string[]): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'printsim-qpdf-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), bytes);
    try {
      execFileSync('qpdf', [...args, path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')], { stdio: 'pipe' });
    } catch (e) {
      // Exit status 3: written, with warnings.
      if ((e as { status?: number }).status !== 3) throw e;
    }
    return new Uint8Array(readFileSync(path.join(dir, 'out.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pages qpdf finds in a file, warnings and all. */
function qpdfPageCount(bytes: Uint8Array): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'printsim-qpdf-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), bytes);
    let out: string;
    try {
      out = execFileSync('qpdf', ['--show-npages', path.join(dir, 'in.pdf')], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    } catch (e) {
      if ((e as { status?: number }).status !== 3) throw e;
      out = String((e as { stdout?: Buffer }).stdout);
    }
    return Number(out.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One A4 page showing `text`, its content stream of indirect /Length. */
function textPage(text: string, length?: (real: number) => number): Uint8Array {
  const content = `BT /F1 24 Tf 72 700 Td (${text}) Tj ET`;
  return new PdfBuilder()
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox ${A4} >>`)
    .obj(3, '<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>')
    .stream(4, '', content, '5 0 R')
    .obj(5, String(length ? length(content.length) : content.length))
    .obj(6, HELVETICA)
    .xrefTable({ root: 1 })
    .bytes();
}

describe.skipIf(missingTools('pdftotext'))('real files', () => {
  afterEach(() => void vi.restoreAllMocks());

  it('a stream of indirect /Length whose data says "endstream" prints whole', async () => {
    const r = await print(textPage('before endstream after'));
    expect(words(r.pdf)[0]).toEqual(['before', 'endstream', 'after']);
    expect(r.warnings).toEqual([]);
  });

  it('an indirect /Length that is wrong falls back to the "endstream" that ends the data', async () => {
    const r = await print(textPage('still printed', (n) => n + 40));
    expect(words(r.pdf)[0]).toEqual(['still', 'printed']);
  });

  it.skipIf(missingTools('qpdf')).each([
    ['object streams', ['--object-streams=generate']],
    ['QDF (indirect lengths, uncompressed)', ['--qdf']],
    ['linearized', ['--linearize']],
    ['linearized with object streams', ['--linearize', '--object-streams=generate']],
  ])('%s: every page prints', async (_name, args) => {
    const r = await print(qpdf(documentBytes('pages-12-a4.pdf'), ...args));
    expect(pagesPerImpression(r.pdf)).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1]));
  });

  it.skipIf(missingTools('qpdf'))('a file with a broken xref and a damaged page object keeps every page, says which one it lost', async () => {
    const qdf = Buffer.from(qpdf(documentBytes('pages-12-a4.pdf'), '--qdf', '--object-streams=disable'));
    let text = qdf.toString('latin1');
    // The xref offsets all wrong, and page 4's dictionary cut by an unbalanced string.
    text = text.replace(/\n(\d{10}) 00000 n/g, '\n0000000009 00000 n');
    const pages = [...text.matchAll(/%% Page (\d+)\n%%[^\n]*\n(\d+) 0 obj\n<<\n/g)];
    const fourth = pages.find((m) => m[1] === '4')!;
    const at = fourth.index + fourth[0].length;
    const damaged = Buffer.from(`${text.slice(0, at)}  /Oops (\n${text.slice(at)}`, 'latin1');
    expect(qpdfPageCount(damaged)).toBe(12);
    const r = await print(new Uint8Array(damaged));
    expect(r.manifest.totals.sourcePagesPrinted).toBe(12);
    // Page 4 is blank in its place; the others print as they are.
    expect(pagesPerImpression(r.pdf)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 3 ? [] : [i + 1])));
    expect(r.warnings).toEqual(['1 page(s) are damaged and cannot be read (page 4); printed blank in their place']);
  });

  it("filled form fields print their values: appearances that use the form's /DR fonts, and fields to be drawn (NeedAppearances)", async () => {
    const ap = 'BT /Helv 14 Tf 2 8 Td (FILLED-WITH-AP) Tj ET';
    const bytes = new PdfBuilder()
      .obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 7 0 R 8 0 R] /DR << /Font << /Helv 6 0 R >> >> /DA (/Helv 0 Tf 0 g) >> >>')
      .obj(2, `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox ${A4} >>`)
      .obj(3, '<< /Type /Page /Parent 2 0 R /Annots [4 0 R 7 0 R 8 0 R] >>')
      .obj(4, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (a) /V (FILLED-WITH-AP) /F 4 /Rect [50 700 350 730] /AP << /N 5 0 R >> /P 3 0 R >>')
      // An appearance without /Resources: its font is the form's /Helv.
      .stream(5, '/Type /XObject /Subtype /Form /BBox [0 0 300 30]', ap)
      .obj(6, HELVETICA)
      // A value and no appearance at all.
      .obj(7, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (b) /V (FILLED-NO-AP) /DA (/Helv 12 Tf 0 g) /F 4 /Rect [50 600 350 630] /P 3 0 R >>')
      // Hidden: never printed.
      .obj(8, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (c) /V (HIDDEN) /F 6 /Rect [50 500 350 530] /AP << /N 9 0 R >> /P 3 0 R >>')
      .stream(9, '/Type /XObject /Subtype /Form /BBox [0 0 300 30] /Resources << /Font << /Helv 6 0 R >> >>', 'BT /Helv 14 Tf 2 8 Td (HIDDEN) Tj ET')
      .xrefTable({ root: 1 })
      .bytes();
    const r = await print(bytes);
    const shown = words(r.pdf)[0];
    expect(shown).toContain('FILLED-WITH-AP');
    expect(shown).toContain('FILLED-NO-AP');
    expect(shown).not.toContain('HIDDEN');
  });

  it("pdf-lib's own messages go to the job's warnings, never to the console", async () => {
    const log = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    // Object 0 is the head of the free list (§7.5.4): pdf-lib says so when it drops one.
    const bytes = new PdfBuilder()
      .obj(0, 'null')
      .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
      .obj(2, `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox ${A4} >>`)
      .obj(3, '<< /Type /Page /Parent 2 0 R >>')
      .xrefTable({ root: 1 })
      .bytes();
    const r = await print(bytes);
    expect(log).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
    expect(r.warnings).toEqual(['the PDF reader worked around damage in the file: Removing parsed object: 0 0 R']);
  });
});
