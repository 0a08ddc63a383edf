// The jobs page pages and filters on the server, newest first, with stable
// "older"/"newer" links; speed is measured by bench/console-jobs.ts, not here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { startConsoleEmulator } from './console-emulator.js';

const OWNERS = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];

interface ListedPage {
  ids: number[];
  total: number;
  older: string | null;
  newer: string | null;
}

function listed(html: string): ListedPage {
  const ids = [...html.matchAll(/<tr data-job-id="(\d+)"/g)].map((m) => Number(m[1]));
  const total = Number(/data-live-total>(\d+)</.exec(html)?.[1]);
  const link = (rel: string) => {
    const m = new RegExp(`<a href="([^"]+)" rel="${rel}"`).exec(html);
    return m === null ? null : m[1]!.replace(/&amp;/g, '&');
  };
  return { ids, total, older: link('next'), newer: link('prev') };
}

describe('the jobs page with many jobs', () => {
  let emu: Emulator;
  const seeded: Array<{ id: number; printerId: string; owner: string; canceled: boolean }> = [];

  beforeAll(async () => {
    emu = await startConsoleEmulator();
    const printers = emu.printers.map((p) => p.id);
    for (let i = 0; i < 230; i++) {
      const owner = OWNERS[i % OWNERS.length]!;
      const printerId = printers[i % printers.length]!;
      const job = emu.service.createJob({
        printerId,
        configuration: {},
        door: i % 5 === 0 ? 'ipp' : 'graph',
        createdBy: { id: null, displayName: owner, userPrincipalName: owner, ipAddress: null },
      });
      const canceled = i % 4 === 0;
      if (canceled) emu.service.cancelJob(job.id);
      seeded.push({ id: Number(job.id), printerId, owner, canceled });
    }
  });
  afterAll(async () => {
    await emu.close();
  });

  const get = async (path: string): Promise<ListedPage> => {
    const res = await fetch(`${emu.baseUrl}${path}`);
    expect(res.status, path).toBe(200);
    return listed(await res.text());
  };

  it('walks every job exactly once, newest first, following "Older" then back with "Newer"', async () => {
    const pages: ListedPage[] = [];
    let next: string | null = '/jobs';
    while (next !== null) {
      const page = await get(next);
      pages.push(page);
      next = page.older;
    }
    expect(pages.map((p) => p.ids.length)).toEqual([50, 50, 50, 50, 30]);
    expect(pages.flatMap((p) => p.ids)).toEqual(seeded.map((s) => s.id).reverse());
    expect(pages.every((p) => p.total === 230)).toBe(true);
    expect(pages[0]!.newer).toBeNull();
    expect(pages[pages.length - 1]!.older).toBeNull();

    const back = await get(pages[pages.length - 1]!.newer!);
    expect(back.ids).toEqual(pages[pages.length - 2]!.ids);
  });

  it('keeps a page the same when new jobs arrive', async () => {
    const first = await get('/jobs');
    const second = await get(first.older!);
    emu.service.createJob({
      printerId: emu.printers[0]!.id,
      configuration: {},
      door: 'graph',
      createdBy: { id: null, displayName: 'late', userPrincipalName: 'late@contoso.com', ipAddress: null },
    });
    expect((await get(first.older!)).ids).toEqual(second.ids);
    const fresh = await get('/jobs');
    expect(fresh.ids[0]).toBe(231);
    expect(fresh.total).toBe(231);
  });

  it('filters by printer, state, owner and door together, on the server', async () => {
    const printerId = emu.printers[1]!.id;
    const expected = seeded.filter((s) => s.printerId === printerId && s.canceled && s.owner === 'bob@contoso.com').map((s) => s.id).reverse();
    expect(expected.length).toBeGreaterThan(0);
    const page = await get(`/jobs?printer=${printerId}&state=canceled&owner=BOB@contoso.com`);
    expect(page.ids).toEqual(expected);
    expect(page.total).toBe(expected.length);

    const ipp = await get('/jobs?door=ipp&size=500');
    expect(ipp.ids).toEqual(seeded.filter((s) => s.id % 5 === 1).map((s) => s.id).reverse());

    const paused = await get('/jobs?state=paused&size=20');
    expect(paused.ids).toHaveLength(20);
    for (const id of paused.ids) expect(emu.service.getJob(String(id)).leaf).toBe('paused.uploadPending');
    const olderPaused = await get(paused.older!);
    expect(olderPaused.ids[0]).toBeLessThan(paused.ids[19]!);
    expect(olderPaused.ids.every((id) => !seeded[id - 1]!.canceled)).toBe(true);
  });

  it('ignores filter values it does not know instead of failing', async () => {
    const page = await get('/jobs?state=melted&size=abc&before=-3');
    expect(page.ids).toHaveLength(50);
  });
});
