// Tag values of the IPP encoding (RFC 8010 §3.5). Delimiter tags open attribute
// groups (§3.5.1); value tags give the syntax of each value (§3.5.2).

/** Delimiter tags, RFC 8010 §3.5.1 (0x06-0x0A from RFC 3995, RFC 3998, PWG 5100.5, PWG 5100.22). */
export const DelimiterTag = {
  operationAttributes: 0x01,
  jobAttributes: 0x02,
  endOfAttributes: 0x03,
  printerAttributes: 0x04,
  unsupportedAttributes: 0x05,
  subscriptionAttributes: 0x06,
  eventNotificationAttributes: 0x07,
  resourceAttributes: 0x08,
  documentAttributes: 0x09,
  systemAttributes: 0x0a,
} as const;

/** Value tags, RFC 8010 §3.5.2 (0x15-0x17 from RFC 3380). */
export const ValueTag = {
  // Out-of-band values: value-length 0, no value.
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  notSettable: 0x15,
  deleteAttribute: 0x16,
  adminDefine: 0x17,
  // Integer types.
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  // octetString types.
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  // Character-string types.
  textWithoutLanguage: 0x41,
  nameWithoutLanguage: 0x42,
  keyword: 0x44,
  uri: 0x45,
  uriScheme: 0x46,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
  memberAttrName: 0x4a,
  // The next four octets hold the real tag (RFC 8010 §3.5.2; as CUPS reads it).
  extension: 0x7f,
} as const;

export type DelimiterTagName = keyof typeof DelimiterTag;
export type ValueTagName = keyof typeof ValueTag;

/** Keyword of each out-of-band value tag (RFC 8010 §3.5.2, RFC 3380 §8.1). */
export const OUT_OF_BAND = {
  unsupported: 0x10,
  unknown: 0x12,
  'no-value': 0x13,
  'not-settable': 0x15,
  'delete-attribute': 0x16,
  'admin-define': 0x17,
} as const;

export type OutOfBandKeyword = keyof typeof OUT_OF_BAND;

const OUT_OF_BAND_BY_TAG = new Map<number, OutOfBandKeyword>(
  Object.entries(OUT_OF_BAND).map(([k, v]) => [v, k as OutOfBandKeyword]),
);

/** The out-of-band keyword of a tag, or undefined if the tag is not a known out-of-band value. */
export function outOfBandKeyword(tag: number): OutOfBandKeyword | undefined {
  return OUT_OF_BAND_BY_TAG.get(tag);
}

/** Delimiter tags are 0x00-0x0F (RFC 8010 §3.5.1); everything above is a value tag. */
export function isDelimiterTag(tag: number): boolean {
  return tag >= 0x00 && tag <= 0x0f;
}

/**
 * Tags whose values are character strings, held as JS strings and written as
 * UTF-8 (RFC 8010 §3.9). memberAttrName is not here: it names a collection
 * member and is never an attribute value of its own.
 */
export const STRING_TAGS: ReadonlySet<number> = new Set([
  ValueTag.textWithoutLanguage,
  ValueTag.nameWithoutLanguage,
  ValueTag.keyword,
  ValueTag.uri,
  ValueTag.uriScheme,
  ValueTag.charset,
  ValueTag.naturalLanguage,
  ValueTag.mimeMediaType,
]);

const DELIMITER_NAMES = new Map<number, string>(
  Object.entries(DelimiterTag).map(([k, v]) => [v, k]),
);
const VALUE_NAMES = new Map<number, string>(Object.entries(ValueTag).map(([k, v]) => [v, k]));

/** A readable name for a tag, for messages and test output; `0x4b` style when unknown. */
export function tagName(tag: number): string {
  return (
    (isDelimiterTag(tag) ? DELIMITER_NAMES.get(tag) : VALUE_NAMES.get(tag)) ??
    `0x${tag.toString(16).padStart(2, '0')}`
  );
}
