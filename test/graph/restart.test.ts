// Issue 2, flow 8: stop printsim in the middle of a job and start it again on the
// same data folder: jobs, documents and upload sessions survive, and the job that
// was printing carries on with the time it had left (downtime does not count).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/core/clock.js';
import { createEmulator, type Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, makePdf, startEmulator } from '../support/harness.js';
import {
  createJob,
  createUploadSession,
  getJob,
  printMs,
  putRange,
  submitJob,
  valueRequest,
  waitUntilPrinting,
  type CreatedJob,
  type JobJson,
  type UploadSessionJson,
} from '../support/graph-flow.js';

const PRINTER = `/print/printers/${DEFAULT_PRINTER_ID}`;
const OFFICE_IPM = 30;
const OFFICE_WARM_UP_S = 8;
const DOWNTIME_MS = 3 * 3600_000;

describe('restart on the same data folder', () => {
  let dir: string;
  let first: Emulator;
  let second: Emulator | undefined;
  let admin: Client;
  let onePage: Uint8Array;
  let threePages: Uint8Array;
  let completed: CreatedJob;
  let uploading: CreatedJob;
  let session: UploadSessionJson;
  let printing: CreatedJob;
  let queued: CreatedJob;
  let shareId: string;
  const before = new Map<string, JobJson>();
  const printedBeforeStop = 5_000;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'printsim-restart-'));
    first = await startEmulator({ dataDir: dir });
    admin = adminClient(first);
    onePage = await makePdf(1);
    threePages = await makePdf(3);

    shareId = ((await admin.api('/print/shares').post({
      displayName: 'Survives restarts',
      allowAllUsers: true,
      'printer@odata.bind': `https://graph.microsoft.com/v1.0${PRINTER}`,
    })) as { id: string }).id;

    completed = await submitJob(admin, PRINTER, onePage);
    await waitUntilPrinting(admin, completed.path);
    // Past the printer's cool-down too, so the next job pays the warm-up.
    first.advance(10 * 60_000);
    expect((await getJob(admin, completed.path)).status.state).toBe('completed');

    uploading = await createJob(admin, PRINTER, { copies: 2 });
    session = await createUploadSession(admin, uploading, threePages.length, { documentName: 'half-way.pdf' });
    const half = Math.floor(threePages.length / 2);
    expect((await putRange(session.uploadUrl, threePages, 0, half - 1, threePages.length)).status).toBe(202);

    printing = await submitJob(admin, PRINTER, threePages);
    queued = await submitJob(admin, PRINTER, onePage);
    await waitUntilPrinting(admin, printing.path);
    first.advance(printedBeforeStop);
    expect((await getJob(admin, printing.path)).status.state).toBe('processing');
    expect((await getJob(admin, queued.path)).status.state).toBe('pending');

    for (const j of [completed, uploading, printing, queued]) before.set(j.id, await getJob(admin, j.path));
  });

  afterAll(async () => {
    await first.close();
    await second?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every job, document and upload session, and finishes the interrupted job on time', async () => {
    const port = Number(new URL(first.baseUrl).port);
    const stoppedAt = first.clock.now();
    await first.close();
    // Let the client's pooled keep-alive sockets see the server close them (real I/O only).
    await new Promise((r) => setTimeout(r, 50));

    // Started again after a long downtime, on a fresh simulated clock, on the same port.
    const resumedAt = stoppedAt + DOWNTIME_MS;
    second = await createEmulator({ dataDir: dir, clock: new SimulatedClock(resumedAt) });
    await second.listen({ port });
    expect(second.baseUrl).toBe(first.baseUrl);
    const emu = second;

    // The token signed before the restart still works: the key lives in the data folder.
    for (const j of [completed, uploading, printing, queued]) {
      const now = await getJob(admin, j.path);
      const was = before.get(j.id)!;
      expect(now.createdDateTime).toBe(was.createdDateTime);
      expect(now.configuration).toEqual(was.configuration);
      expect(now.createdBy).toEqual(was.createdBy);
    }
    expect((await getJob(admin, completed.path)).status).toEqual(before.get(completed.id)!.status);
    expect((await getJob(admin, uploading.path)).status).toMatchObject({ state: 'paused', details: ['uploadPending'] });
    expect((await getJob(admin, queued.path)).status.state).toBe('pending');
    expect((await getJob(admin, printing.path)).status).toMatchObject({ state: 'processing', details: ['transforming'] });
    expect(((await admin.api(`/print/shares/${shareId}`).get()) as { displayName: string }).displayName).toBe('Survives restarts');

    // The completed job's document and output are still there.
    const link = (await valueRequest(admin, `${completed.path}/documents/${completed.documentId}/$value`).get()) as Response;
    expect(link.status).toBe(302);
    expect(new Uint8Array(await (await fetch(link.headers.get('location')!)).arrayBuffer())).toEqual(onePage);
    expect((await fetch(`${emu.baseUrl}/emulator/jobs/${completed.id}/output`)).status).toBe(200);

    // The upload session carries on where it stopped.
    const half = Math.floor(threePages.length / 2);
    const status = await fetch(session.uploadUrl);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { nextExpectedRanges: string[] }).nextExpectedRanges).toEqual([`${half}-${threePages.length - 1}`]);
    const done = await putRange(session.uploadUrl, threePages, half, threePages.length - 1, threePages.length);
    expect(done.status).toBe(201);
    expect(await done.json()).toMatchObject({ id: uploading.documentId, documentName: 'half-way.pdf', size: threePages.length });
    await admin.api(`${uploading.path}/start`).post({});
    expect((await getJob(admin, uploading.path)).status.state).toBe('pending');

    // The interrupted job finishes after exactly the time it had left.
    const left = printMs(3, OFFICE_IPM, OFFICE_WARM_UP_S) - printedBeforeStop;
    emu.advance(left - 1);
    expect((await getJob(admin, printing.path)).status.state).toBe('processing');
    emu.advance(1);
    expect((await getJob(admin, printing.path)).status.state).toBe('completed');
    expect(emu.clock.now() - resumedAt).toBe(left);

    // Then the queue continues in order, on a printer that is still warm.
    await waitUntilPrinting(admin, queued.path);
    expect((await getJob(admin, uploading.path)).status.state).toBe('pending');
    emu.advance(printMs(1, OFFICE_IPM) - 1);
    expect((await getJob(admin, queued.path)).status.state).toBe('processing');
    emu.advance(1);
    expect((await getJob(admin, queued.path)).status.state).toBe('completed');

    await waitUntilPrinting(admin, uploading.path);
    emu.advance(printMs(6, OFFICE_IPM));
    expect((await getJob(admin, uploading.path)).status.state).toBe('completed');
    const manifest = (await (await fetch(`${emu.baseUrl}/emulator/jobs/${uploading.id}/manifest`)).json()) as { totals: { impressions: number } };
    expect(manifest.totals.impressions).toBe(6);
  });
});
