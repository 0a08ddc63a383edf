// The renderer: document bytes + effective job configuration + printer →
// the PDF of what the printer puts on paper (one page per side of each sheet,
// in print order), a sheet manifest and warnings. Pure apart from loading the
// bundled font: no clock, no randomness, no other I/O.
//
// Stages, in pdftopdf's order: read the source → select source pages
// (pageRanges) → lay out N-up cells on the side (orientation, margins,
// scaling, fitPdfToPage) → pair sides into sheets (duplex) → repeat for copies
// (collate) → colour mode → proof marks.
import type { EffectiveConfiguration } from '../model/print-types.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import { documentKind } from './content-type.js';
import { embedMonospaceFont } from './fonts.js';
import { type Layout, type Margins, ORIENTATION_TURNS, type Placement, placeInCell, planLayout, printableInFrame } from './layout.js';
import { loadImage } from './load-image.js';
import { loadPdf } from './load-pdf.js';
import { loadRaster } from './load-raster.js';
import { loadText } from './load-text.js';
import type { ManifestPlacement, ManifestSheet, ManifestSide, SheetManifest } from '../model/manifest.js';
import { type Matrix, type Rect, applyToRect, chain, matrixOperands, num, turnWithin } from './matrix.js';
import { findMediaSize } from '../model/media-sizes.js';
import { selectPages } from './page-selection.js';
import { PDFDocument, PDFHeader, PDFName, PDFRef, PDFString, PDFHexString, type PDFFont, type PDFObject } from './pdf.js';
import { PROOF_BAND, finishingMarks, labelBand, pageList } from './proof-marks.js';
import { pruneUnreachable } from './prune.js';
import { RenderError } from './render-error.js';
import { scanPdf } from './scan-pdf.js';
import { planSheets } from './sheets.js';
import type { SourceKind, SourcePage } from './source-page.js';
import { type PdfSink, writePdf } from './write-pdf.js';

export type { SheetManifest } from '../model/manifest.js';

export interface RenderInput {
  bytes: Uint8Array;
  contentType: string;
  configuration: EffectiveConfiguration;
  printer: PrinterDefinition;
  documentName?: string;
  /** Draw proof marks (label band, finishing positions). Off: the output is what the paper shows. */
  proof?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * When the output would place every source page unchanged on a sheet of its
   * own size, the output is the document's own bytes (`pdf === bytes`): no
   * imposition to serialize. The manifest is the same either way.
   */
  keepUnchanged?: boolean;
}

export interface RenderResult {
  pdf: Uint8Array;
  manifest: SheetManifest;
  warnings: string[];
  sourcePageCount: number;
}

/** A render whose PDF is not serialized yet: call exactly one of `bytes` or `write`. */
export interface ImposedDocument extends Omit<RenderResult, 'pdf'> {
  /** The output PDF in one buffer. */
  bytes(): Promise<Uint8Array>;
  /** The same bytes in chunks, so a file writer never holds the whole output. */
  write(sink: PdfSink): Promise<void>;
}

/** Output documents carry this date, so the same job always gives the same bytes. */
export const FIXED_DATE = 'D:20000101000000Z';
const MICRONS_PER_POINT = 25400 / 72;
// Yield to the event loop this often, so a server stays responsive during big jobs.
const YIELD_EVERY = 1000;

function micronsToPoints(m: number): number {
  return Math.max(0, m) / MICRONS_PER_POINT;
}

/** Whether the job prints in neutral grey (Graph printColorMode; 'auto' follows the printer). */
function printsGrey(configuration: EffectiveConfiguration, printer: PrinterDefinition): boolean {
  const caps = printer.capabilities;
  const colourPrinter = caps.colorModes ? caps.colorModes.includes('color') : caps.isColorPrintingSupported !== false;
  if (configuration.colorMode === 'blackAndWhite' || configuration.colorMode === 'grayscale') return true;
  return !colourPrinter;
}

interface Source {
  /** Absent for a scanned PDF, which is either its own output or loaded whole after all. */
  doc: PDFDocument | undefined;
  kind: SourceKind;
  pages: SourcePage[];
  warnings: string[];
  /** See LoadedPdf.plain; false for what printsim converts. */
  plain: boolean;
}

