// The console in real Chromium: a Graph job appears and completes live, its
// page previews the sheets the manifest lists, a fault injected from the
// printer page stops and resumes printing, and "try a configuration" previews
// and submits.
import type { Client } from '@microsoft/microsoft-graph-client';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator.js';
import type { SheetManifest } from '../../src/model/manifest.js';
import { raw, submitJob, waitUntilPrinting } from '../support/graph-flow.js';
import { adminClient, DEFAULT_PRINTER_ID, makePdf, until } from '../support/harness.js';
import { missingTools } from '../support/tools.js';
import { launchChromium, screenshotPath } from './chromium.js';
import { startConsoleEmulator } from './console-emulator.js';

const PRINTER = `/print/printers/${DEFAULT_PRINTER_ID}`;

const skip = missingTools('chromium');

describe.skipIf(skip)('the console in Chromium', () => {
  let emu: Emulator;
  let admin: Client;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    emu = await startConsoleEmulator();
    admin = adminClient(emu);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Shorter than the test timeout, so a missing update fails with the selector in the message.
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const live = () => page.locator('html[data-live="open"]').waitFor({ state: 'attached' });
  const leaf = (id: string) => emu.service.getJob(id).leaf;
  /** Lets every thumbnail load (later sheets load lazily), so screenshots show paper. */
  const allImagesLoaded = () =>
    page.evaluate(async () => {
      const images = [...document.querySelectorAll('img')];
      for (const img of images) img.loading = 'eager';
      await Promise.all(images.map((img) => (img.complete ? null : new Promise((r) => img.addEventListener('load', r, { once: true })))));
      return images.every((img) => img.naturalWidth > 0);
    });

  async function manifestOf(id: string): Promise<SheetManifest> {
    return (await (await fetch(`${emu.baseUrl}/emulator/jobs/${id}/manifest`)).json()) as SheetManifest;
  }

  async function sidesShown(): Promise<Array<{ front: string; back: string | null }>> {
    return page.locator('.sheet').evaluateAll((sheets) =>
      sheets.map((s) => ({
        front: s.querySelector('[data-side="front"]')!.getAttribute('data-source-pages')!,
        back: s.querySelector('[data-side="back"]')?.getAttribute('data-source-pages') ?? null,
      })),
    );
  }

  function sidesOf(manifest: SheetManifest): Array<{ front: string; back: string | null }> {
    return manifest.sheets.map((s) => ({
      front: s.front.sourcePages.map((p) => p.page).join(' '),
      back: s.back === null ? null : s.back.sourcePages.map((p) => p.page).join(' '),
    }));
  }

  it('shows a job submitted over Graph going to completed without a reload', async () => {
    await page.goto(`${emu.baseUrl}/jobs`);
    await live();
    await page.evaluate(() => {
      (window as unknown as { stayed?: boolean }).stayed = true;
    });
    expect(await page.locator('table.jobs tbody tr').count()).toBe(0);

    const job = await submitJob(admin, PRINTER, await makePdf(5), { pagesPerSheet: 2, duplexMode: 'flipOnLongEdge' });
    const row = page.locator(`tr[data-job-id="${job.id}"]`);
    await row.waitFor();
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('admin@contoso.com');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('Graph');

    await until(emu, () => leaf(job.id) === 'completed');
    await page.locator(`tr[data-job-id="${job.id}"][data-state="completed"]`).waitFor();
    expect(await page.locator('[data-live-total]').textContent()).toBe('1');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await page.screenshot({ path: screenshotPath('jobs') });

    await page.goto(`${emu.baseUrl}/`);
    await live();
    await page.screenshot({ path: screenshotPath('home') });
  });

  it('previews the sheets of a job with the source pages where the manifest puts them', async () => {
    await page.goto(`${emu.baseUrl}/jobs`);
    await page.getByRole('link', { name: 'Job 1' }).click();
    await page.waitForURL(`${emu.baseUrl}/jobs/1`);
    await live();

    const manifest = await manifestOf('1');
    // 5 pages, 2-up, long-edge duplex: pages 1-2 | 3-4 on sheet 1, 5 | blank on sheet 2.
    expect(sidesOf(manifest)).toEqual([
      { front: '1 2', back: '3 4' },
      { front: '5', back: '' },
    ]);
    expect(await page.locator('.sheet').count()).toBe(manifest.totals.sheets);
    expect(await sidesShown()).toEqual(sidesOf(manifest));
    expect(await page.locator('[data-side="back"][data-blank="true"]').count()).toBe(1);
    // Each page number is drawn on its N-up cell.
    const firstFront = page.locator('.sheet').first().locator('[data-side="front"] .cell');
    expect(await firstFront.evaluateAll((cells) => cells.map((c) => c.textContent))).toEqual(['1', '2']);
    // A4 sheets at their proportions.
    const paper = await page.locator('.sheet .paper').first().boundingBox();
    expect(paper!.height / paper!.width).toBeCloseTo(297 / 210, 1);
    expect(await allImagesLoaded()).toBe(true);

    const timeline = emu.service.getJob('1').timeline;
    const rows = page.locator('#job-timeline tbody tr');
    expect(await rows.count()).toBe(timeline.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-leaf')))).toEqual(timeline.map((t) => t.leaf));
    expect(await page.locator('#job-timeline').textContent()).toContain('acquired by printer office-color');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download output PDF' }).click();
    expect((await download).suggestedFilename()).toBe('job-1.pdf');

    await page.screenshot({ path: screenshotPath('job'), fullPage: true });
    if (process.env.PRINTSIM_UPDATE_DOCS_SCREENSHOT === '1') {
      // The README's picture: kept under 200 KB, so one viewport at 1x.
      const docs = await browser.newPage({ viewport: { width: 1000, height: 1150 } });
      await docs.goto(`${emu.baseUrl}/jobs/1`);
      await docs.locator('.sheet img').first().waitFor();
      writeFileSync(new URL('../../docs/console-job.png', import.meta.url), await docs.screenshot());
      await docs.close();
    }

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('job-narrow'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('stops the printing job with a fault from the printer page and resumes it when cleared', async () => {
    const job = await submitJob(admin, PRINTER, await makePdf(4));
    await page.goto(`${emu.baseUrl}/printers/${DEFAULT_PRINTER_ID}`);
    await live();
    await waitUntilPrinting(admin, `${PRINTER}/jobs/${job.id}`);

    await page.getByRole('button', { name: 'Copy Graph id' }).click();
    await expect.poll(() => page.locator('[data-toast]').textContent()).toBe(`Copied ${DEFAULT_PRINTER_ID}`);

    // By keyboard, as anyone without a mouse would.
    await page.getByRole('button', { name: 'Media jam' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#printer-status .chip-stopped').waitFor();
    expect(await page.locator('#printer-status').textContent()).toContain('media jam');
    expect(emu.printer(DEFAULT_PRINTER_ID).status()).toMatchObject({ state: 'stopped', details: ['mediaJam'] });
    const graph = (await admin.api(PRINTER).get()) as { status: { state: string; details: string[] } };
    expect(graph.status).toMatchObject({ state: 'stopped', details: ['mediaJam'] });
    expect(leaf(job.id)).toBe('stopped.transforming');
    await page.locator(`tr[data-job-id="${job.id}"][data-state="stopped"]`).waitFor();
    await page.screenshot({ path: screenshotPath('printer-fault'), fullPage: true });

    await page.getByRole('button', { name: 'Clear fault' }).click();
    await page.locator('#printer-status .chip-processing').waitFor();
    expect(emu.printer(DEFAULT_PRINTER_ID).status().state).toBe('processing');
    await until(emu, () => leaf(job.id) === 'completed');
    await page.locator(`tr[data-job-id="${job.id}"][data-state="completed"]`).waitFor();
    await page.locator('#printer-status .chip-idle').waitFor();
  });

  it('previews a configuration without a job, shows the API message for a bad one, and submits it', async () => {
    const jobsBefore = emu.service.listJobs().length;
    const result = page.locator('[data-try-result]');
    const previews = async () => Number((await result.getAttribute('data-previews')) ?? 0);
    /** Runs `action` and waits for the preview it causes. */
    const after = async (action: () => Promise<unknown>): Promise<string> => {
      const before = await previews();
      await action();
      await expect.poll(previews, { timeout: 10_000 }).toBeGreaterThan(before);
      return (await result.getAttribute('data-state'))!;
    };

    await page.goto(`${emu.baseUrl}/try`);
    await expect.poll(previews, { timeout: 10_000 }).toBeGreaterThan(0);
    // The built-in sample: six A4 pages, one per sheet.
    expect(await page.locator('.sheet').count()).toBe(6);

    expect(await after(() => page.getByLabel('Pages per sheet').selectOption('4'))).toBe('ready');
    expect(await sidesShown()).toEqual([{ front: '1 2 3 4', back: null }, { front: '5 6', back: null }]);
    expect(await after(() => page.getByLabel('Duplex').selectOption('flipOnLongEdge'))).toBe('ready');
    expect(await sidesShown()).toEqual([{ front: '1 2 3 4', back: '5 6' }]);
    // Only what the printer supports is offered.
    expect(await page.getByLabel('Pages per sheet').locator('option').allTextContents()).toEqual(['Printer default (1)', '1', '2', '4', '6', '9', '16']);
    const mono = emu.printers.find((p) => p.name === 'letter-mono')!;
    expect(await after(() => page.getByLabel('Printer', { exact: true }).selectOption(mono.id))).toBe('ready');
    expect(await page.getByLabel('Media size').locator('option').allTextContents()).toEqual([
      `Printer default (${mono.defaults.mediaSize})`,
      ...mono.capabilities.mediaSizes!,
    ]);
    expect(await page.locator('.sheet h3').first().textContent()).toContain(mono.defaults.mediaSize!);
    expect(await after(() => page.getByLabel('Printer', { exact: true }).selectOption(DEFAULT_PRINTER_ID))).toBe('ready');
    expect(await after(() => page.getByLabel('Pages per sheet').selectOption('4'))).toBe('ready');
    expect(await after(() => page.getByLabel('Duplex').selectOption('flipOnLongEdge'))).toBe('ready');

    const ranges = page.getByLabel('Page ranges');
    expect(await after(() => ranges.fill('3-1').then(() => ranges.press('Tab')))).toBe('error');
    const api = await raw(admin, `${PRINTER}/jobs`).post({ configuration: { pagesPerSheet: 4, duplexMode: 'flipOnLongEdge', pageRanges: [{ start: 3, end: 1 }] } });
    expect(api.status).toBe(400);
    const apiMessage = ((await api.json()) as { error: { message: string } }).error.message;
    expect(await page.locator('[data-try-form] [role="alert"]').textContent()).toBe(apiMessage);

    expect(await after(() => ranges.fill('').then(() => ranges.press('Tab')))).toBe('ready');
    const three = Buffer.from(await makePdf(3));
    expect(await after(() => page.locator('input[type=file]').setInputFiles({ name: 'three.pdf', mimeType: 'application/pdf', buffer: three }))).toBe('ready');
    expect(await sidesShown()).toEqual([{ front: '1 2 3', back: '' }]);
    expect(await allImagesLoaded()).toBe(true);
    expect(emu.service.listJobs().length).toBe(jobsBefore);
    await page.screenshot({ path: screenshotPath('try'), fullPage: true });

    await page.getByRole('button', { name: 'Submit as a job' }).click();
    await page.waitForURL(/\/jobs\/\d+$/);
    const id = page.url().split('/').pop()!;
    const job = emu.service.getJob(id);
    expect(job.createdBy.userPrincipalName).toBe('console@printsim.local');
    expect(job.door).toBe('graph');
    expect(job.configuration).toEqual({ pagesPerSheet: 4, duplexMode: 'flipOnLongEdge' });
    expect(job.documents[0]).toMatchObject({ displayName: 'three.pdf', contentType: 'application/pdf', size: three.length });

    // The open job page fills in its preview when the job has been rendered.
    await live();
    await until(emu, () => leaf(id) === 'completed');
    await page.locator('#job-summary .chip-completed').waitFor();
    await page.locator('.sheet').first().waitFor();
    expect(await sidesShown()).toEqual(sidesOf(await manifestOf(id)));
  });

  it('cancels a job from its page', async () => {
    const job = await submitJob(admin, PRINTER, await makePdf(2));
    await page.goto(`${emu.baseUrl}/jobs/${job.id}`);
    await live();
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.locator('#job-summary .chip-canceled').waitFor();
    expect(leaf(job.id)).toBe('canceled');
    expect(emu.service.getJob(job.id).timeline.at(-1)!.reason).toBe('canceled from the console');
    expect(await page.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
  });

  it('stays usable in a narrow window', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${emu.baseUrl}/jobs`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('jobs-narrow'), fullPage: true });
    await page.goto(`${emu.baseUrl}/try`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
