import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer } from './browser.js';

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

/** A tiny valid PNG, to pick as a photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(!!skip)('an enterprise safety officer on a phone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('signs in, files a hazard with a photo and sees it in the ledger', async () => {
    const { page, close } = await openBrowser(PHONE);
    try {
      await signIn(page, server.url, 'e001', /\/ledger$/);
      // The account is named for its role (…公司安全员): the header says it once.
      await expect.poll(() => page.textContent('[data-test="viewer"]')).toContain('瑞昌市广源气体有限公司安全员');

      await page.click('[data-test="file-hazard"]');
      await page.waitForURL(/\/hazards\/new$/);
      await page.click('[data-test="grade-SECOND"]');
      await page.fill('input[name="title"]', '储罐区静电接地不良（浏览器测试）');
      await page.fill('input[name="location"]', '储罐区');
      await page.setInputFiles('[data-test="choose-photo"]', {
        name: 'before.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      // The photo is uploaded as soon as it is picked; its id goes with the filing as photoIds.
      await page.waitForSelector('[data-test="photo"].uploaded');
      await page.fill('textarea[name="measures"]', '重新敷设接地线并检测');
      await page.fill('input[name="responsiblePerson"]', '张三');
      await screenshot(page, 'file-hazard-390x844.png', true);
      await page.click('[data-test="submit"]');

      await page.waitForURL(/\/ledger\?filed=/);
      await page.waitForSelector('[data-test="filed"]');
      const first = page.locator('[data-test="hazard-row"]').first();
      await expect.poll(() => first.textContent()).toContain('储罐区静电接地不良（浏览器测试）');
      expect(await first.locator('[data-test="grade"]').textContent()).toBe('二级');
      expect(await first.locator('[data-test="status"]').textContent()).toBe('整改中');
      await screenshot(page, 'ledger-390x844.png');

      await first.locator('a').click();
      await page.waitForSelector('[data-test="history"]');
      expect(await page.textContent('[data-test="history"]')).toContain('上报隐患');
      expect(await page.textContent('[data-test="history"]')).toContain('1 张照片');
      // The before-photo loads in an <img> (a signed link: an <img> cannot send the bearer header).
      const before = page.locator('[data-test="photos-before"] img');
      await expect
        .poll(() =>
          before.evaluate(
            (img) =>
              (img as unknown as { complete: boolean; naturalWidth: number }).complete &&
              (img as unknown as { naturalWidth: number }).naturalWidth,
          ),
        )
        .toBe(1);
      expect(await page.locator('[data-test="photos-after"] img').count()).toBe(0);
      expect(await page.isVisible('[data-test="submit-rectification"]')).toBe(true);
      expect(await page.isVisible('[data-test="verify-accept"]')).toBe(false);
    } finally {
      await close();
    }
  });

  it('is refused a supervisor page', async () => {
    const { page, close } = await openBrowser(PHONE);
    try {
      await signIn(page, server.url, 'e002', /\/ledger$/);
      for (const path of ['/enterprises', '/supervision/hazards', '/wallboard', '/analyst']) {
        await page.goto(`${server.url}${path}`);
        await page.waitForSelector('[data-test="forbidden"]');
        expect(page.url()).toContain('/forbidden');
      }
    } finally {
      await close();
    }
  });

  it('is sent to sign in when not signed in', async () => {
    const { page, close } = await openBrowser(PHONE);
    try {
      await page.goto(`${server.url}/ledger`);
      await page.waitForURL(/\/login\?redirect=(%2F|\/)ledger$/);
    } finally {
      await close();
    }
  });
});
