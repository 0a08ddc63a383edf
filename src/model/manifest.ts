// The sheet manifest: what each physical sheet carries. Coordinates are PDF
// points on the output page (origin bottom-left), rotations counter-clockwise.

export interface ManifestRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ManifestPlacement {
  /** 1-based source page number. */
  page: number;
  /** The N-up cell the page was placed in, on the output page. */
  cell: ManifestRect;
  /** Degrees (0, 90, 180, 270) the page as displayed is turned counter-clockwise on the output page. */
  rotation: number;
  /** Scale factor from the displayed page to the sheet. */
  scale: number;
}

export interface ManifestSide {
  /** 1-based page of the output PDF showing this side. */
  outputPage: number;
  /** True when nothing prints on this side (the blank back of an odd impression count). */
  blank: boolean;
  sourcePages: ManifestPlacement[];
}

export interface ManifestSheet {
  /** 1-based position of the sheet in the output. */
  sheet: number;
  /** 1-based copy number. */
  copy: number;
  /** mediaSize as configured (a Graph or PWG name). */
  media: string;
  inputBin: string | null;
  outputBin: string | null;
  front: ManifestSide;
  /** null when printing one-sided. */
  back: ManifestSide | null;
}

export interface ManifestTotals {
  sheets: number;
  /** Sides in the output, blank backs included (the output PDF's page count). */
  impressions: number;
  blankImpressions: number;
  /** Source-page placements over all copies. */
  sourcePagesPrinted: number;
}

export interface SheetManifest {
  sheets: ManifestSheet[];
  totals: ManifestTotals;
  warnings: string[];
}
