// A stream's /Length given as an indirect object ("/Length 12 0 R", ISO
// 32000-1 §7.3.8.2), which writers emit when they learn the length only after
// the data (the length object usually follows the stream). Reading a stream
// to its first "endstream" instead cuts data that happens to hold that word
// (binary images, fonts, text that shows it), so the length is looked up in
// the file itself: the last "N G obj" header for the number, then its integer.

const HEADER = /(?<![0-9])([0-9]{1,10})[\0\t\n\f\r ]+([0-9]{1,5})[\0\t\n\f\r ]+obj(?![A-Za-z])/g;
const INTEGER = /^[\0\t\n\f\r ]*\+?([0-9]{1,15})(?:[\0\t\n\f\r ]|endobj)/;

/** Where each object's header ends ("obj"), by "num gen"; the last one in the file wins, as in an update. */
type HeaderIndex = Map<string, number>;

const indexes = new WeakMap<Uint8Array, HeaderIndex>();

function headerIndex(bytes: Uint8Array, text: string): HeaderIndex {
  let index = indexes.get(bytes);
  if (index === undefined) {
    index = new Map();
    for (const m of text.matchAll(HEADER)) index.set(`${Number(m[1])} ${Number(m[2])}`, m.index + m[0].length);
    indexes.set(bytes, index);
  }
  return index;
}

/** The file as latin1 text, one character per byte. */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * The non-negative integer object `num gen` holds in `bytes`, or undefined
 * when there is no such object or it is not a plain integer. The file is
 * indexed once, on the first indirect length met.
 */
export function indirectLength(bytes: Uint8Array, num: number, gen: number, text?: string): number | undefined {
  const index = headerIndex(bytes, text ?? latin1(bytes));
  const at = index.get(`${num} ${gen}`);
  if (at === undefined) return undefined;
  const m = INTEGER.exec(Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(64, bytes.length - at)).toString('latin1'));
  return m ? Number(m[1]) : undefined;
}
