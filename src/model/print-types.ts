// Microsoft Graph Universal Print shapes (v1.0 CSDL names), shared by the core,
// the renderer and both doors. Enum members serialize as their names.

export const PRINT_COLOR_MODES = ['blackAndWhite', 'grayscale', 'color', 'auto'] as const;
export type PrintColorMode = (typeof PRINT_COLOR_MODES)[number];

export const PRINT_DUPLEX_MODES = ['flipOnLongEdge', 'flipOnShortEdge', 'oneSided'] as const;
export type PrintDuplexMode = (typeof PRINT_DUPLEX_MODES)[number];

export const PRINT_QUALITIES = ['low', 'medium', 'high'] as const;
export type PrintQuality = (typeof PRINT_QUALITIES)[number];

export const PRINT_ORIENTATIONS = ['portrait', 'landscape', 'reverseLandscape', 'reversePortrait'] as const;
export type PrintOrientation = (typeof PRINT_ORIENTATIONS)[number];

export const PRINT_SCALINGS = ['auto', 'shrinkToFit', 'fill', 'fit', 'none'] as const;
export type PrintScaling = (typeof PRINT_SCALINGS)[number];

export const PRINT_MULTIPAGE_LAYOUTS = [
  'clockwiseFromTopLeft',
  'counterclockwiseFromTopLeft',
  'counterclockwiseFromTopRight',
  'clockwiseFromTopRight',
  'counterclockwiseFromBottomLeft',
  'clockwiseFromBottomLeft',
  'counterclockwiseFromBottomRight',
  'clockwiseFromBottomRight',
] as const;
export type PrintMultipageLayout = (typeof PRINT_MULTIPAGE_LAYOUTS)[number];

export const PRINTER_FEED_ORIENTATIONS = ['longEdgeFirst', 'shortEdgeFirst'] as const;
export type PrinterFeedOrientation = (typeof PRINTER_FEED_ORIENTATIONS)[number];

// printFinishing: the default members plus the opt-in ones (Graph §1.11).
export const PRINT_FINISHINGS = [
  'none', 'staple', 'punch', 'cover', 'bind', 'saddleStitch', 'stitchEdge',
  'stapleTopLeft', 'stapleBottomLeft', 'stapleTopRight', 'stapleBottomRight',
  'stitchLeftEdge', 'stitchTopEdge', 'stitchRightEdge', 'stitchBottomEdge',
  'stapleDualLeft', 'stapleDualTop', 'stapleDualRight', 'stapleDualBottom',
  'stapleTripleLeft', 'stapleTripleTop', 'stapleTripleRight', 'stapleTripleBottom',
  'bindLeft', 'bindTop', 'bindRight', 'bindBottom',
  'foldAccordion', 'foldDoubleGate', 'foldGate', 'foldHalf', 'foldHalfZ', 'foldLeftGate', 'foldLetter',
  'foldParallel', 'foldPoster', 'foldRightGate', 'foldZ', 'foldEngineeringZ',
  'punchTopLeft', 'punchBottomLeft', 'punchTopRight', 'punchBottomRight',
  'punchDualLeft', 'punchDualTop', 'punchDualRight', 'punchDualBottom',
  'punchTripleLeft', 'punchTripleTop', 'punchTripleRight', 'punchTripleBottom',
  'punchQuadLeft', 'punchQuadTop', 'punchQuadRight', 'punchQuadBottom',
  'fold', 'trim', 'bale', 'bookletMaker', 'coat', 'laminate',
  'trimAfterPages', 'trimAfterDocuments', 'trimAfterCopies', 'trimAfterJob',
] as const;
export type PrintFinishing = (typeof PRINT_FINISHINGS)[number];

export const JOB_PROCESSING_STATES = [
  'unknown', 'pending', 'processing', 'paused', 'stopped', 'completed', 'canceled', 'aborted',
] as const;
export type PrintJobProcessingState = (typeof JOB_PROCESSING_STATES)[number];

export const JOB_STATE_DETAILS = [
  'uploadPending', 'transforming', 'completedSuccessfully', 'completedWithWarnings',
  'completedWithErrors', 'releaseWait', 'interpreting',
] as const;
export type PrintJobStateDetail = (typeof JOB_STATE_DETAILS)[number];

export const PRINTER_PROCESSING_STATES = ['unknown', 'idle', 'processing', 'stopped'] as const;
export type PrinterProcessingState = (typeof PRINTER_PROCESSING_STATES)[number];

// The core printerProcessingStateDetail members (values 0..35 in the CSDL).
export const PRINTER_STATE_DETAILS = [
  'paused', 'mediaJam', 'mediaNeeded', 'mediaLow', 'mediaEmpty', 'coverOpen', 'interlockOpen',
  'outputTrayMissing', 'outputAreaFull', 'markerSupplyLow', 'markerSupplyEmpty', 'inputTrayMissing',
  'outputAreaAlmostFull', 'markerWasteAlmostFull', 'markerWasteFull', 'fuserOverTemp', 'fuserUnderTemp',
  'other', 'none', 'movingToPaused', 'shutdown', 'connectingToDevice', 'timedOut', 'stopping',
  'stoppedPartially', 'tonerLow', 'tonerEmpty', 'spoolAreaFull', 'doorOpen',
  'opticalPhotoConductorNearEndOfLife', 'opticalPhotoConductorLifeOver', 'developerLow', 'developerEmpty',
  'interpreterResourceUnavailable',
] as const;
export type PrinterProcessingStateDetail = (typeof PRINTER_STATE_DETAILS)[number];

