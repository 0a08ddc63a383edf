// Writes a document the way PDFDocument.save({ useObjectStreams: false })
// does, byte for byte, but in chunks: save() builds the whole file in one
// buffer while the object graph is still alive, so a big job peaks at graph +
// output. Here the output never exists in one piece.
import { PDFCrossRefSection, type PDFDocument, type PDFObject, type PDFRef, PDFTrailer, PDFTrailerDict, PDFWriter, copyStringIntoBuffer, defaultDocumentSnapshot } from './pdf.js';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/** Receives each chunk in order; a chunk is only valid during the call (its buffer is reused). */
export type PdfSink = (chunk: Uint8Array) => void;

class ChunkedWriter extends PDFWriter {
  private chunk = new Uint8Array(CHUNK_BYTES);
  private used = 0;
  private written = 0;

  constructor(
    doc: PDFDocument,
    private readonly sink: PdfSink,
  ) {
    super(doc.context, Number.POSITIVE_INFINITY, defaultDocumentSnapshot);
  }

  /** Bytes written so far: the offset of the next byte in the file. */
  private get offset(): number {
    return this.written + this.used;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.sink(this.chunk.subarray(0, this.used));
    this.written += this.used;
    this.used = 0;
  }

  /** Lets `fill` write `size` bytes, in the current chunk or, when bigger than one, a buffer of its own. */
  private put(size: number, fill: (buffer: Uint8Array, at: number) => void): void {
    if (this.used + size > this.chunk.length) this.flush();
    if (size > this.chunk.length) {
      const own = new Uint8Array(size);
      fill(own, 0);
      this.sink(own);
      this.written += size;
      return;
    }
    fill(this.chunk, this.used);
    this.used += size;
  }

  // Mirrors PDFWriter.computeBufferSize + serializeToBuffer for a full save.
  write(): void {
    const { context } = this;
    const header = context.header;
    this.put(header.sizeInBytes() + 2, (b, at) => {
      const n = header.copyBytesInto(b, at);
      b[at + n] = NEWLINE;
      b[at + n + 1] = NEWLINE;
    });
    const xref = PDFCrossRefSection.create();
    const objects = context.enumerateIndirectObjects();
    for (const entry of objects) {
      const [ref, object] = entry;
      if (!this.shouldSave(false, ref.objectNumber, objects) || this.shouldSkipCopiedObjectStream(object)) continue;
      if (context.security) this.encrypt(ref, object, context.security);
      xref.addEntry(ref, this.offset);
      this.put(this.computeIndirectObjectSize(entry), (b, at) => writeIndirect(ref, object, b, at));
    }
    const xrefOffset = this.offset;
    this.put(xref.sizeInBytes() + 1, (b, at) => {
      b[at + xref.copyBytesInto(b, at)] = NEWLINE;
    });
    const trailerDict = PDFTrailerDict.of(this.createTrailerDict(this.snapshot.prevStartXRef));
    this.put(trailerDict.sizeInBytes() + 2, (b, at) => {
      const n = trailerDict.copyBytesInto(b, at);
      b[at + n] = NEWLINE;
      b[at + n + 1] = NEWLINE;
    });
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    this.put(trailer.sizeInBytes(), (b, at) => trailer.copyBytesInto(b, at));
    this.flush();
  }
}

function writeIndirect(ref: PDFRef, object: PDFObject, b: Uint8Array, at: number): void {
  let o = at;
  o += copyStringIntoBuffer(`${ref.objectNumber} ${ref.generationNumber} obj\n`, b, o);
  o += object.copyBytesInto(b, o);
  copyStringIntoBuffer('\nendobj\n\n', b, o);
}

/**
 * Serializes `doc` to `sink` in chunks of about 1 MiB: the same bytes as
 * `doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false })`.
 */
export async function writePdf(doc: PDFDocument, sink: PdfSink): Promise<void> {
  // What save() does first for such a document: embed pending fonts and images.
  await doc.flush();
  new ChunkedWriter(doc, sink).write();
}
