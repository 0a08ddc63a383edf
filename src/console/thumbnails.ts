// Page thumbnails of rendered output, drawn server-side with pdf.js on a
// @napi-rs/canvas (no browser-side PDF code), each rendered once and kept in
// a byte-bounded cache; the browser revalidates with an ETag.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrintsimError } from '../model/errors.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
interface NodeCanvas {
  canvas: { toBuffer(type: 'image/png'): Buffer };
  context: unknown;
}

/** pdf.js or its canvas is not installed (both are optional at run time). */
export class PreviewUnavailableError extends Error {}

export interface ThumbnailOptions {
  /** Longest side of a thumbnail, in pixels (twice the CSS size, for sharp screens). */
  maxSidePx: number;
  maxCacheBytes: number;
  /** Parsed PDFs kept open. */
  maxOpenDocuments: number;
}

const DEFAULTS: ThumbnailOptions = { maxSidePx: 640, maxCacheBytes: 64 * 1024 * 1024, maxOpenDocuments: 4 };

export class Thumbnails {
  private readonly options: ThumbnailOptions;
  private pdfjs: Promise<{ lib: Pdfjs; assets: string }> | null = null;
  private readonly docs = new Map<string, Promise<PdfDocument>>();
  /** Drawings under way per document; a busy document is not closed to make room. */
  private readonly busy = new Map<string, number>();
  private readonly pngs = new Map<string, Buffer>();
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private cachedBytes = 0;

  constructor(options: Partial<ThumbnailOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * The PNG of one page (1-based) of a PDF. `source` names the PDF and its
   * version (a changed file needs a new name); `load` reads it when needed.
   */
  async png(source: string, load: () => Promise<Uint8Array>, page: number): Promise<Buffer> {
    const key = `${source}#${page}`;
    const hit = this.pngs.get(key);
    if (hit !== undefined) {
      this.pngs.delete(key);
      this.pngs.set(key, hit);
      return hit;
    }
    let pending = this.inflight.get(key);
    if (pending === undefined) {
      this.busy.set(source, (this.busy.get(source) ?? 0) + 1);
      pending = this.draw(source, load, page).finally(() => {
        this.inflight.delete(key);
        const n = (this.busy.get(source) ?? 1) - 1;
        if (n > 0) this.busy.set(source, n);
        else this.busy.delete(source);
      });
      this.inflight.set(key, pending);
    }
    const png = await pending;
    this.remember(key, png);
    return png;
  }

  async pageCount(source: string, load: () => Promise<Uint8Array>): Promise<number> {
    return (await this.open(source, load)).numPages;
  }

  /** Drops every cached page of sources whose name starts with `prefix`. */
  forget(prefix: string): void {
    for (const key of [...this.pngs.keys()]) {
      if (key.startsWith(prefix)) {
        this.cachedBytes -= this.pngs.get(key)!.length;
        this.pngs.delete(key);
      }
    }
    for (const key of [...this.docs.keys()]) if (key.startsWith(prefix)) this.closeDoc(key);
  }

  async close(): Promise<void> {
    for (const key of [...this.docs.keys()]) this.closeDoc(key);
    this.pngs.clear();
    this.cachedBytes = 0;
  }

  private remember(key: string, png: Buffer): void {
    if (this.pngs.has(key) || png.length > this.options.maxCacheBytes) return;
    this.pngs.set(key, png);
    this.cachedBytes += png.length;
    for (const [k, v] of this.pngs) {
      if (this.cachedBytes <= this.options.maxCacheBytes) break;
      this.pngs.delete(k);
      this.cachedBytes -= v.length;
    }
  }

  private async draw(source: string, load: () => Promise<Uint8Array>, pageNumber: number): Promise<Buffer> {
    const doc = await this.open(source, load);
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) {
      throw new PrintsimError('notFound', `The output has no page ${pageNumber} (it has ${doc.numPages}).`);
    }
    const page = await doc.getPage(pageNumber);
    const natural = page.getViewport({ scale: 1 });
    const scale = this.options.maxSidePx / Math.max(natural.width, natural.height);
    const viewport = page.getViewport({ scale });
    const factory = doc.canvasFactory as { create(w: number, h: number): NodeCanvas };
    const target = factory.create(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
    await page.render({
      canvasContext: target.context as CanvasRenderingContext2D,
      canvas: target.canvas as unknown as HTMLCanvasElement,
      viewport,
      background: 'white',
    }).promise;
    page.cleanup();
    return target.canvas.toBuffer('image/png');
  }

  private open(source: string, load: () => Promise<Uint8Array>): Promise<PdfDocument> {
    let doc = this.docs.get(source);
    if (doc !== undefined) {
      this.docs.delete(source);
      this.docs.set(source, doc);
      return doc;
    }
    doc = (async () => {
      const { lib, assets } = await this.library();
      // pdf.js takes ownership of the buffer it is given, so it gets a copy.
      const data = new Uint8Array(await load());
      return lib.getDocument({
        data,
        standardFontDataUrl: `${assets}standard_fonts/`,
        cMapUrl: `${assets}cmaps/`,
        cMapPacked: true,
        wasmUrl: `${assets}wasm/`,
        iccUrl: `${assets}iccs/`,
        isEvalSupported: false,
        verbosity: 0,
      }).promise;
    })();
    doc.catch(() => this.docs.delete(source));
    this.docs.set(source, doc);
    for (const key of [...this.docs.keys()]) {
      if (this.docs.size <= this.options.maxOpenDocuments) break;
      if (key !== source && !this.busy.has(key)) this.closeDoc(key);
    }
    return doc;
  }

  private closeDoc(key: string): void {
    const doc = this.docs.get(key);
    this.docs.delete(key);
    doc?.then((d) => d.destroy()).catch(() => undefined);
  }

  private library(): Promise<{ lib: Pdfjs; assets: string }> {
    this.pdfjs ??= (async () => {
      try {
        const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
        const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
        // Trailing slash: pdf.js appends file names to these folders.
        return { lib, assets: `${join(dirname(pkg), '/')}` };
      } catch (e) {
        this.pdfjs = null;
        throw new PreviewUnavailableError(`page previews need pdfjs-dist and @napi-rs/canvas (${(e as Error).message})`);
      }
    })();
    return this.pdfjs;
  }
}
