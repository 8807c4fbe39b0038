import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, screenshot, signIn, startDashboardServer } from './browser.js';

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

describe.skipIf(!!skip)('an analyst’s pages: statistics with charts and exports, and the assessment', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows the departments adding up to the total, draws both charts and downloads the table', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 1000 });
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.goto(`${server.url}/analytics`);
      const rows = page.locator('[data-test="stats-table"] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(5);
      const found = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.children[1]!.textContent)));
      const total = Number(await page.locator('[data-test="stats-table"] tfoot th').nth(1).textContent());
      expect(found.reduce((a, b) => a + b, 0)).toBe(total);
      expect(total).toBeGreaterThan(0);
      // ECharts draws on a canvas inside each chart's box.
      await expect.poll(() => page.locator('[data-test="group-chart"] canvas').count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('[data-test="series-chart"] canvas').count()).toBeGreaterThan(0);
      await screenshot(page, 'analytics-director.png', true);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="export-stats"]')]);
      expect(download.suggestedFilename()).toBe('隐患统计_按科室.xlsx');
      const book = new ExcelJS.Workbook();
      const file = await readFile((await download.path())!);
      await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe('科室');
      expect(sheet.actualRowCount).toBe(1 + 5 + 1);
    } finally {
      await close();
    }
  }, 120_000);

  it('keeps the table and charts readable on a phone: one line a cell, the table scrolling, the page not', async () => {
    const { page, close } = await openBrowser({ width: 390, height: 844 });
    try {
      await signIn(page, server.url, 'analyst', /\/analyst$/);
      await page.goto(`${server.url}/analytics`);
      const rows = page.locator('[data-test="stats-table"] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(5);
      const layout = await page.$eval('[data-test="stats-table"]', (table) => {
        const heights = [...table.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().height);
        const root = table.closest('html')!;
        return {
          pageScrolls: root.scrollWidth > root.clientWidth,
          tallestCell: Math.max(...heights),
          tableWider: table.getBoundingClientRect().width > root.clientWidth,
        };
      });
      expect(layout.pageScrolls).toBe(false);
      // A squeezed table broke 危险化学品安全监督管理科 into a character a line (over 200 px tall).
      expect(layout.tallestCell).toBeLessThan(60);
      expect(layout.tableWider).toBe(true);
      await screenshot(page, 'analytics-analyst-390x844.png', true);
    } finally {
      await close();
    }
  }, 120_000);

  it('ranks enterprises, explains a subject’s lost points, and lets the director edit the scheme', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 1000 });
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.goto(`${server.url}/assessment`);
      const ranking = page.locator('[data-test="ranking"] tbody tr');
      await expect.poll(() => ranking.count(), { timeout: 20_000 }).toBe(100);
      await ranking.last().click();
      const items = page.locator('[data-test="breakdown"] tbody tr');
      await expect.poll(() => items.count()).toBeGreaterThan(3);
      expect(await page.locator('[data-test="breakdown"]').textContent()).toMatch(/扣/);
      expect(await page.locator('[data-test="scheme"]').count()).toBe(1);
      await screenshot(page, 'assessment-director.png', true);
    } finally {
      await close();
    }
  }, 120_000);

  it('shows an analyst no scheme editor: the server says who may change it', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 1000 });
    try {
      await signIn(page, server.url, 'analyst', /\/analyst$/);
      await page.goto(`${server.url}/assessment`);
      await expect.poll(() => page.locator('[data-test="ranking"] tbody tr').count(), { timeout: 20_000 }).toBe(100);
      expect(await page.locator('[data-test="scheme"]').count()).toBe(0);
      expect(await page.locator('[data-test="close-period"]').count()).toBe(0);
      expect(await page.locator('[data-test="export-assessment"]').count()).toBe(1);
    } finally {
      await close();
    }
  }, 120_000);
});
