import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer, TV } from './browser.js';
import { chineseChromeIn, englishIn, pagesOf, settle, visibleText } from './page-checks.js';

const skip = browserSkipReason();

describe('what counts as an English sentence', () => {
  it('finds English words in a row and lets product names, codes and units through', () => {
    expect(englishIn('超期 7 天\n7 days over')).toEqual(['days over  ⟵  7 days over']);
    expect(englishIn('理由：Not really rectified, found on site.')).toHaveLength(1);
    expect(englishIn('HazardLoop · 导出 PDF · 12 MB · e001 · GraphQL')).toEqual([]);
    expect(englishIn('隐患台账 Loading')).toEqual(['Loading  ⟵  隐患台账 Loading']);
    expect(englishIn('用户名 director · 密码')).toEqual([]);
  });
});

describe.skipIf(!!skip)('Chinese everywhere in Chinese mode, English in English mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a wrong password in Chinese, then English; shows the bulletin and every page of the director and an enterprise in English; and the kiosk wallboard in Chinese', async () => {
    const english: string[] = [];
    const walked: string[] = [];
    const { page, context, close } = await openBrowser(TV);
    try {
      // The login: a wrong password in Chinese, then in English once English is chosen.
      await page.goto(`${server.url}/login`);
      await page.fill('input[name="username"]', 'chief1');
      await page.fill('input[name="password"]', 'not-the-password');
      await page.click('button[type="submit"]');
      const alert = page.locator('.login [role="alert"]');
      await expect.poll(() => alert.textContent()).toBe('用户名或密码不正确。');
      await page.selectOption('[data-test="language"]', 'en');
      await expect.poll(() => alert.textContent()).toBe('The username or password is incorrect.');
      await expect.poll(() => page.textContent('button[type="submit"]')).toMatch(/[A-Za-z]/);
      await page.selectOption('[data-test="language"]', 'zh-CN');

      // Every role's pages in Chinese, histories included, are read by pages.test.ts (both sizes); here the
      // bulletin in English: its criteria and reasons are the server's sentences, in the viewer's language.
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.selectOption('[data-test="language"]', 'en');
      await page.goto(`${server.url}/reminders/bulletin`);
      await settle(page);
      if (await page.$('[data-test="bulletin-none"]')) {
        await page.click('main.bulletin button');
        await page.waitForSelector('[data-test="bulletin-criteria"]');
      }
      const criteria = await page.$$eval('[data-test="bulletin-criteria"] li', (items) =>
        items.map((li) => (li as unknown as { innerText: string }).innerText),
      );
      expect(criteria.length).toBeGreaterThan(0);
      const reasons = await page.$$eval('[data-test="bulletin-row"] td:last-child div', (items) =>
        items.map((div) => (div as unknown as { innerText: string }).innerText),
      );
      expect(reasons.length).toBeGreaterThan(0);
      // An enterprise's own words (a hazard's name, quoted) stay as written; nothing else is Chinese.
      for (const text of [...criteria, ...reasons])
        expect(text.replace(/「[^」]*」|“[^”]*”/g, ''), text).not.toMatch(/[\u4e00-\u9fff]/);
      await screenshot(page, 'pages/director-bulletin-english-1920x1080.png');
      walked.push('director /reminders/bulletin (English)');

      // Every page of the director and of an enterprise in English: the interface's words are English.
      const chinese: string[] = [];
      for (const user of ['director', 'e001']) {
        if (user !== 'director') {
          await context.clearCookies();
          await page.evaluate('localStorage.clear()');
          await signIn(page, server.url, user, /\/ledger$/);
          await page.selectOption('[data-test="language"]', 'en');
        }
        for (const path of await pagesOf(page, server.url)) {
          await page.goto(`${server.url}${path}`);
          await settle(page);
          for (const text of await chineseChromeIn(page)) chinese.push(`${user} ${path}: ${text}`);
          walked.push(`${user} ${path} (English)`);
        }
      }
      expect(chinese, chinese.join('\n')).toEqual([]);
      await page.selectOption('[data-test="language"]', 'zh-CN');
      // The same probe finds the interface's words on a Chinese page: it looks where the words are.
      await expect.poll(async () => (await chineseChromeIn(page)).length).toBeGreaterThan(3);

      // The kiosk: a TV opened by link, no sign-in.
      const created = await server.gql(
        `mutation { createKioskLink(label: "值班室电视") { path } }`,
        {},
        await server.login('director'),
      );
      await context.clearCookies();
      await page.evaluate('localStorage.clear()');
      await page.goto(`${server.url}${created.data!.createKioskLink.path}`);
      await page.waitForSelector('[data-test="connection"][data-state="live"]', { timeout: 15_000 });
      await settle(page);
      for (const found of englishIn(await visibleText(page))) english.push(`kiosk wallboard: ${found}`);
      await screenshot(page, 'pages/kiosk-wallboard-1920x1080.png');
      await page.setViewportSize(PHONE);
      await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
      await screenshot(page, 'pages/kiosk-wallboard-390x844.png', true);
      walked.push('kiosk /wallboard');
    } finally {
      await close();
    }
    console.info(`walked: ${walked.join(', ')}`);
    expect(english, english.join('\n')).toEqual([]);
  }, 900_000);
});
