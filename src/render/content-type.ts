// What kind of document the bytes are: the declared MIME type (parameters
// dropped), checked against the data's signature.
import { sniffContentType } from '../model/document-formats.js';
import { RenderError } from './render-error.js';

export type DocumentKind = 'pdf' | 'jpeg' | 'png' | 'text' | 'pwg-raster' | 'urf';

export const SUPPORTED_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain', 'image/pwg-raster', 'image/urf'] as const;

const DECLARED: Record<string, DocumentKind> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'text/plain': 'text',
  'image/pwg-raster': 'pwg-raster',
  'image/urf': 'urf',
};

const LABEL: Record<DocumentKind, string> = {
  pdf: 'a PDF',
  jpeg: 'a JPEG image',
  png: 'a PNG image',
  text: 'text',
  'pwg-raster': 'PWG raster',
  urf: 'Apple raster (URF)',
};

/** The document kind, or a RenderError saying what is unsupported or mismatched. */
export function documentKind(contentType: string, bytes: Uint8Array): DocumentKind {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const sniffed = sniffContentType(bytes);
  const found = sniffed === null ? undefined : DECLARED[sniffed];
  if (type === 'application/octet-stream' || type === '') {
    if (found) return found;
    throw new RenderError('unsupportedFormat', `the ${type || 'untyped'} document is none of ${SUPPORTED_CONTENT_TYPES.join(', ')}; send it with its content type`);
  }
  const declared = DECLARED[type];
  if (!declared) {
    throw new RenderError('unsupportedFormat', `cannot print ${type}: printsim renders ${SUPPORTED_CONTENT_TYPES.join(', ')}`);
  }
  // Any bytes may be text (invalid UTF-8 prints as U+FFFD); the others must match their signature.
  if (declared !== 'text' && found !== declared) {
    throw new RenderError('corruptDocument', `the document is declared ${type} but its data is ${found ? LABEL[found] : `not ${LABEL[declared]}`}`);
  }
  return declared;
}
