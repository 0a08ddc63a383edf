// Media sizes by Graph name (printerCapabilities.mediaSizes, as documented for
// Universal Print) and by PWG 5101.1 self-describing name (IPP `media`).
// Dimensions are the portrait sheet (width <= height) in PDF points.

export interface MediaSize {
  /** PWG 5101.1 self-describing name, e.g. iso_a4_210x297mm. */
  pwgName: string;
  /** The Graph mediaSizes string, when Graph documents one for this size. */
  graphName: string | null;
  /** Width in points (1/72 in). */
  width: number;
  /** Height in points. */
  height: number;
}

const MM = 72 / 25.4;

/** Parses a PWG self-describing name's trailing WxHunit (PWG 5101.1 §5). */
function dimensionsOf(pwgName: string): { width: number; height: number } | undefined {
  const m = /^[a-z0-9]+_[a-z0-9.-]+_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$/.exec(pwgName);
  if (!m) return undefined;
  const unit = m[3] === 'mm' ? MM : 72;
  const a = Number(m[1]) * unit;
  const b = Number(m[2]) * unit;
  return { width: Math.min(a, b), height: Math.max(a, b) };
}

// [PWG name, Graph name]. Graph's "North America Index 4x8in" has no registered
// PWG size; its oe_ name below is self-describing so IPP clients read its size.
const TABLE: ReadonlyArray<readonly [string, string | null]> = [
  ['iso_a3_297x420mm', 'A3'],
  ['iso_a4_210x297mm', 'A4'],
  ['iso_a5_148x210mm', 'A5'],
  ['iso_a6_105x148mm', 'A6'],
  ['jis_b4_257x364mm', 'JIS B4'],
  ['jis_b5_182x257mm', 'JIS B5'],
  ['jpn_hagaki_100x148mm', 'JPN Hagaki'],
  ['na_5x7_5x7in', 'North America 5x7in'],
  ['na_executive_7.25x10.5in', 'North America Executive'],
  ['na_govt-letter_8x10in', 'North America Goverment Letter'],
  ['na_index-3x5_3x5in', 'North America Index 3x5in'],
  ['oe_index-4x8_4x8in', 'North America Index 4x8in'],
  ['na_index-5x8_5x8in', 'North America Index 5x8in'],
  ['na_invoice_5.5x8.5in', 'North America Invoice'],
  ['na_ledger_11x17in', 'North America Ledger'],
  ['na_legal_8.5x14in', 'North America Legal'],
  ['na_letter_8.5x11in', 'North America Letter'],
  ['oe_photo-l_3.5x5in', 'Photo l 3.5x5in'],
  ['oe_business-card_2x3.5in', 'Business Card'],
  ['na_index-4x6_4x6in', 'Photo'],
  ['iso_a0_841x1189mm', null],
  ['iso_a1_594x841mm', null],
  ['iso_a2_420x594mm', null],
  ['iso_b4_250x353mm', null],
  ['iso_b5_176x250mm', null],
  ['iso_c4_229x324mm', null],
  ['iso_c5_162x229mm', null],
  ['iso_c6_114x162mm', null],
  ['iso_dl_110x220mm', null],
  ['jpn_oufuku_148x200mm', null],
  ['jpn_chou3_120x235mm', null],
  ['na_number-10_4.125x9.5in', null],
  ['na_number-9_3.875x8.875in', null],
  ['na_monarch_3.875x7.5in', null],
  ['na_personal_3.625x6.5in', null],
  ['na_a2_4.375x5.75in', null],
  ['na_foolscap_8.5x13in', null],
  ['na_govt-legal_8x13in', null],
  ['na_oficio_8.5x13.4in', null],
  ['na_index-4x6-ext_6x8in', null],
  ['na_arch-a_9x12in', null],
  ['na_arch-b_12x18in', null],
  ['om_small-photo_100x150mm', null],
];

export const MEDIA_SIZES: readonly MediaSize[] = TABLE.map(([pwgName, graphName]) => {
  const d = dimensionsOf(pwgName);
  if (!d) throw new Error(`media table: ${pwgName} is not a self-describing PWG name`);
  return { pwgName, graphName, ...d };
});

// Other spellings seen in Graph documentation for the same sizes.
const GRAPH_ALIASES: Record<string, string> = {
  'north america government letter': 'na_govt-letter_8x10in',
  'north america 4x6in': 'na_index-4x6_4x6in',
  'north america index 4x6in': 'na_index-4x6_4x6in',
};

const byPwg = new Map(MEDIA_SIZES.map((m) => [m.pwgName, m]));
const byGraph = new Map<string, MediaSize>();
for (const m of MEDIA_SIZES) if (m.graphName) byGraph.set(normalize(m.graphName), m);
for (const [alias, pwg] of Object.entries(GRAPH_ALIASES)) byGraph.set(alias, byPwg.get(pwg)!);

function normalize(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The size for a Graph media name ("A4", "North America Letter"), a PWG name
 * ("iso_a4_210x297mm"), or any other PWG self-describing name (its WxH is used).
 */
export function findMediaSize(name: string): MediaSize | undefined {
  const graph = byGraph.get(normalize(name));
  if (graph) return graph;
  const pwg = byPwg.get(name.trim());
  if (pwg) return pwg;
  const d = dimensionsOf(name.trim());
  return d ? { pwgName: name.trim(), graphName: null, ...d } : undefined;
}

/** The PWG name for a Graph or PWG media name (IPP `media` keyword). */
export function pwgMediaName(name: string): string | undefined {
  return findMediaSize(name)?.pwgName;
}

/** The Graph name for a PWG name when Graph has one, else the PWG name itself. */
export function graphMediaName(pwgName: string): string | undefined {
  const m = findMediaSize(pwgName);
  if (!m) return undefined;
  return m.graphName ?? m.pwgName;
}
