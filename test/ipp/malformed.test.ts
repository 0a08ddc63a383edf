// Malformed and hostile requests get HTTP 400 (no IPP header) or an IPP error
// status echoing the request-id; printsim keeps answering afterwards.

import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag, encode, operationId, type IppAttribute } from '../../src/ipp/codec/index.js';
import { makePdf, startEmulator } from '../support/harness.js';
import { ipp, ippRequest, postIpp, printerUri, toReply } from '../support/ipp-request.js';

function getPrinterAttributes(emu: Emulator, requestId = 42): Uint8Array {
  return ippRequest(emu, 'Get-Printer-Attributes', { requestId, operation: [attr.keyword('requested-attributes', 'printer-state')] });
}

function printJob(emu: Emulator, extra: IppAttribute[] = []): Uint8Array {
  return ippRequest(emu, 'Print-Job', { requestId: 77, operation: [attr.mimeMediaType('document-format', 'application/pdf'), ...extra] });
}

async function post(emu: Emulator, body: Uint8Array, contentType = 'application/ipp'): Promise<{ status: number; body: Uint8Array }> {
  const res = await fetch(`${emu.baseUrl}/ipp/print`, { method: 'POST', headers: { 'content-type': contentType }, body: Buffer.from(body) });
  return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
}

async function stillAnswers(emu: Emulator): Promise<void> {
  const res = await post(emu, getPrinterAttributes(emu, 9));
  expect(res.status).toBe(200);
  expect(toReply(res.body).status).toBe('successful-ok');
}

