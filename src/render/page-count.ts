// Page count before rendering, for the job core's time estimate.
import type { EffectiveConfiguration } from '../model/print-types.js';
import { documentKind } from './content-type.js';
import { ORIENTATION_TURNS, printableInFrame } from './layout.js';
import { decodeText, paginate, textGrid } from './load-text.js';
import { collectPages, openPdf } from './load-pdf.js';
import { findMediaSize } from '../model/media-sizes.js';
import { pwgRasterPages } from './raster/pwg-raster.js';
import { urfPages } from './raster/urf.js';

const POINTS_PER_MICRON = 72 / 25400;

/**
 * Source pages in the document: a PDF's or raster's page count, 1 for an image, and for
 * text the pages it paginates to (on A4 portrait without margins unless a
 * configuration says otherwise). Throws RenderError for what render() refuses.
 */
export async function countPages(bytes: Uint8Array, contentType: string, configuration?: EffectiveConfiguration): Promise<number> {
  const kind = documentKind(contentType, bytes);
  if (kind === 'jpeg' || kind === 'png') return 1;
  if (kind === 'pdf') return collectPages(await openPdf(bytes)).length;
  if (kind === 'pwg-raster' || kind === 'urf') {
    // Raster pages are found by decoding them; URF's header count may be 0 (unknown).
    let n = 0;
    for (const _page of kind === 'pwg-raster' ? pwgRasterPages(bytes) : urfPages(bytes)) n++;
    return n;
  }
  const media = findMediaSize(configuration?.mediaSize ?? 'A4') ?? findMediaSize('A4')!;
  const m = configuration?.margin ?? { top: 0, bottom: 0, left: 0, right: 0 };
  const { printable } = printableInFrame(
    media,
    { top: m.top * POINTS_PER_MICRON, bottom: m.bottom * POINTS_PER_MICRON, left: m.left * POINTS_PER_MICRON, right: m.right * POINTS_PER_MICRON },
    ORIENTATION_TURNS[configuration?.orientation ?? 'portrait'],
  );
  const text = decodeText(bytes).text.replace(/^\uFEFF/, '');
  return text === '' ? 0 : paginate(text, textGrid(printable)).length;
}
