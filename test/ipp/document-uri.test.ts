// Print-URI and Send-URI (RFC 8011 §4.2.2, §4.3.2): the printer fetches
// document-uri over http from a server on 127.0.0.1, or a file under the
// configured document folder, and refuses what it must not or cannot fetch.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedClock } from '../../src/core/clock.js';
import type { Emulator } from '../../src/emulator.js';
import { attr, DelimiterTag } from '../../src/ipp/codec/index.js';
import { makePdf, startEmulator, until } from '../support/harness.js';
import { ipp, printerUri } from '../support/ipp-request.js';
import { missingTools } from '../support/tools.js';
import { ipptool } from './ipptool-run.js';

const PRINTER = DelimiterTag.printerAttributes;

describe('Print-URI and Send-URI', () => {
  let server: Server;
  let base: string;
  let pdf: Uint8Array;
  let dir: string;
  const stalled: ServerResponse[] = [];
  let emu: Emulator | undefined;

  beforeAll(async () => {
    pdf = await makePdf(2);
    dir = mkdtempSync(join(tmpdir(), 'printsim-uri-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'two-pages.pdf'), pdf);
    writeFileSync(join(dir, 'outside.pdf'), pdf);
    server = createServer((req, res) => {
      if (req.url === '/two-pages.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(pdf));
      else if (req.url === '/big') {
        // Chunked, no length: only counting the bytes finds it is too large.
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.write(Buffer.from(pdf));
        res.end(Buffer.alloc(64 * 1024, 0x20));
      } else if (req.url === '/stall') stalled.push(res);
      else res.writeHead(404).end('not here');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  afterAll(async () => {
    for (const r of stalled) r.destroy();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const printUri = (e: Emulator, uri: string) =>
    ipp(e, 'Print-URI', { operation: [attr.uri('document-uri', uri), attr.mimeMediaType('document-format', 'application/pdf')] });
  const jobCount = (e: Emulator): number => e.service.listJobs().length;

  it('prints a document fetched over http', async () => {
    emu = await startEmulator();
    const res = await printUri(emu, `${base}/two-pages.pdf`);
    expect(res.status).toBe('successful-ok');
    const id = String(res.group(DelimiterTag.jobAttributes)['job-id']![0]);
    await until(emu, () => emu!.service.getJob(id).leaf === 'completed');
    expect(emu.service.getJob(id).impressions).toBe(2);
  });

  it('says which schemes it fetches: http and https, file only with a document folder', async () => {
    emu = await startEmulator();
    const schemes = async (e: Emulator) =>
      (await ipp(e, 'Get-Printer-Attributes', { operation: [attr.keyword('requested-attributes', 'reference-uri-schemes-supported')] })).group(PRINTER)['reference-uri-schemes-supported'];
    expect(await schemes(emu)).toEqual(['http', 'https']);
    const file = await printUri(emu, pathToFileURL(join(dir, 'docs', 'two-pages.pdf')).href);
    expect(file.status).toBe('client-error-uri-scheme-not-supported');
    expect((await printUri(emu, 'ftp://127.0.0.1/x.pdf')).status).toBe('client-error-uri-scheme-not-supported');
    expect(jobCount(emu)).toBe(0);
    await emu.close();
    emu = await startEmulator({ ipp: { documentFolder: join(dir, 'docs') } });
    expect(await schemes(emu)).toEqual(['http', 'https', 'file']);
  });

  it('prints files under the document folder only', async () => {
    emu = await startEmulator({ ipp: { documentFolder: join(dir, 'docs') } });
    expect((await printUri(emu, pathToFileURL(join(dir, 'docs', 'two-pages.pdf')).href)).status).toBe('successful-ok');
    for (const outside of [join(dir, 'outside.pdf'), join(dir, 'docs', '..', 'outside.pdf'), join(dir, 'docs', 'missing.pdf')]) {
      const res = await printUri(emu, pathToFileURL(outside).href);
      expect(res.status, outside).toBe('client-error-document-access-error');
    }
    expect(jobCount(emu)).toBe(1);
  });

  it('refuses what it cannot fetch, and makes no job', async () => {
    emu = await startEmulator({ maxDocumentBytes: 32 * 1024 });
    expect((await printUri(emu, `${base}/missing.pdf`)).status).toBe('client-error-document-access-error');
    expect((await printUri(emu, `${base}/big`)).status).toBe('client-error-document-access-error');
    expect((await printUri(emu, 'http://127.0.0.1:1/refused.pdf')).status).toBe('client-error-document-access-error');
    expect(jobCount(emu)).toBe(0);
  });

  it('gives up on a server that does not answer after the fetch time limit, on the emulator clock', async () => {
    emu = await startEmulator();
    const pending = printUri(emu, `${base}/stall`);
    await new Promise<void>((r) => {
      const check = (): void => (stalled.length > 0 ? r() : void setImmediate(check));
      check();
    });
    (emu.clock as SimulatedClock).advance(30_000);
    expect((await pending).status).toBe('client-error-document-access-error');
    expect(jobCount(emu)).toBe(0);
  });

  it('adds a fetched document with Send-URI; a failed fetch leaves the job open', async () => {
    emu = await startEmulator();
    const created = await ipp(emu, 'Create-Job');
    const id = created.group(DelimiterTag.jobAttributes)['job-id']![0] as number;
    const send = (uri: string) =>
      ipp(emu!, 'Send-URI', { operation: [attr.integer('job-id', id), attr.uri('document-uri', uri), attr.boolean('last-document', true)] });
    expect((await send(`${base}/missing.pdf`)).status).toBe('client-error-document-access-error');
    expect(emu.service.getJob(String(id)).leaf).toBe('paused.uploadPending');
    expect((await send(`${base}/two-pages.pdf`)).status).toBe('successful-ok');
    await until(emu, () => emu!.service.getJob(String(id)).leaf === 'completed');
  });

  it.skipIf(missingTools('ipptool'))('passes its ipptool file', async () => {
    emu = await startEmulator();
    const r = await ipptool(printerUri(emu), 'print-uri.test', { defines: { 'document-uri': `${base}/two-pages.pdf` } });
    expect(r.failed, r.output).toEqual([]);
    expect(r.passed, r.output).toHaveLength(5);
  });
});
