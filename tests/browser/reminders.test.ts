import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer } from './browser.js';

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

describe.skipIf(!!skip)('the director and the reminder rhythm', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('issues the weekly dispatch from its page and reads each department’s list', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.goto(`${server.url}/reminders/dispatch`);
      await page.waitForSelector('[data-test="dispatch-none"]');
      await page.getByRole('button', { name: '立即生成本周调度单' }).click();
      await expect.poll(() => page.locator('[data-test="dispatch-department"]').count(), { timeout: 15_000 }).toBe(5);
      expect(await page.textContent('h1')).toBe('每周汇总调度');
      const first = page.locator('[data-test="dispatch-department"]').first();
      expect(await first.textContent()).toContain('企业沉默');
      expect(await first.textContent()).toContain('超期隐患');
      await screenshot(page, 'dispatch-director.png', true);
    } finally {
      await close();
    }
  });

  it('issues the semi-monthly bulletin from its page; the enterprises it names become key targets', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.goto(`${server.url}/reminders/bulletin`);
      await page.waitForSelector('[data-test="bulletin-none"]');
      await page.getByRole('button', { name: '立即通报上一个半月' }).click();
      await expect
        .poll(() => page.locator('[data-test="bulletin-row"]').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      expect(await page.textContent('[data-test="bulletin-criteria"]')).toContain('未登录');
      const shown = await page.locator('[data-test="bulletin-row"] small').first().textContent();
      await screenshot(page, 'bulletin-director.png', true);

      const token = await server.login('director');
      const named = (await server.gql(`{ bulletin { named { code } } }`, {}, token)).data!.bulletin.named.map(
        (e: any) => e.code,
      );
      expect(named).toContain(shown);
      const enterprises = (
        await server.gql(`{ enterprises(first: 200) { edges { node { code keyTarget } } } }`, {}, token)
      ).data!.enterprises.edges.map((e: any) => e.node);
      expect(
        enterprises
          .filter((e: any) => e.keyTarget)
          .map((e: any) => e.code)
          .sort(),
      ).toEqual([...named].sort());
      expect((await server.gql(`{ wallboard { keyTargetCount } }`, {}, token)).data!.wallboard.keyTargetCount).toBe(
        named.length,
      );
    } finally {
      await close();
    }
  });

  it('takes today’s snapshot from the history page, shows its thumbnail, and opens the frozen day in Chinese', async () => {
    const { page, close } = await openBrowser(PHONE);
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.goto(`${server.url}/snapshots`);
      await page.click('[data-test="take-snapshot"]');
      await expect.poll(() => page.locator('[data-test="snapshot-card"]').count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => page.locator('[data-test="snapshot-card"] img').count(), { timeout: 60_000 }).toBe(1);
      await page.click('[data-test="snapshot-card"] a');
      await page.waitForSelector('[data-snapshot-state="ready"]');
      expect(await page.textContent('[data-test="frozen-notice"]')).toContain('冻结时刻的数据');
      expect(await page.textContent('[data-test="enterprise-count"]')).toBe('100');
      expect(await page.textContent('main')).toContain('三个显示');
      await screenshot(page, 'snapshot-phone.png', true);
    } finally {
      await close();
    }
  }, 120_000);
});