describe('malformed IPP requests', () => {
  let emu: Emulator;

  beforeEach(async () => {
    emu = await startEmulator({ maxDocumentBytes: 64 * 1024, ipp: { maxAttributeBytes: 8192 } });
  });

  afterEach(async () => {
    await emu.close();
  });

  it('answers HTTP 400 when not even the 8-byte header arrives, or the content type is not application/ipp', async () => {
    expect((await post(emu, new Uint8Array([2, 0, 0]))).status).toBe(400);
    expect((await post(emu, new Uint8Array(0))).status).toBe(400);
    expect((await post(emu, getPrinterAttributes(emu), 'application/json')).status).toBe(400);
    await stillAnswers(emu);
  });

  it('answers client-error-bad-request with the request-id for truncated attributes and bad lengths', async () => {
    const good = getPrinterAttributes(emu, 1234);
    const cases: Uint8Array[] = [
      good.subarray(0, 20), // cut inside an attribute
      good.subarray(0, good.length - 1), // no end-of-attributes-tag
      Uint8Array.from([...good.subarray(0, 9), 0x47, 0xff, 0xff, 0x00]), // name-length 0xFFFF
      Uint8Array.from([...good.subarray(0, 9), 0x21, 0x00, 0x01, 0x61, 0x00, 0x08, 0, 0, 0, 1, 0, 0, 0, 1, 3]), // integer with value-length 8
      Uint8Array.from([...good.subarray(0, 9), 0x47, 0x00, 0x01, 0x61, 0xff, 0xff, 0x03]), // value-length 0xFFFF
    ];
    for (const body of cases) {
      const res = await post(emu, body);
      expect(res.status).toBe(200);
      const reply = toReply(res.body);
      expect(reply.status).toBe('client-error-bad-request');
      expect(reply.message.requestId).toBe(1234);
    }
    await stillAnswers(emu);
  });

  it('never crashes on any truncation of a Print-Job', async () => {
    const pdf = await makePdf(1);
    const full = Buffer.concat([printJob(emu), pdf]);
    const head = printJob(emu).length;
    // Every cut inside the attributes (past them, a short document is still a document).
    for (let n = 0; n < head; n += 3) {
      const res = await post(emu, full.subarray(0, n));
      if (n < 8) expect(res.status).toBe(400);
      else expect(toReply(res.body).status).toBe('client-error-bad-request');
    }
    await stillAnswers(emu);
  });

  it('survives random byte mutations of a Print-Job request (seeded)', async () => {
    const pdf = await makePdf(1);
    const original = Buffer.concat([printJob(emu, [attr.keyword('compression', 'none')]), pdf]);
    const head = printJob(emu, [attr.keyword('compression', 'none')]).length;
    let seed = 20260401;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 150; i++) {
      const body = Buffer.from(original);
      for (let k = 0, edits = 1 + random(3); k < edits; k++) body[random(head)] = random(256);
      const res = await post(emu, body);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expect(toReply(res.body).message.requestId).toBeTypeOf('number');
    }
    await stillAnswers(emu);
  });

  it('checks the version, request-id, operation, and the first two operation attributes', async () => {
    const base = getPrinterAttributes(emu);
    const withHeader = (major: number, minor: number, code: number, requestId: number): Uint8Array => {
      const b = Buffer.from(base);
      b[0] = major;
      b[1] = minor;
      b.writeUInt16BE(code, 2);
      b.writeInt32BE(requestId, 4);
      return b;
    };
    expect(toReply((await post(emu, withHeader(3, 0, 0x0b, 5))).body).status).toBe('server-error-version-not-supported');
    expect(toReply((await post(emu, withHeader(2, 0, 0x0b, 0))).body).status).toBe('client-error-bad-request');
    expect(toReply((await post(emu, withHeader(2, 0, 0x4001, 5))).body).status).toBe('server-error-operation-not-supported');
    // Validate-Document is registered in the codec but not implemented, so not supported.
    expect(toReply((await post(emu, withHeader(2, 0, 0x3d, 5))).body).status).toBe('server-error-operation-not-supported');
    const noCharset = encode({
      version: { major: 2, minor: 0 },
      code: operationId('Get-Jobs'),
      requestId: 5,
      groups: [{ tag: DelimiterTag.operationAttributes, attributes: [attr.naturalLanguage('attributes-natural-language', 'en'), attr.charset('attributes-charset', 'utf-8')] }],
    });
    expect(toReply((await post(emu, noCharset)).body).status).toBe('client-error-bad-request');
    const badCharset = await ipp(emu, 'Get-Jobs', {});
    expect(badCharset.status).toBe('successful-ok');
  });

  it('refuses an attribute section over its limit and a document over maxDocumentBytes', async () => {
    const huge = printJob(emu, Array.from({ length: 40 }, (_, i) => attr.keyword(`x-filler-${i}`, 'y'.repeat(300))));
    const tooBig = toReply((await post(emu, huge)).body);
    expect(tooBig.status).toBe('client-error-request-entity-too-large');

    const doc = Buffer.alloc(100 * 1024, 0x20);
    doc.write('%PDF-1.4\n');
    const res = toReply((await post(emu, Buffer.concat([printJob(emu), doc]))).body);
    expect(res.status).toBe('client-error-request-entity-too-large');
    // The job that could not take its document is not left waiting.
    const job = emu.service.listJobs().at(-1)!;
    expect(emu.service.jobStatus(job).state).toBe('aborted');
    await stillAnswers(emu);
  });

  it('reports unknown and broken compression', async () => {
    const pdf = await makePdf(1);
    const unknown = toReply((await post(emu, Buffer.concat([printJob(emu, [attr.keyword('compression', 'compress')]), pdf]))).body);
    expect(unknown.status).toBe('client-error-compression-not-supported');
    const broken = toReply((await post(emu, Buffer.concat([printJob(emu, [attr.keyword('compression', 'gzip')]), gzipSync(pdf).subarray(0, 40), Buffer.from('garbage')]))).body);
    expect(broken.status).toBe('client-error-compression-error');
    await stillAnswers(emu);
  });

  it('streams a chunked body sent after Expect: 100-continue, a few bytes at a time', async () => {
    const pdf = await makePdf(1);
    const body = Buffer.concat([printJob(emu), pdf]);
    const url = new URL(`${emu.baseUrl}/ipp/print`);
    const reply = await new Promise<Uint8Array>((resolve, reject) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/ipp', 'transfer-encoding': 'chunked', expect: '100-continue' },
      });
      req.on('continue', () => {
        let at = 0;
        const next = (): void => {
          if (at >= body.length) {
            req.end();
            return;
          }
          // Seven bytes at a time through the attributes, then the rest in one go.
          const n = at < 300 ? 7 : body.length - at;
          req.write(body.subarray(at, at + n));
          at += n;
          setImmediate(next);
        };
        next();
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      });
      req.on('error', reject);
    });
    const r = toReply(reply);
    expect(r.status).toBe('successful-ok');
    const job = emu.service.listJobs().at(-1)!;
    expect(job.documents[0]!.size).toBe(pdf.length);
  });

  it('serves a status page and icons to a browser', async () => {
    const page = await fetch(`${emu.baseUrl}/ipp/print`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('Office Color');
    expect(html).toContain('href="/"');
    const icon = await fetch(`${emu.baseUrl}/ipp/print/office-color/icon.png`);
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await icon.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect((await fetch(`${emu.baseUrl}/ipp/print/nope`)).status).toBe(404);
  });

  it('reaches every printer by name, and answers not-found for others', async () => {
    const mono = await ipp(emu, 'Get-Printer-Attributes', { printer: 'letter-mono', operation: [attr.keyword('requested-attributes', 'printer-name', 'color-supported')] });
    expect(mono.group(DelimiterTag.printerAttributes)).toEqual({ 'printer-name': ['letter-mono'], 'color-supported': [false] });
    const res = await postIpp(emu, encode({
      version: { major: 2, minor: 0 },
      code: operationId('Get-Printer-Attributes'),
      requestId: 3,
      groups: [{ tag: DelimiterTag.operationAttributes, attributes: [attr.charset('attributes-charset', 'utf-8'), attr.naturalLanguage('attributes-natural-language', 'en'), attr.uri('printer-uri', printerUri(emu, 'nope'))] }],
    }));
    expect(toReply(new Uint8Array(await res.arrayBuffer())).status).toBe('client-error-not-found');
  });
});
