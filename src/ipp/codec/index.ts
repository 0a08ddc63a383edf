// Public surface of the IPP codec: pure functions and tables, no I/O.

export { attr } from './attr.js';
export { dateTimeFromDate, dateTimeProblem, dateTimeToDate } from './date-time.js';
export { DEFAULT_MAX_COLLECTION_DEPTH, decode, decodeHeader, type DecodeOptions, type DecodeResult } from './decode.js';
export { encode } from './encode.js';
export {
  DOCUMENT_STATE,
  ENUMS,
  FINISHINGS,
  JOB_STATE,
  ORIENTATION_REQUESTED,
  PRINTER_STATE,
  PRINT_QUALITY,
  enumKeyword,
  enumValue,
} from './enums.js';
export {
  IppDecodeError,
  IppEncodeError,
  type IppDecodeErrorKind,
  type IppEncodeErrorKind,
} from './errors.js';
export { firstBoolean, firstNumber, firstString, firstValue, getAttr, getGroup, getGroups } from './get-attr.js';
export type * from './message.js';
export { OPERATIONS, operationId, operationName, type OperationName } from './operations.js';
export {
  STATUS_CODES,
  isSuccessfulStatus,
  statusCode,
  statusCodeKeyword,
  type StatusCodeKeyword,
} from './status-codes.js';
export {
  DelimiterTag,
  OUT_OF_BAND,
  STRING_TAGS,
  ValueTag,
  isDelimiterTag,
  outOfBandKeyword,
  tagName,
  type DelimiterTagName,
  type OutOfBandKeyword,
  type ValueTagName,
} from './tags.js';