async function readSource(input: RenderInput, sheet: { width: number; height: number }, margins: Margins): Promise<Source> {
  const kind = documentKind(input.contentType, input.bytes);
  if (kind === 'pdf') {
    const { doc, pages, warnings, plain } = await loadPdf(input.bytes);
    if (pages.length === 0) throw new RenderError('nothingToPrint', 'the PDF has no pages');
    return { doc, kind: 'pdf', pages, warnings, plain };
  }
  const doc = await PDFDocument.create({ updateMetadata: false });
  if (kind === 'text') {
    // Text is paginated to the printable area in the requested orientation.
    const { printable } = printableInFrame(sheet, margins, ORIENTATION_TURNS[input.configuration.orientation]);
    const { pages, warnings } = await loadText(doc, input.bytes, printable);
    return { doc, kind: 'text', pages, warnings, plain: false };
  }
  if (kind === 'pwg-raster' || kind === 'urf') return { doc, kind: 'image', pages: await loadRaster(doc, input.bytes, kind), warnings: [], plain: false };
  return { doc, kind: 'image', pages: [await loadImage(doc, input.bytes, kind)], warnings: [], plain: false };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

interface Impression {
  /** Content stream drawing the placed pages (absent on a blank side). */
  content?: PDFRef;
  /** Set with the content; a side without falls back to the blank resources. */
  resources?: PDFRef;
  placements: ManifestPlacement[];
  pages: number[];
}

// How far (points) a page may sit from the sheet's edges and still count as
// unchanged: A4 pages are written 595.28 wide, the sheet is 595.2756.
const UNCHANGED_TOLERANCE = 0.01;

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= UNCHANGED_TOLERANCE;
}

/** The page drawn 1:1 at the sheet's origin, its box filling the sheet. */
function placedUnchanged(page: SourcePage, m: Matrix, clip: Rect, sheet: { width: number; height: number }): boolean {
  const full = (r: Rect): boolean => near(r.x, 0) && near(r.y, 0) && near(r.width, sheet.width) && near(r.height, sheet.height);
  return m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && near(m[4], 0) && near(m[5], 0) && full(clip) && full(page.bbox);
}

export async function render(input: RenderInput): Promise<RenderResult> {
  const { bytes, manifest, warnings, sourcePageCount } = await impose(input);
  return { pdf: await bytes(), manifest, warnings, sourcePageCount };
}

