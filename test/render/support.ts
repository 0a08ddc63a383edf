// Shared helpers for the renderer's page-level tests: fixtures, rendering, and
// reading the output back with poppler (pdftotext -bbox, pdftoppm).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EffectiveConfiguration, PrintJobConfiguration } from '../../src/model/print-types.js';
import type { PrinterDefinition } from '../../src/model/printer-definition.js';
import { bundledPrintersDir, loadPrinterDefinitions } from '../../src/core/printer-definitions.js';
import { resolveConfiguration } from '../../src/core/validate-configuration.js';
import { PDFDocument } from '../../src/render/pdf.js';
import { type RenderResult, render } from '../../src/render/render.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function documentBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(root, 'fixtures/documents', name)));
}

export function jobConfig(name: string): PrintJobConfiguration {
  return JSON.parse(readFileSync(path.join(root, 'fixtures/configs', `${name}.json`), 'utf8')) as PrintJobConfiguration;
}

let printers: PrinterDefinition[] | undefined;
export function printer(name = 'office-color'): PrinterDefinition {
  printers ??= loadPrinterDefinitions(bundledPrintersDir());
  const p = printers.find((x) => x.name === name);
  if (!p) throw new Error(`no bundled printer ${name}`);
  return p;
}

/** margin 0 on every side: borderless printing, which the bundled office-color printer offers. */
export const BORDERLESS = { top: 0, bottom: 0, left: 0, right: 0 };

export const TYPES: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', txt: 'text/plain' };

export interface RenderOptions {
  printerName?: string;
  proof?: boolean;
  /** Ask for margins of 0 (borderless), for tests about layout arithmetic rather than the printer's margins. */
  borderless?: boolean;
  /** Applied after the printer's defaults (to reach cases validation forbids). */
  override?: Partial<EffectiveConfiguration>;
}

/** Renders a fixture document with a fixture config name or an inline configuration. */
export async function renderFixture(doc: string, config: string | PrintJobConfiguration, options: RenderOptions = {}): Promise<RenderResult> {
  const p = printer(options.printerName);
  const named = typeof config === 'string' ? jobConfig(config) : config;
  const job = options.borderless ? { ...named, margin: BORDERLESS } : named;
  const configuration = { ...resolveConfiguration(job, p), ...options.override };
  return render({
    bytes: documentBytes(doc),
    contentType: TYPES[doc.split('.').pop()!]!,
    configuration,
    printer: p,
    documentName: doc,
    ...(options.proof ? { proof: true } : {}),
  });
}

function withTempFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'printsim-render-test-'));
  try {
    const file = path.join(dir, 'out.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface TextPage {
  width: number;
  height: number;
  words: Word[];
}

/** Words with their boxes, per page (pdftotext -bbox: origin top-left, y down). */
export function textPages(pdf: Uint8Array): TextPage[] {
  const html = withTempFile(pdf, (file) => execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const pages: TextPage[] = [];
  for (const line of html.split('\n')) {
    const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (page) pages.push({ width: Number(page[1]), height: Number(page[2]), words: [] });
    const w = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line);
    if (w) pages.at(-1)!.words.push({ xMin: +w[1], yMin: +w[2], xMax: +w[3], yMax: +w[4], text: w[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') });
  }
  return pages;
}

export interface Landing {
  page: number;
  /** Centre of the big page number, as a fraction of the output page (0,0 = top-left). */
  x: number;
  y: number;
  /** Counter-clockwise turn of the source page as seen on the output page. */
  rotation: 0 | 90 | 180 | 270;
  /** Height of the number's box along the page's own up direction, in points. */
  size: number;
}

/** Where each source page's big number landed on one output page, and which way up. */
export function landings(page: TextPage): Landing[] {
  const out: Landing[] = [];
  for (const w of page.words) {
    if (!/^\d+$/.test(w.text)) continue;
    const top = page.words.find((t) => t.text === `top-${w.text}`);
    if (!top) continue;
    const cx = (w.xMin + w.xMax) / 2;
    const cy = (w.yMin + w.yMax) / 2;
    const dx = (top.xMin + top.xMax) / 2 - cx;
    const dy = (top.yMin + top.yMax) / 2 - cy;
    const rotation = Math.abs(dy) >= Math.abs(dx) ? (dy < 0 ? 0 : 180) : dx < 0 ? 90 : 270;
    const size = rotation === 0 || rotation === 180 ? w.yMax - w.yMin : w.xMax - w.xMin;
    out.push({ page: Number(w.text), x: cx / page.width, y: cy / page.height, rotation, size });
  }
  return out.sort((a, b) => a.page - b.page);
}

/** Source page numbers on each output page, in page-number order. */
export function pagesPerImpression(pdf: Uint8Array): number[][] {
  return textPages(pdf).map((p) => landings(p).map((l) => l.page));
}

export interface Pixels {
  width: number;
  height: number;
  /** RGB bytes, row by row from the top. */
  data: Uint8Array;
}

/** Renders one output page with pdftoppm. */
export function pixels(pdf: Uint8Array, page: number, dpi = 20): Pixels {
  const ppm = withTempFile(pdf, (file) =>
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file], { maxBuffer: 256 << 20 }),
  );
  // P6 header: magic, width, height, maxval, each followed by whitespace.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a P6 image');
  return { width: Number(header[1]), height: Number(header[2]), data: new Uint8Array(ppm.subarray(header[0].length)) };
}

export function pixelAt(img: Pixels, fx: number, fy: number): [number, number, number] {
  const x = Math.min(img.width - 1, Math.floor(fx * img.width));
  const y = Math.min(img.height - 1, Math.floor(fy * img.height));
  const i = (y * img.width + x) * 3;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}

/** Pixels whose channels differ (anything not a neutral grey). */
export function colouredPixels(img: Pixels): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 3) if (img.data[i] !== img.data[i + 1] || img.data[i + 1] !== img.data[i + 2]) n++;
  return n;
}

/** Output page sizes [width, height] in points, read back with pdf-lib. */
export async function pageSizes(pdf: Uint8Array): Promise<Array<[number, number]>> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((p) => {
    const { width, height } = p.getSize();
    return [Math.round(width * 100) / 100, Math.round(height * 100) / 100];
  });
}
