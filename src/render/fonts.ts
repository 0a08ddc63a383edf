import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Fontkit, PDFDocument, PDFFont } from './pdf.js';

// The renderer's only file read: the bundled font, loaded once on first use.
// fontkit is imported on first use too: it takes longer to load than a
// typical PDF job takes to render, and only text and proof marks need it.
let monoBytes: Uint8Array | undefined;
type FontkitModule = typeof import('@pdf-lib/fontkit');
let fontkitModule: Promise<FontkitModule> | undefined;

function loadFontkit(): Promise<FontkitModule> {
  fontkitModule ??= import('@pdf-lib/fontkit').then((m) => ((m as { default?: FontkitModule }).default ?? m) as FontkitModule);
  return fontkitModule;
}

/** DejaVu Sans Mono (Latin, Greek, Cyrillic), from the dejavu-fonts-ttf package. */
export function monospaceFontBytes(): Uint8Array {
  if (!monoBytes) {
    const path = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf');
    monoBytes = new Uint8Array(readFileSync(path));
  }
  return monoBytes;
}

// @cantoo/pdf-lib calls `subset.encode()` with no argument when it exists, but
// @pdf-lib/fontkit's `encode` wants a stream and its `encodeStream()` is the
// entry point; hiding `encode` makes pdf-lib take the stream path.
function subsettingFontkit(fontkit: FontkitModule): Fontkit {
  return {
    create(buffer: Uint8Array, postscriptName?: string) {
      const font = fontkit.create(buffer, postscriptName);
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () =>
        new Proxy(createSubset(), {
          get(target, key) {
            if (key === 'encode') return undefined;
            const value: unknown = Reflect.get(target, key);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      return font as unknown as ReturnType<Fontkit['create']>;
    },
  };
}

const embedded = new WeakMap<PDFDocument, Promise<PDFFont>>();

/** Embeds DejaVu Sans Mono once per document, subset, under a fixed name so output is byte-stable. */
export function embedMonospaceFont(doc: PDFDocument): Promise<PDFFont> {
  let font = embedded.get(doc);
  if (!font) {
    font = loadFontkit().then((fontkit) => {
      doc.registerFontkit(subsettingFontkit(fontkit));
      // Six capitals and '+' mark a subset font (ISO 32000-1 §9.6.4).
      return doc.embedFont(monospaceFontBytes(), { subset: true, customName: 'PSIMMO+DejaVuSansMono' });
    });
    embedded.set(doc, font);
  }
  return font;
}

let coverage: Promise<(codePoint: number) => boolean> | undefined;

/** Tells whether the bundled monospace font draws a code point (else a .notdef box prints). */
export function monospaceCoverage(): Promise<(codePoint: number) => boolean> {
  coverage ??= loadFontkit().then((fontkit) => {
    const font = fontkit.create(monospaceFontBytes());
    return (codePoint: number) => font.hasGlyphForCodePoint(codePoint);
  });
  return coverage;
}
