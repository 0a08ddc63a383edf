// Issue 2, flow 7: OData query options on print lists: paging with $top and
// @odata.nextLink, $select, $expand, $filter, refused options, v1.0 vs beta.
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import { adminClient, DEFAULT_PRINTER_ID, graphClient, makePdf, startEmulator } from '../support/harness.js';
import { createJob, expectGraphError, metadataUrl, submitJob, waitUntilPrinting, type CreatedJob } from '../support/graph-flow.js';

const PRINTER = `/print/printers/${DEFAULT_PRINTER_ID}`;

interface Page<T> {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  value: T[];
}
interface JobItem {
  id: string;
  status: { state: string };
  createdBy: { userPrincipalName: string };
  isFetchable: boolean;
  [key: string]: unknown;
}

/** Follows @odata.nextLink with client.api(nextLink) until the last page. */
async function allPages<T>(client: Client, first: Page<T>): Promise<{ items: T[]; pages: number; links: string[] }> {
  const items = [...first.value];
  const links: string[] = [];
  let pages = 1;
  let next = first['@odata.nextLink'];
  while (next !== undefined) {
    links.push(next);
    const page = (await client.api(next).get()) as Page<T>;
    items.push(...page.value);
    pages += 1;
    next = page['@odata.nextLink'];
    if (pages > 50) throw new Error('nextLink never ends');
  }
  return { items, pages, links };
}

