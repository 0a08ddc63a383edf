// Finished jobs are kept in the store, not in memory, and only as many and as
// long as the retention says; expired ones lose their spool files too.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/model/records.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID } from '../support/harness.js';

const open: Emulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'printsim-history-'));
  dirs.push(d);
  return d;
}

async function start(options: EmulatorOptions): Promise<Emulator> {
  const emu = await createEmulator({ clock: 'simulated', seed: 7, ...options });
  open.push(emu);
  return emu;
}

/** A job with a spooled document, canceled: finished, with a file to remove. */
async function finishedJob(emu: Emulator, owner = 'alice@contoso.com', printerId = DEFAULT_PRINTER_ID): Promise<JobRecord> {
  const job = emu.service.createJob({
    printerId,
    configuration: {},
    door: 'graph',
    createdBy: { id: null, displayName: owner, userPrincipalName: owner, ipAddress: null },
  });
  await emu.service.putDocument(job, new TextEncoder().encode('hello'), { documentName: 'a.txt', contentType: 'text/plain' });
  emu.service.cancelJob(job.id);
  return job;
}

describe('job history', () => {
  it('keeps the newest finished jobs per printer and removes the rest with their documents', async () => {
    const emu = await start({ dataDir: dataDir(), jobRetention: { perPrinter: 3 } });
    const removed: string[] = [];
    const twoRemoved = new Promise<void>((done) =>
      emu.service.events.on('jobsRemoved', (ids: string[]) => {
        removed.push(...ids);
        if (removed.length >= 2) done();
      }),
    );
    const jobs: JobRecord[] = [];
    for (let i = 0; i < 5; i++) jobs.push(await finishedJob(emu));
    const live = emu.service.createJob({
      printerId: DEFAULT_PRINTER_ID,
      configuration: {},
      door: 'ipp',
      createdBy: { id: null, displayName: 'bob', userPrincipalName: null, ipAddress: null },
    });
    await twoRemoved;
    expect(removed).toEqual(jobs.slice(0, 2).map((j) => j.id));
    const kept = emu.service.listJobs(DEFAULT_PRINTER_ID).map((j) => j.id);
    expect(kept).toEqual([...jobs.slice(2).map((j) => j.id), live.id]);
    for (const gone of jobs.slice(0, 2)) {
      expect(emu.service.findJob(gone.id)).toBeUndefined();
      expect(existsSync(emu.service.spool.documentPath(gone.documents[0]!.id))).toBe(false);
    }
    expect(existsSync(emu.service.spool.documentPath(jobs[4]!.documents[0]!.id))).toBe(true);

    // Graph answers 404 for a removed job, and lists the kept ones.
    await emu.listen();
    const admin = adminClient(emu);
    await expect(admin.api(`/print/printers/${DEFAULT_PRINTER_ID}/jobs/${jobs[0]!.id}`).get()).rejects.toMatchObject({ statusCode: 404 });
    const listed = (await admin.api(`/print/printers/${DEFAULT_PRINTER_ID}/jobs`).get()) as { value: Array<{ id: string }> };
    expect(listed.value.map((j) => j.id)).toEqual(kept);
  });

  it('removes jobs finished longer ago than maxAgeMs, on the clock', async () => {
    const emu = await start({ jobRetention: { perPrinter: null, maxAgeMs: 24 * 3600_000 } });
    const old = await finishedJob(emu);
    emu.advance(20 * 3600_000);
    const recent = await finishedJob(emu);
    emu.advance(3 * 3600_000);
    expect(emu.service.findJob(old.id)).toBeDefined();
    emu.advance(2 * 3600_000);
    expect(emu.service.findJob(old.id)).toBeUndefined();
    expect(emu.service.findJob(recent.id)).toBeDefined();
  });

  it('applies a lower limit to the history it finds at start, and keeps unfinished jobs whatever the limit', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir, jobRetention: { perPrinter: null } });
    const jobs: JobRecord[] = [];
    for (let i = 0; i < 4; i++) jobs.push(await finishedJob(first));
    const pending = first.service.createJob({
      printerId: DEFAULT_PRINTER_ID,
      configuration: {},
      door: 'graph',
      createdBy: { id: null, displayName: 'carol', userPrincipalName: 'carol@contoso.com', ipAddress: null },
    });
    await first.close();

    const second = await start({ dataDir: dir, jobRetention: { perPrinter: 1 } });
    await turn();
    await turn();
    expect(second.service.listJobs().map((j) => j.id)).toEqual([jobs[3]!.id, pending.id]);
    expect(second.service.listUnfinishedJobs().map((j) => j.id)).toEqual([pending.id]);
  });

  it('reads a finished job from the store as a fresh object and keeps what is saved to it', async () => {
    const emu = await start({ dataDir: dataDir() });
    const job = await finishedJob(emu);
    await turn();
    const a = emu.service.getJob(job.id);
    const b = emu.service.getJob(job.id);
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    emu.service.markDownloaded(a, a.documents[0]!);
    expect(emu.service.getJob(job.id).documents[0]!.downloadedDateTime).not.toBeNull();
    expect(emu.service.listUnfinishedJobs()).toEqual([]);
  });
});
