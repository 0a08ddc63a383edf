/** One decoded raster page: 8 bits per sample, row-major, top row first. */
export interface RasterPage {
  /** Pixels per row. */
  width: number;
  /** Rows. */
  height: number;
  /** Cross-feed (horizontal) resolution in dots per inch. */
  xDpi: number;
  /** Feed (vertical) resolution in dots per inch. */
  yDpi: number;
  colorSpace: 'gray' | 'rgb';
  /** width × height × (1 for gray, 3 for rgb) bytes; gray 0 is black, 255 white. */
  pixels: Uint8Array;
  /** The sheet size the sender meant, in points, when the header states one. */
  pageSizePt?: [number, number];
  duplex?: boolean;
  /** Two-sided short-edge (only meaningful with duplex). */
  tumble?: boolean;
  /** The type as sent, e.g. `sgray_8`, `srgb_8`, `black_1` (PWG pwg-raster-document-type-supported spelling) or `W8`, `SRGB24` (URF). */
  rasterType?: string;
  /** The header's MediaType, when set (PWG MediaType string; URF media type index as its IPP keyword). */
  mediaType?: string;
  /** IPP print-quality (3 draft, 4 normal, 5 high), when set. */
  printQuality?: 3 | 4 | 5;
}

export interface RasterDocument {
  pages: RasterPage[];
}
