// text/plain as pages: UTF-8, DejaVu Sans Mono 10 pt on 12 pt lines, tabs
// every 8 columns, long lines wrapped, form feed starts a new page.
import { embedMonospaceFont, monospaceCoverage } from './fonts.js';
import type { Size } from './layout.js';
import { num } from './matrix.js';
import type { PDFDocument, PDFRef } from './pdf.js';
import { RenderError } from './render-error.js';
import type { SourcePage } from './source-page.js';

export const TEXT_FONT_SIZE = 10;
export const TEXT_LINE_HEIGHT = 12;
/** White space kept inside the printable area, so text never touches a borderless edge. */
export const TEXT_PADDING = 18;
// DejaVu Sans Mono advance: 1233 of 2048 units per em.
const ADVANCE = (1233 / 2048) * TEXT_FONT_SIZE;
const TAB = 8;

export interface TextGrid {
  columns: number;
  lines: number;
}

export function textGrid(page: Size): TextGrid {
  return {
    columns: Math.max(1, Math.floor((page.width - 2 * TEXT_PADDING) / ADVANCE)),
    lines: Math.max(1, Math.floor((page.height - 2 * TEXT_PADDING) / TEXT_LINE_HEIGHT)),
  };
}

export interface DecodedText {
  text: string;
  warnings: string[];
}

export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), warnings: [] };
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      warnings: ['the text is not valid UTF-8; the bytes that are not print as \uFFFD'],
    };
  }
}

/** Splits text into pages of display lines (each a string of at most `columns` characters). */
export function paginate(text: string, grid: TextGrid): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  const pushLine = (line: string) => {
    if (page.length === grid.lines) {
      pages.push(page);
      page = [];
    }
    page.push(line);
  };
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const sheets = normalised.split('\f');
  sheets.forEach((sheet, s) => {
    if (s > 0) {
      pages.push(page);
      page = [];
    }
    if (sheet === '' && s > 0) return;
    for (const raw of sheet.split('\n')) {
      const chars: string[] = [];
      for (const ch of raw) {
        if (ch === '\t') {
          const pad = TAB - (chars.length % TAB);
          for (let i = 0; i < pad; i++) chars.push(' ');
        } else if (ch >= ' ' && !(ch >= '\u007f' && ch <= '\u009f')) {
          chars.push(ch);
        }
      }
      if (chars.length === 0) pushLine('');
      for (let at = 0; at < chars.length; at += grid.columns) pushLine(chars.slice(at, at + grid.columns).join(''));
    }
  });
  if (page.length > 0) pages.push(page);
  return pages;
}

/** Lays out a text document on pages of `pageSize` (the printable area). */
export async function loadText(doc: PDFDocument, bytes: Uint8Array, pageSize: Size): Promise<{ pages: SourcePage[]; warnings: string[] }> {
  const { text, warnings } = decodeText(bytes);
  if (text.replace(/^\uFEFF/, '') === '') throw new RenderError('nothingToPrint', 'the text document is empty');
  const pages = paginate(text.replace(/^\uFEFF/, ''), textGrid(pageSize));
  const missing = new Set<string>();
  const monospaceHasGlyph = await monospaceCoverage();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x20 && cp !== 0xfeff && !monospaceHasGlyph(cp)) missing.add(ch);
  }
  if (missing.size > 0) {
    const sample = [...missing].slice(0, 8).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    warnings.push(`${missing.size} character(s) are not in the bundled font (DejaVu Sans Mono) and print as boxes: ${sample.join(', ')}${missing.size > 8 ? ', …' : ''}`);
  }
  const font = await embedMonospaceFont(doc);
  const { context } = doc;
  const { width, height } = pageSize;
  const top = height - TEXT_PADDING - 9;
  const resources = context.obj({ Font: context.obj({ F0: font.ref }) });
  const sources = pages.map((lines, i): SourcePage => {
    let ref: PDFRef | undefined;
    return {
      number: i + 1,
      size: { width, height },
      bbox: { x: 0, y: 0, width, height },
      toDisplayed: [1, 0, 0, 1, 0, 0],
      form: () => {
        if (ref) return ref;
        let ops = `BT /F0 ${TEXT_FONT_SIZE} Tf ${TEXT_LINE_HEIGHT} TL ${num(TEXT_PADDING)} ${num(top)} Td\n`;
        for (const line of lines) ops += line.trim() === '' ? 'T*\n' : `${font.encodeText(line).toString()} Tj T*\n`;
        ops += 'ET';
        ref = context.register(
          context.flateStream(new TextEncoder().encode(ops), {
            Type: 'XObject',
            Subtype: 'Form',
            BBox: context.obj([0, 0, width, height]),
            Resources: resources,
          }),
        );
        return ref;
      },
    };
  });
  return { pages: sources, warnings };
}