export const TASK_PROCESSING_STATES = ['pending', 'processing', 'completed', 'aborted'] as const;
export type PrintTaskProcessingState = (typeof TASK_PROCESSING_STATES)[number];

export interface IntegerRange {
  start: number;
  end: number;
}

/** printMargin, in microns. */
export interface PrintMargin {
  top?: number | null;
  bottom?: number | null;
  left?: number | null;
  right?: number | null;
}

/** printJobConfiguration: every property nullable. */
export interface PrintJobConfiguration {
  collate?: boolean | null;
  colorMode?: PrintColorMode | null;
  copies?: number | null;
  dpi?: number | null;
  duplexMode?: PrintDuplexMode | null;
  feedOrientation?: PrinterFeedOrientation | null;
  finishings?: PrintFinishing[] | null;
  fitPdfToPage?: boolean | null;
  inputBin?: string | null;
  margin?: PrintMargin | null;
  mediaSize?: string | null;
  mediaType?: string | null;
  multipageLayout?: PrintMultipageLayout | null;
  orientation?: PrintOrientation | null;
  outputBin?: string | null;
  pageRanges?: IntegerRange[] | null;
  pagesPerSheet?: number | null;
  quality?: PrintQuality | null;
  scaling?: PrintScaling | null;
}

/** A configuration with every printer default applied (what the device prints). */
export interface EffectiveConfiguration {
  collate: boolean;
  colorMode: PrintColorMode;
  copies: number;
  dpi: number;
  duplexMode: PrintDuplexMode;
  feedOrientation: PrinterFeedOrientation | null;
  finishings: PrintFinishing[];
  fitPdfToPage: boolean;
  inputBin: string | null;
  margin: { top: number; bottom: number; left: number; right: number };
  mediaSize: string;
  mediaType: string | null;
  multipageLayout: PrintMultipageLayout;
  orientation: PrintOrientation;
  outputBin: string | null;
  pageRanges: IntegerRange[];
  pagesPerSheet: number;
  quality: PrintQuality;
  scaling: PrintScaling;
}

export interface PrinterCapabilities {
  bottomMargins?: number[];
  topMargins?: number[];
  leftMargins?: number[];
  rightMargins?: number[];
  collation?: boolean;
  colorModes?: PrintColorMode[];
  contentTypes?: string[];
  copiesPerJob?: IntegerRange;
  dpis?: number[];
  duplexModes?: PrintDuplexMode[];
  feedOrientations?: PrinterFeedOrientation[];
  finishings?: PrintFinishing[];
  inputBins?: string[];
  isColorPrintingSupported?: boolean;
  isPageRangeSupported?: boolean;
  mediaColors?: string[];
  mediaSizes?: string[];
  mediaTypes?: string[];
  multipageLayouts?: PrintMultipageLayout[];
  orientations?: PrintOrientation[];
  outputBins?: string[];
  pagesPerSheet?: number[];
  qualities?: PrintQuality[];
  scalings?: PrintScaling[];
  supportsFitPdfToPage?: boolean;
}

export interface PrinterDefaults {
  colorMode?: PrintColorMode | null;
  contentType?: string | null;
  copiesPerJob?: number | null;
  dpi?: number | null;
  duplexMode?: PrintDuplexMode | null;
  finishings?: PrintFinishing[] | null;
  fitPdfToPage?: boolean | null;
  inputBin?: string | null;
  mediaColor?: string | null;
  mediaSize?: string | null;
  mediaType?: string | null;
  multipageLayout?: PrintMultipageLayout | null;
  orientation?: PrintOrientation | null;
  outputBin?: string | null;
  pagesPerSheet?: number | null;
  quality?: PrintQuality | null;
  scaling?: PrintScaling | null;
}

export interface PrinterLocation {
  altitudeInMeters?: number | null;
  building?: string | null;
  city?: string | null;
  countryOrRegion?: string | null;
  floor?: string | null;
  floorDescription?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  organization?: string[] | null;
  postalCode?: string | null;
  roomDescription?: string | null;
  roomName?: string | null;
  site?: string | null;
  stateOrProvince?: string | null;
  streetAddress?: string | null;
  subdivision?: string[] | null;
  subunit?: string[] | null;
}

export interface PrinterStatus {
  state: PrinterProcessingState;
  details: PrinterProcessingStateDetail[];
  description: string | null;
}

export interface PrintJobStatus {
  state: PrintJobProcessingState;
  details: PrintJobStateDetail[];
  description: string;
  isAcquiredByPrinter: boolean;
}

export interface UserIdentity {
  id: string | null;
  displayName: string | null;
  ipAddress: string | null;
  userPrincipalName: string | null;
}

export interface AppIdentity {
  appId: string | null;
  displayName: string | null;
  servicePrincipalId: string | null;
  servicePrincipalName: string | null;
}
