// Writes small PDFs by hand, in the shapes the page-tree scan has to read as
// pdf-lib's whole load does: classic xref tables and xref streams (with or
// without a PNG predictor), object streams, incremental updates, hybrid files.
// Bodies are PDF syntax as text (latin1); offsets are worked out here.
import { deflateSync } from 'node:zlib';

type Part = string | Uint8Array;

const bytesOf = (part: Part): Uint8Array => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part);

export interface SectionOptions {
  root: number;
  /** More trailer entries, as PDF syntax. */
  extra?: string;
}

export class PdfBuilder {
  private readonly parts: Uint8Array[] = [];
  private length = 0;
  /** Entries of the section being written: number → [type, field2, field3] as in an xref stream. */
  private entries = new Map<number, [number, number, number]>();
  private lastSection: number | undefined;
  private size = 1;

  constructor(header = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n') {
    this.raw(header);
  }

  /** Appends bytes as they are (damage, comments, white-space). */
  raw(part: Part): this {
    const b = bytesOf(part);
    this.parts.push(b);
    this.length += b.length;
    return this;
  }

  get offset(): number {
    return this.length;
  }

  private note(num: number, entry: [number, number, number]): void {
    this.entries.set(num, entry);
    this.size = Math.max(this.size, num + 1);
  }

  /** "num gen obj body endobj". */
  obj(num: number, body: string, gen = 0): this {
    this.note(num, [1, this.length, gen]);
    return this.raw(`${num} ${gen} obj\n${body}\nendobj\n`);
  }

  /** A stream object; `dict` is the dictionary's inside, /Length is added unless `length` says otherwise. */
  stream(num: number, dict: string, data: Part, length: string | number = bytesOf(data).length): this {
    this.note(num, [1, this.length, 0]);
    this.raw(`${num} 0 obj\n<< ${dict} /Length ${length} >>\nstream\n`);
    this.raw(data);
    return this.raw('\nendstream\nendobj\n');
  }

  /** An object stream holding `members` (number, body), Flate-encoded. */
  objectStream(num: number, members: Array<[number, string]>): this {
    let head = '';
    let body = '';
    members.forEach(([n, text], i) => {
      head += `${n} ${body.length} `;
      body += `${text}\n`;
      this.note(n, [2, num, i]);
    });
    const data = deflateSync(Buffer.from(head + body, 'latin1'));
    return this.stream(num, `/Type /ObjStm /N ${members.length} /First ${head.length} /Filter /FlateDecode`, data);
  }

  /** A classic table (§7.5.4) for the objects since the last section, its trailer, startxref and %%EOF. */
  xrefTable(options: SectionOptions): this {
    const at = this.length;
    let text = 'xref\n';
    if (this.lastSection === undefined) text += '0 1\n0000000000 65535 f\r\n';
    for (const [n, [type, offset, gen]] of [...this.entries].sort((a, b) => a[0] - b[0])) {
      if (type !== 1) throw new Error('a table cannot point into an object stream');
      text += `${n} 1\n${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`;
    }
    const prev = this.lastSection === undefined ? '' : ` /Prev ${this.lastSection}`;
    text += `trailer\n<< /Size ${this.size} /Root ${options.root} 0 R${prev}${options.extra ? ` ${options.extra}` : ''} >>\nstartxref\n${at}\n%%EOF\n`;
    this.entries = new Map();
    this.lastSection = at;
    return this.raw(text);
  }

  /** A cross-reference stream (§7.5.8) as object `num`, optionally with the PNG Up predictor. */
  xrefStream(num: number, options: SectionOptions & { predictor?: boolean }): this {
    const at = this.length;
    this.note(num, [1, at, 0]);
    const rows = [...this.entries].sort((a, b) => a[0] - b[0]);
    if (this.lastSection === undefined) rows.unshift([0, [0, 0, 65535]]);
    const w = [1, 4, 2];
    const width = 7;
    const raw = new Uint8Array(rows.length * (width + (options.predictor ? 1 : 0)));
    let p = 0;
    let previous = new Uint8Array(width);
    for (const [, [type, f2, f3]] of rows) {
      const row = new Uint8Array([type, f2 >>> 24, (f2 >>> 16) & 255, (f2 >>> 8) & 255, f2 & 255, (f3 >>> 8) & 255, f3 & 255]);
      if (options.predictor) {
        raw[p++] = 2;
        for (let i = 0; i < width; i++) raw[p++] = (row[i]! - previous[i]!) & 255;
        previous = row;
      } else {
        raw.set(row, p);
        p += width;
      }
    }
    const index = rows.map(([n]) => `${n} 1`).join(' ');
    const parms = options.predictor ? ` /DecodeParms << /Predictor 12 /Columns ${width} >>` : '';
    const prev = this.lastSection === undefined ? '' : ` /Prev ${this.lastSection}`;
    const data = deflateSync(raw);
    this.raw(
      `${num} 0 obj\n<< /Type /XRef /Size ${this.size} /W [${w.join(' ')}] /Index [${index}] /Root ${options.root} 0 R /Filter /FlateDecode${parms}${prev}` +
        `${options.extra ? ` ${options.extra}` : ''} /Length ${data.length} >>\nstream\n`,
    );
    this.raw(data);
    this.raw(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`);
    this.entries = new Map();
    this.lastSection = at;
    return this;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let p = 0;
    for (const part of this.parts) {
      out.set(part, p);
      p += part.length;
    }
    return out;
  }
}

/** A content stream that paints something, so a page is not empty. */
export const CONTENT = '0 0 1 rg 10 10 50 50 re f';
