import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, signIn, startDashboardServer } from './browser.js';

const skip = browserSkipReason();

describe.skipIf(!!skip)('the server’s refusals in the dashboard’s language', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says a wrong password in Chinese, then in English once English is chosen', async () => {
    const { page, close } = await openBrowser(PHONE);
    try {
      await page.goto(`${server.url}/login`);
      await page.fill('input[name="username"]', 'chief1');
      await page.fill('input[name="password"]', 'not-the-password');
      await page.click('button[type="submit"]');
      const alert = page.locator('.login [role="alert"]');
      await expect.poll(() => alert.textContent()).toBe('用户名或密码不正确。');
      await page.selectOption('[data-test="language"]', 'en');
      await expect.poll(() => alert.textContent()).toBe('The username or password is incorrect.');
      await page.click('button[type="submit"]');
      await expect.poll(() => alert.textContent()).toBe('The username or password is incorrect.');
    } finally {
      await close();
    }
  });

  it('refuses a file that is no photo in Chinese on the filing page', async () => {
    const { page, close } = await openBrowser(PHONE);
    try {
      await signIn(page, server.url, 'e001', /\/ledger$/);
      await page.goto(`${server.url}/hazards/new`);
      await page.setInputFiles('[data-test="choose-photo"]', {
        name: 'notes.png',
        mimeType: 'image/png',
        buffer: Buffer.from('these are notes, not a photo'),
      });
      await expect
        .poll(() => page.textContent('[data-test="photo-failed"]'))
        .toContain('只接受 JPEG、PNG 或 WebP 格式的照片');
    } finally {
      await close();
    }
  });
});
