// The content type of an `application/octet-stream` document, from its first
// bytes (as ippeveprinter auto-types document-format in its Print-Job).

/** PWG Raster's sync word (PWG 5102.4 §4). */
export const PWG_SYNC = 'RaS2';

/** Bytes looked at for the text test; a longer document is judged by its start. */
const TEXT_PROBE_BYTES = 64 * 1024;
/** How far into the file a PDF header may start: readers accept leading junk, and so does the renderer's content-type.ts. */
const PDF_HEADER_WITHIN = 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, sig: ArrayLike<number>): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

function startsWithAscii(bytes: Uint8Array, s: string): boolean {
  return startsWith(bytes, Array.from(s, (c) => c.charCodeAt(0)));
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_HEADER_WITHIN) - 5;
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true; // "%PDF-"
  }
  return false;
}

/**
 * Text: valid UTF-8 (ASCII included) with no NUL and no C0 control other than
 * tab, line feed, form feed and carriage return, so PCL, PostScript binaries
 * and other printer languages (which start with ESC or control bytes) are not
 * taken for text.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let end = Math.min(bytes.length, TEXT_PROBE_BYTES);
  // Cut at a character boundary so a sequence split by the probe is not judged invalid.
  if (end < bytes.length) while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  const probe = bytes.subarray(0, end);
  for (const b of probe) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
    if (b === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(probe);
    return true;
  } catch {
    return false;
  }
}

/** The MIME type the bytes are, or null when they are none printsim takes. */
export function sniffContentType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWithAscii(bytes, PWG_SYNC)) return 'image/pwg-raster';
  if (startsWithAscii(bytes, 'UNIRAST')) return 'image/urf';
  if (hasPdfHeader(bytes)) return 'application/pdf';
  if (looksLikeText(bytes)) return 'text/plain';
  return null;
}
