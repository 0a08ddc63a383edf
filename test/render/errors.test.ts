import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/model/ports.js';
import { resolveConfiguration } from '../../src/core/validate-configuration.js';
import { PDFDocument } from '../../src/render/pdf.js';
import { render } from '../../src/render/render.js';
import { RenderError } from '../../src/render/render-error.js';
import { documentBytes, printer, renderFixture } from './support.js';

async function failure(bytes: Uint8Array, contentType: string, job = {}): Promise<RenderError> {
  const p = printer();
  try {
    await render({ bytes, contentType, configuration: resolveConfiguration(job, p), printer: p });
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return e as RenderError;
  }
  throw new Error('render did not fail');
}

describe('documents the renderer refuses', () => {
  it('a damaged PDF: corruptDocument, saying the PDF is damaged', async () => {
    const e = await failure(documentBytes('corrupt.pdf'), 'application/pdf');
    expect(e.code).toBe('corruptDocument');
    expect(e.message).toMatch(/PDF is damaged/);
  });

  it('bytes that are not a PDF at all, sent as application/pdf', async () => {
    const e = await failure(new TextEncoder().encode('hello, printer'), 'application/pdf');
    expect(e).toMatchObject({ code: 'corruptDocument', message: 'the document is declared application/pdf but its data is text' });
  });

  it('a PNG declared as application/pdf: the message names both', async () => {
    const e = await failure(documentBytes('colour.png'), 'application/pdf');
    expect(e.code).toBe('corruptDocument');
    expect(e.message).toBe('the document is declared application/pdf but its data is a PNG image');
  });

  it('a truncated PNG: corruptDocument', async () => {
    const e = await failure(documentBytes('colour.png').subarray(0, 60), 'image/png');
    expect(e.code).toBe('corruptDocument');
    expect(e.message).toBe('the PNG image is damaged: it is truncated (chunk IDAT runs past the end)');
  });

  it('a truncated JPEG: corruptDocument', async () => {
    const jpeg = documentBytes('photo.jpg');
    const e = await failure(jpeg.subarray(0, jpeg.length - 200), 'image/jpeg');
    expect(e).toMatchObject({ code: 'corruptDocument', message: 'the JPEG image is damaged: it is truncated (no end-of-image marker)' });
  });

  it('an unsupported content type: unsupportedFormat, listing what is supported', async () => {
    const e = await failure(new Uint8Array([0x47, 0x49, 0x46, 0x38]), 'image/gif');
    expect(e.code).toBe('unsupportedFormat');
    expect(e.message).toBe('cannot print image/gif: printsim renders application/pdf, image/jpeg, image/png, text/plain, image/pwg-raster, image/urf');
  });

  it('application/octet-stream is identified by its content, and refused when it is none printsim takes', async () => {
    const p = printer();
    const configuration = resolveConfiguration({}, p);
    const pdf = await render({ bytes: documentBytes('pages-4-letter.pdf'), contentType: 'application/octet-stream', configuration, printer: p });
    expect(pdf.sourcePageCount).toBe(4);
    const text = await render({ bytes: new TextEncoder().encode('plain words\n'), contentType: 'application/octet-stream', configuration, printer: p });
    expect(text.sourcePageCount).toBe(1);
    // PCL: starts with ESC E.
    const e = await failure(new Uint8Array([0x1b, 0x45, 0x1b, 0x26, 0x6c, 0x30, 0x4f]), 'application/octet-stream');
    expect(e.code).toBe('unsupportedFormat');
  });

  it('a PDF that needs a user password: encryptedDocument', async () => {
    const e = await failure(documentBytes('encrypted-user-password.pdf'), 'application/pdf');
    expect(e.code).toBe('encryptedDocument');
  });

  it('a PDF without pages: nothingToPrint', async () => {
    const empty = await (await PDFDocument.create()).save({ addDefaultPage: false });
    const e = await failure(empty, 'application/pdf');
    expect(e).toMatchObject({ code: 'nothingToPrint', message: 'the PDF has no pages' });
  });

  it('an empty text document: nothingToPrint', async () => {
    const e = await failure(new Uint8Array(), 'text/plain; charset=utf-8');
    expect(e).toMatchObject({ code: 'nothingToPrint', message: 'the text document is empty' });
  });

  it('pageRanges entirely past the end: nothingToPrint naming the ranges and the page count', async () => {
    const e = await failure(documentBytes('pages-4-letter.pdf'), 'application/pdf', { pageRanges: [{ start: 10, end: 20 }] });
    expect(e).toMatchObject({ code: 'nothingToPrint', message: 'pageRanges 10-20 select no page of the 4-page document' });
  });

  it('a media size the renderer does not know: unknownMediaSize', async () => {
    await expect(renderFixture('pages-4-letter.pdf', {}, { override: { mediaSize: 'Imperial Foolscap Folio' } })).rejects.toMatchObject({
      code: 'unknownMediaSize',
    });
  });

  it('errors are DocumentErrors, so the job core ends the job aborted with the message', async () => {
    const e = await failure(documentBytes('corrupt.pdf'), 'application/pdf');
    expect(e).toBeInstanceOf(DocumentError);
  });
});
