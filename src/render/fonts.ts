import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Fontkit, PDFDocument, PDFFont } from './pdf.js';

// The renderer's only file read: the bundled font, loaded once on first use.
let monoBytes: Uint8Array | undefined;

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
const subsettingFontkit: Fontkit = {
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

/** Embeds DejaVu Sans Mono, subset, under a fixed name so output is byte-stable. */
export async function embedMonospaceFont(doc: PDFDocument): Promise<PDFFont> {
  doc.registerFontkit(subsettingFontkit);
  // Six capitals and '+' mark a subset font (ISO 32000-1 §9.6.4).
  return doc.embedFont(monospaceFontBytes(), { subset: true, customName: 'PSIMMO+DejaVuSansMono' });
}