/** Everything `render` does but serializing the output. */
export async function impose(input: RenderInput): Promise<ImposedDocument> {
  const { configuration: config, printer } = input;
  const media = findMediaSize(config.mediaSize);
  if (!media) throw new RenderError('unknownMediaSize', `unknown mediaSize '${config.mediaSize}': use a Graph name such as A4 or a PWG name such as iso_a4_210x297mm`);
  const sheet = { width: media.width, height: media.height };
  const requestedMargins: Margins = {
    top: micronsToPoints(config.margin.top),
    bottom: micronsToPoints(config.margin.bottom),
    left: micronsToPoints(config.margin.left),
    right: micronsToPoints(config.margin.right),
  };
  // The proof band sits outside the printable area, so it never covers content.
  const margins = input.proof ? { ...requestedMargins, top: Math.max(requestedMargins.top, PROOF_BAND) } : requestedMargins;
  const perSheet = Math.max(1, Math.floor(config.pagesPerSheet));
  const grey = printsGrey(config, printer);
  const duplex = config.duplexMode !== 'oneSided';
  // Every source page alone on its side, once, nothing added: the placements
  // below decide whether each one is drawn unchanged.
  const mayKeep =
    input.keepUnchanged === true &&
    documentKind(input.contentType, input.bytes) === 'pdf' &&
    !input.proof &&
    !grey &&
    perSheet === 1 &&
    !duplex &&
    Math.max(1, Math.floor(config.copies)) === 1;
  // Then the page tree alone is read; a whole load follows only if the output changes.
  const scanned = mayKeep ? scanPdf(input.bytes) : undefined;
  const fromScan = scanned?.plain === true;
  const source: Source = fromScan
    ? { doc: undefined, kind: 'pdf', pages: scanned!.pages, warnings: scanned!.warnings, plain: scanned!.plain }
    : await readSource(input, sheet, margins);
  const warnings = [...source.warnings];

  const selection = selectPages(config.pageRanges, source.pages.length);
  warnings.push(...selection.warnings);
  const selected = selection.pages.map((n) => source.pages[n - 1]!);

  const layout: Layout = planLayout({
    sheet,
    margins,
    orientation: config.orientation,
    pagesPerSheet: perSheet,
    multipageLayout: config.multipageLayout,
    firstPage: selected[0]!.size,
    fixedOrientation: source.kind === 'text',
  });
  // fitPdfToPage asks for each PDF page to be fitted to the sheet (Graph
  // printJobConfiguration); it overrides the modes that might not scale.
  const scaling =
    source.kind === 'pdf' && config.fitPdfToPage && (config.scaling === 'auto' || config.scaling === 'shrinkToFit' || config.scaling === 'none')
      ? 'fit'
      : config.scaling;
  const borderlessOneUp = perSheet === 1 && Object.values(margins).every((m) => m === 0);
  if (config.colorMode === 'color' && grey) warnings.push(`colorMode color was requested but ${printer.displayName} prints in grey only`);
  const frontToPage: Matrix = turnWithin(0, sheet.width, sheet.height);
  // Back sides are shown as seen after turning the sheet over its long edge,
  // like the next page in a viewer: a flipOnShortEdge back, made to be read
  // after turning over the short edge, appears upside down.
  const backToPage: Matrix = turnWithin(config.duplexMode === 'flipOnShortEdge' ? 2 : 0, sheet.width, sheet.height);
  const backTurns = config.duplexMode === 'flipOnShortEdge' ? 2 : 0;
  const W = num(sheet.width);
  const H = num(sheet.height);

  // One content stream per impression; copies share it.
  const impressions: Impression[] = [];
  const impressionCount = Math.ceil(selected.length / perSheet);
  const outputPageCount = (() => {
    const sheets = duplex ? Math.ceil(impressionCount / 2) : impressionCount;
    return sheets * (duplex ? 2 : 1) * Math.max(1, Math.floor(config.copies));
  })();
  const total = impressionCount + outputPageCount + 1;
  let done = 0;
  const progress = async () => {
    done++;
    input.onProgress?.(done, total);
    if (done % YIELD_EVERY === 0) await new Promise<void>((r) => setImmediate(r));
  };

  let unchanged =
    mayKeep &&
    source.plain &&
    selected.length === source.pages.length &&
    selected.every((p, i) => p.number === i + 1);
  // Objects are registered after every placement is known, so an unchanged
  // output builds none; the order (forms, content, resources per side) is the same.
  // Placements repeat: a side's frame and cells are those of every side of its
  // kind, a page's placement in a cell that of every page of its size, so
  // each is worked out once (the same arithmetic on the same numbers).
  const frameToPages = [chain(layout.frameToSide, frontToPage), chain(layout.frameToSide, backToPage)] as const;
  const clips: Rect[][] = [[], []];
  let lastPlaced: { width: number; height: number; k: number; placement: Placement } | undefined;
  let lastDrawn: { toDisplayed: Matrix; placement: Placement; side: number; m: Matrix } | undefined;
  const drawn: Array<{ group: SourcePage[]; draws: Array<{ m: Matrix; clip: Rect }> }> = [];
  for (let i = 0; i < impressionCount; i++) {
    const group = selected.slice(i * perSheet, (i + 1) * perSheet);
    const back = duplex && i % 2 === 1;
    const side = back ? 1 : 0;
    const frameToPage = frameToPages[side];
    const draws: Array<{ m: Matrix; clip: Rect }> = [];
    const placements: ManifestPlacement[] = [];
    for (let k = 0; k < group.length; k++) {
      const page = group[k]!;
      const cell = layout.cells[k]!;
      const { width, height } = page.size;
      if (!lastPlaced || !Object.is(lastPlaced.width, width) || !Object.is(lastPlaced.height, height) || lastPlaced.k !== k) {
        lastPlaced = { width, height, k, placement: placeInCell(page.size, cell, scaling, borderlessOneUp, layout.cellTurn) };
      }
      const { placement } = lastPlaced;
      if (!lastDrawn || lastDrawn.toDisplayed !== page.toDisplayed || lastDrawn.placement !== placement || lastDrawn.side !== side) {
        lastDrawn = { toDisplayed: page.toDisplayed, placement, side, m: chain(page.toDisplayed, placement.matrix, frameToPage) };
      }
      const { m } = lastDrawn;
      const clip = (clips[side]![k] ??= applyToRect(frameToPage, cell));
      if (unchanged && !placedUnchanged(page, m, clip, sheet)) unchanged = false;
      draws.push({ m, clip });
      placements.push({
        page: page.number,
        cell: { x: round(clip.x), y: round(clip.y), width: round(clip.width), height: round(clip.height) },
        rotation: ((placement.turns + layout.frameTurns + (back ? backTurns : 0)) % 4) * 90,
        scale: Math.round(placement.scale * 10000) / 10000,
      });
    }
    drawn.push({ group, draws });
    impressions.push({ placements, pages: group.map((p) => p.number) });
  }
  // A scan has no page to draw: the whole document is loaded after all.
  if (fromScan && !unchanged) return impose({ ...input, keepUnchanged: false });

  const planned = planSheets(impressionCount, config.duplexMode, config.copies, config.collate);
  const sheets: ManifestSheet[] = [];
  let outputPages = 0;
  let blankImpressions = 0;
  let sourcePagesPrinted = 0;
  const saved = async (): Promise<void> => {
    done = total - 1;
    await progress();
  };
  const manifest = (): SheetManifest => ({
    sheets,
    totals: { sheets: sheets.length, impressions: outputPages, blankImpressions, sourcePagesPrinted },
    warnings,
  });
  type AddPage = (imp: Impression | undefined, back: boolean, sheetNo: number, copy: number) => void;
  // Each sheet's sides in output order; `addPage` makes a side's output page first.
  const addSheets = async (addPage?: AddPage): Promise<void> => {
    const side = async (index: number | null, back: boolean, sheetNo: number, copy: number): Promise<ManifestSide> => {
      const imp = index === null ? undefined : impressions[index];
      addPage?.(imp, back, sheetNo, copy);
      outputPages++;
      if (!imp) blankImpressions++;
      sourcePagesPrinted += imp?.placements.length ?? 0;
      await progress();
      return { outputPage: outputPages, blank: !imp, sourcePages: imp?.placements ?? [] };
    };
    for (let s = 0; s < planned.length; s++) {
      const p = planned[s]!;
      const front = await side(p.front, false, s + 1, p.copy);
      const back = p.back === undefined ? null : await side(p.back, true, s + 1, p.copy);
      sheets.push({
        sheet: s + 1,
        copy: p.copy,
        media: config.mediaSize,
        inputBin: config.inputBin,
        outputBin: config.outputBin,
        front,
        back,
      });
    }
  };

  if (unchanged) {
    // The document itself is the output: only the manifest is made, with the
    // progress a full render reports (each impression drawn, then each side).
    for (let i = 0; i < impressions.length; i++) await progress();
    await addSheets();
    const own = input.bytes;
    return {
      manifest: manifest(),
      warnings,
      sourcePageCount: source.pages.length,
      bytes: async () => {
        await saved();
        return own;
      },
      write: async (sink) => {
        sink(own);
        await saved();
      },
    };
  }

  // A scanned source is unchanged or loaded whole above.
  const doc = source.doc ?? (await PDFDocument.create({ updateMetadata: false }));
  const { context } = doc;
  const greyState = grey ? context.register(context.obj({ Type: 'ExtGState', BM: 'Saturation' })) : undefined;
  // A neutral Saturation-blend overlay leaves only luminosity: every pixel R=G=B
  // (ISO 32000-1 §11.3.5.3); the white underlay gives it an opaque backdrop.
  const overlay = grey ? context.register(context.stream(`q /PsimGs gs 0 g 0 0 ${W} ${H} re f Q`)) : undefined;
  const font: PDFFont | undefined = input.proof ? await embedMonospaceFont(doc) : undefined;
  const sharedResources = (xobjects: Record<string, PDFObject>) => {
    const dict: Record<string, PDFObject> = { XObject: context.obj(xobjects) };
    if (greyState) dict.ExtGState = context.obj({ PsimGs: greyState });
    if (font) dict.Font = context.obj({ PsimF0: font.ref });
    return context.register(context.obj(dict));
  };
  const blankResources = sharedResources({});
  for (let i = 0; i < impressions.length; i++) {
    const imp = impressions[i]!;
    const { group, draws } = drawn[i]!;
    let ops = grey ? `q 1 g 0 0 ${W} ${H} re f Q\n` : '';
    const xobjects: Record<string, PDFObject> = {};
    group.forEach((page, k) => {
      const { m, clip } = draws[k]!;
      const name = `P${page.number}`;
      xobjects[name] = page.form();
      ops += `q ${num(clip.x)} ${num(clip.y)} ${num(clip.width)} ${num(clip.height)} re W n ${matrixOperands(m)} cm /${name} Do Q\n`;
    });
    imp.content = context.register(context.stream(ops));
    imp.resources = sharedResources(xobjects);
    await progress();
  }

  // Finishing marks land at the same place on every sheet; seen from the back
  // (turned over the long edge) they are mirrored left to right.
  const frontMarks = input.proof ? finishingMarks(config.finishings, layout.frame, layout.frameToSide) : '';
  const backMarks = input.proof ? finishingMarks(config.finishings, layout.frame, chain(layout.frameToSide, [-1, 0, 0, 1, sheet.width, 0])) : '';

  const pagesRef = context.nextRef();
  const kids: PDFRef[] = [];
  const mediaBox = context.obj([0, 0, sheet.width, sheet.height]);

  await addSheets((imp, back, sheetNo, copy) => {
    const contents: PDFRef[] = [];
    if (imp?.content) contents.push(imp.content);
    if (input.proof && font) {
      const label = [
        `sheet ${sheetNo}/${planned.length}`,
        back ? 'back' : 'front',
        `copy ${copy}/${config.copies}`,
        config.mediaSize,
        imp ? `pages ${pageList(imp.pages)}` : 'blank',
        `in ${config.inputBin ?? 'auto'} → out ${config.outputBin ?? 'auto'}`,
        ...(config.finishings.length > 0 ? [config.finishings.join(', ')] : []),
      ].join(' · ');
      const ops = labelBand(font, sheet, back ? backToPage : frontToPage, label) + (back ? backMarks : frontMarks);
      contents.push(context.register(context.stream(ops)));
    }
    if (imp && overlay) contents.push(overlay);
    const page = context.obj({
      Type: 'Page',
      Parent: pagesRef,
      MediaBox: mediaBox,
      Resources: imp?.resources ?? blankResources,
      ...(contents.length === 0 ? {} : { Contents: contents.length === 1 ? contents[0]! : context.obj(contents) }),
    });
    kids.push(context.register(page));
  });

  context.assign(pagesRef, context.obj({ Type: 'Pages', Kids: context.obj(kids), Count: kids.length }));
  rewriteCatalog(doc, pagesRef);
  context.trailerInfo.Info = context.register(
    context.obj({
      Producer: PDFString.of('printsim'),
      ...(input.documentName ? { Title: PDFHexString.fromText(input.documentName) } : {}),
      CreationDate: PDFString.of(FIXED_DATE),
      ModDate: PDFString.of(FIXED_DATE),
    }),
  );
  pruneUnreachable(context);
  // Blend modes need PDF 1.4; keep a newer source's version (2.0).
  if (context.header.getVersionString() < '1.7') context.header = PDFHeader.forVersion(1, 7);
  return {
    manifest: manifest(),
    warnings,
    sourcePageCount: source.pages.length,
    bytes: async () => {
      const pdf = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: 5000 });
      await saved();
      return pdf;
    },
    write: async (sink) => {
      await writePdf(doc, sink);
      await saved();
    },
  };
}

// The catalog keeps only what printing needs: the new page tree, optional
// content (so layers show as the author set them) and the language.
const KEEP_IN_CATALOG = new Set(['Type', 'Pages', 'OCProperties', 'Lang']);

function rewriteCatalog(doc: PDFDocument, pagesRef: PDFRef): void {
  const catalog = doc.catalog;
  for (const key of catalog.keys()) if (!KEEP_IN_CATALOG.has(key.decodeText())) catalog.delete(key);
  catalog.set(PDFName.of('Pages'), pagesRef);
}