describe('OData query options', () => {
  let emu: Emulator;
  let admin: Client;
  let alice: Client;
  const aliceJobs: CreatedJob[] = [];
  const adminJobs: CreatedJob[] = [];
  let completed: CreatedJob;
  let processing: CreatedJob;
  let pending: CreatedJob;

  beforeAll(async () => {
    emu = await startEmulator();
    admin = adminClient(emu);
    alice = graphClient(emu, { kind: 'user', upn: 'alice@contoso.com', scopes: ['PrintJob.ReadWrite'] });
    const share = (await admin.api('/print/shares').post({
      displayName: 'Everyone',
      allowAllUsers: true,
      'printer@odata.bind': `https://graph.microsoft.com/v1.0${PRINTER}`,
    })) as { id: string };
    const pdf = await makePdf(1);

    completed = await submitJob(admin, PRINTER, pdf);
    await waitUntilPrinting(admin, completed.path);
    emu.advance(60_000);
    processing = await submitJob(admin, PRINTER, pdf);
    pending = await submitJob(admin, PRINTER, pdf);
    adminJobs.push(completed, processing, pending);
    for (let i = 0; i < 2; i++) adminJobs.push(await createJob(admin, PRINTER));
    for (let i = 0; i < 5; i++) {
      const job = await createJob(alice, `/print/shares/${share.id}`);
      aliceJobs.push({ ...job, path: `${PRINTER}/jobs/${job.id}` });
    }
  });
  afterAll(async () => {
    await emu.close();
  });

  it('pages job lists with $top and @odata.nextLink, which the SDK follows verbatim', async () => {
    const first = (await admin.api(`${PRINTER}/jobs`).top(3).get()) as Page<JobItem>;
    expect(first.value).toHaveLength(3);
    expect(first['@odata.context']).toBe(metadataUrl(emu, `print/printers('${DEFAULT_PRINTER_ID}')/jobs`));
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${emu.baseUrl}/v1\\.0/print/printers/${DEFAULT_PRINTER_ID}/jobs\\?`));
    const { items, pages } = await allPages(admin, first);
    const everyJob = [...adminJobs, ...aliceJobs].map((j) => j.id).sort((a, b) => Number(a) - Number(b));
    expect(items.map((j) => j.id)).toEqual(everyJob);
    expect(pages).toBe(Math.ceil(everyJob.length / 3));
  });

  it('keeps $filter and $select across pages', async () => {
    const first = (await admin
      .api(`${PRINTER}/jobs`)
      .filter("createdBy/userPrincipalName eq 'alice@contoso.com'")
      .select('id,createdBy')
      .top(2)
      .get()) as Page<JobItem>;
    const { items, links } = await allPages(admin, first);
    expect(links.length).toBeGreaterThan(0);
    expect(items.map((j) => j.id)).toEqual(aliceJobs.map((j) => j.id));
    for (const j of items) {
      expect(j.createdBy.userPrincipalName).toBe('alice@contoso.com');
      expect(j).not.toHaveProperty('status');
    }
  });

  it('pages printers with $top', async () => {
    const first = (await admin.api('/print/printers').top(1).get()) as Page<{ id: string }>;
    const { items, pages } = await allPages(admin, first);
    expect(items.map((p) => p.id)).toEqual(emu.printers.map((p) => p.id));
    expect(pages).toBe(emu.printers.length);
  });

  it('returns printer capabilities only when $select names them', async () => {
    const plain = (await admin.api('/print/printers').get()) as Page<Record<string, unknown>>;
    expect(plain.value[0]).not.toHaveProperty('capabilities');
    const selected = (await admin.api('/print/printers').select('id,displayName,capabilities').get()) as Page<Record<string, unknown>>;
    for (const p of selected.value) {
      expect(Object.keys(p).sort()).toEqual(['capabilities', 'displayName', 'id']);
    }
    expect(selected.value[0]!.capabilities).toMatchObject({ duplexModes: ['oneSided', 'flipOnLongEdge', 'flipOnShortEdge'] });

    const one = (await admin.api(PRINTER).get()) as Record<string, unknown>;
    expect(one).not.toHaveProperty('capabilities');
    expect(one).toHaveProperty('defaults');
    const withCaps = (await admin.api(PRINTER).select('capabilities').get()) as Record<string, unknown>;
    expect(withCaps.capabilities).toMatchObject({ mediaSizes: expect.arrayContaining(['A4', 'North America Letter']) });
    expect(withCaps).not.toHaveProperty('status');
  });

  it('honours $select on a job', async () => {
    const job = (await admin.api(completed.path).select('id,status').get()) as Record<string, unknown>;
    expect(Object.keys(job).sort()).toEqual(['@odata.context', 'id', 'status']);
    expect(job.status).toMatchObject({ state: 'completed' });
    const err = await expectGraphError(admin.api(completed.path).select('id,colour').get(), 400, 'invalidRequest');
    expect(err.message).toContain('colour');
  });

  it('expands documents and tasks on a job and on a list', async () => {
    const plain = (await admin.api(completed.path).get()) as Record<string, unknown>;
    expect(plain).not.toHaveProperty('documents');
    expect(plain).not.toHaveProperty('tasks');
    const job = (await admin.api(completed.path).expand('documents,tasks').get()) as { documents: Array<{ id: string; size: number }>; tasks: unknown[] };
    expect(job.documents).toEqual([expect.objectContaining({ id: completed.documentId, contentType: 'application/pdf' })]);
    expect(job.documents[0]!.size).toBeGreaterThan(0);
    expect(job.tasks).toEqual([]);

    const list = (await admin.api(`${PRINTER}/jobs`).expand('documents').get()) as Page<{ id: string; documents: Array<{ id: string }> }>;
    const byId = new Map(list.value.map((j) => [j.id, j]));
    for (const j of [...adminJobs, ...aliceJobs]) expect(byId.get(j.id)!.documents.map((d) => d.id)).toEqual([j.documentId]);
    const unexpanded = (await admin.api(`${PRINTER}/jobs`).get()) as Page<Record<string, unknown>>;
    expect(unexpanded.value[0]).not.toHaveProperty('documents');

    const err = await expectGraphError(admin.api(completed.path).expand('printer').get(), 400, 'invalidRequest');
    expect(err.message).toContain('printer');
  });

  it('filters on createdBy/userPrincipalName, status/state and isFetchable', async () => {
    const byUser = (await admin.api(`${PRINTER}/jobs`).filter("createdBy/userPrincipalName eq 'alice@contoso.com'").get()) as Page<JobItem>;
    expect(byUser.value.map((j) => j.id)).toEqual(aliceJobs.map((j) => j.id));

    const done = (await admin.api(`${PRINTER}/jobs`).filter("status/state eq 'completed'").get()) as Page<JobItem>;
    expect(done.value.map((j) => j.id)).toEqual([completed.id]);
    const paused = (await admin.api(`${PRINTER}/jobs`).filter("status/state eq 'paused'").get()) as Page<JobItem>;
    expect(paused.value.map((j) => j.id)).toEqual([...adminJobs.slice(3), ...aliceJobs].map((j) => j.id));

    const fetchable = (await admin.api(`${PRINTER}/jobs`).filter('isFetchable eq true').get()) as Page<JobItem>;
    expect(fetchable.value.map((j) => j.id)).toEqual([processing.id, pending.id]);
    for (const j of fetchable.value) expect(j.isFetchable).toBe(true);

    const both = (await admin
      .api(`${PRINTER}/jobs`)
      .filter("createdBy/userPrincipalName eq 'admin@contoso.com' and status/state eq 'pending'")
      .get()) as Page<JobItem>;
    expect(both.value.map((j) => j.id)).toEqual([pending.id]);

    const err = await expectGraphError(admin.api(`${PRINTER}/jobs`).filter("startswith(displayName,'x')").get(), 400, 'invalidRequest');
    expect(err.message).toContain('$filter');
  });

  it('a user without .All sees only their own jobs in a list', async () => {
    const mine = (await alice.api(`${PRINTER}/jobs`).get()) as Page<JobItem>;
    expect(mine.value.map((j) => j.id)).toEqual(aliceJobs.map((j) => j.id));
  });

  it.each([
    ['$count', (c: Client) => c.api(`${PRINTER}/jobs`).count(true)],
    ['$search', (c: Client) => c.api(`${PRINTER}/jobs`).search('"report"')],
    ['$orderby', (c: Client) => c.api(`${PRINTER}/jobs`).orderby('createdDateTime desc')],
    ['$foo', (c: Client) => c.api(`${PRINTER}/jobs`).query('$foo=1')],
    ['$count', (c: Client) => c.api('/print/printers').count(true)],
    ['$search', (c: Client) => c.api('/print/printers').search('"office"')],
    ['$orderby', (c: Client) => c.api('/print/shares').orderby('displayName')],
    ['$top', (c: Client) => c.api(`${PRINTER}/jobs/${'1'}`).top(1)],
  ])('refuses %s with a 400 naming it', async (option, build) => {
    const err = await expectGraphError(build(admin).get(), 400, 'invalidRequest');
    expect(err.message).toContain(option);
  });

  it('adds displayName and completedDateTime to jobs on /beta only', async () => {
    const v1 = (await admin.api(completed.path).get()) as Record<string, unknown>;
    expect(v1).not.toHaveProperty('displayName');
    expect(v1).not.toHaveProperty('completedDateTime');
    expect(v1['@odata.context']).toBe(metadataUrl(emu, `print/printers('${DEFAULT_PRINTER_ID}')/jobs/$entity`));

    const beta = graphClient(emu, { kind: 'user', upn: 'admin@contoso.com', scopes: ['PrintJob.ReadWrite.All'], admin: true }, 'beta');
    const job = (await beta.api(completed.path).get()) as Record<string, unknown>;
    expect(job['@odata.context']).toBe(metadataUrl(emu, `print/printers('${DEFAULT_PRINTER_ID}')/jobs/$entity`, 'beta'));
    expect(job.displayName).toBe('document.pdf');
    expect(Date.parse(String(job.completedDateTime))).toBeGreaterThan(Date.parse(String(job.createdDateTime)));
    const open = (await beta.api(pending.path).get()) as Record<string, unknown>;
    expect(open).toHaveProperty('completedDateTime', null);
  });
});
