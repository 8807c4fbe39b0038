import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer, TV } from './browser.js';

const skip = browserSkipReason();

/** Words a Chinese page may show in Latin letters: product and format names, units, codes. Nothing else. */
const ALLOWED =
  /\b(HazardLoop|GraphQL|GraphiQL|WebSocket|PDF|XLSX|CSV|Excel|JPEG|PNG|WebP|MB|KB|GB|ID|PWA|TV|URL|OK)\b/g;
/** An English sentence: two or more English words in a row ("Set a rectification deadline", "days over"). */
const ENGLISH = /[A-Za-z]{2,}(?:[ ,.'’:-]+[A-Za-z]{2,})+/g;

/** The English in a page's visible text, once the allowed names are taken out; each with its line. */
export function englishIn(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => [...line.replace(ALLOWED, ' ').matchAll(ENGLISH)].map((m) => `${m[0]}  ⟵  ${line.trim()}`));
}

const ROLES = [
  { user: 'director', landing: /\/enterprises$/ },
  { user: 'chief1', landing: /\/enterprises$/ },
  { user: 'inspector1', landing: /\/enterprises$/ },
  { user: 'e001', landing: /\/ledger$/ },
] as const;

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page
    .waitForFunction('!/加载中|读取中|Loading/.test(document.body.innerText)', null, { timeout: 5_000 })
    .catch(() => undefined);
}

/** The page's visible text, GraphiQL's query editor aside (a query is code, not a sentence; axe skips it too). */
function visibleText(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const hidden = [...document.querySelectorAll('.graphiql-container')];
    for (const el of hidden) el.style.display = 'none';
    const text = document.body.innerText;
    for (const el of hidden) el.style.display = '';
    return text;
  })()`);
}

/** The role's menu, and the first detail page of its hazard and enterprise lists (where the histories are). */
async function pagesOf(page: Page, base: string): Promise<string[]> {
  const hrefs = (selector: string) =>
    page.$$eval(selector, (links) => links.map((a) => a.getAttribute('href')).filter((h): h is string => !!h));
  const found = new Set<string>(await hrefs('.nav a'));
  for (const [list, selector] of [
    ['/ledger', '[data-test="hazard-row"] a'],
    ['/supervision/hazards', '[data-test="hazard-row"] a'],
    ['/enterprises', '[data-test="enterprise-link"]'],
  ] as const) {
    if (!found.has(list)) continue;
    await page.goto(`${base}${list}`);
    await settle(page);
    const first = (await hrefs(selector))[0];
    if (first) found.add(first);
  }
  return [...found];
}

describe('what counts as an English sentence', () => {
  it('finds English words in a row and lets product names, codes and units through', () => {
    expect(englishIn('超期 7 天\n7 days over')).toEqual(['days over  ⟵  7 days over']);
    expect(englishIn('理由：Not really rectified, found on site.')).toHaveLength(1);
    expect(englishIn('HazardLoop · 导出 PDF · 12 MB · e001 · GraphQL')).toEqual([]);
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

  it('walks every role’s pages and the kiosk wallboard in Chinese and finds no English sentence, histories included', async () => {
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

      let histories = 0;
      for (const role of ROLES) {
        await context.clearCookies();
        await page.evaluate('localStorage.clear()');
        await signIn(page, server.url, role.user, role.landing);
        await settle(page);
        const viewer = (await page.textContent('[data-test="viewer"]')) ?? '';
        expect(viewer, role.user).not.toMatch(/（(局长|科长|科员)）.*·\s*(局长|科长|科员)/);
        for (const path of await pagesOf(page, server.url)) {
          await page.goto(`${server.url}${path}`);
          await settle(page);
          const text = await visibleText(page);
          for (const found of englishIn(text)) english.push(`${role.user} ${path}: ${found}`);
          if (await page.$('[data-test="history"]')) {
            histories++;
            const history = await page.innerText('[data-test="history"]');
            expect(history, `${role.user} ${path}`).not.toMatch(/（(局长|科长|科员|企业安全员)）（/);
          }
          walked.push(`${role.user} ${path}`);
        }
      }
      expect(histories).toBeGreaterThan(0);

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
    console.info(`walked ${walked.length} pages in Chinese`);
    expect(english, english.join('\n')).toEqual([]);
  }, 900_000);
});
