import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import {
  browserSkipReason,
  openBrowser,
  PHONE,
  RESULTS_DIR,
  screenshot,
  signIn,
  startDashboardServer,
  TV,
} from './browser.js';
import { englishIn, pagesOf, phoneLayoutProblems, settle, visibleText } from './page-checks.js';

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

/** Every role of the demo, with the page it lands on. */
const ROLES = [
  { user: 'e001', landing: /\/ledger$/ },
  { user: 'inspector1', landing: /\/enterprises$/ },
  { user: 'chief1', landing: /\/enterprises$/ },
  { user: 'leader1', landing: /\/enterprises$/ },
  { user: 'director', landing: /\/enterprises$/ },
  { user: 'analyst', landing: /\/(enterprises|analyst)$/ },
  { user: 'admin', landing: /\/enterprises$/ },
] as const;

/** WCAG 2 A and AA (2.0 and 2.1): what the bureau must meet. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it stands. Injected through the DevTools protocol (page.evaluate),
 * which the server's Content-Security-Policy does not apply to; a <script> tag would be refused.
 */
async function axe(page: Page): Promise<Violation[]> {
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async (tags) => {
    const run = (globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: unknown }> } })
      .axe.run;
    // GraphiQL (the analyst's query page) is a vendored React tool whose editor we do not render; the rest of that page is checked.
    const context = { exclude: [['.graphiql-container']] };
    return (await run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
  }, WCAG);
  return (violations as Violation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A phone's screenshot: the page's top three screens (enough to see the layout, small enough to look at). */
async function phoneShot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await mkdir(join(RESULTS_DIR, 'pages'), { recursive: true });
  await page.screenshot({
    path: join(RESULTS_DIR, name),
    fullPage: true,
    clip: { x: 0, y: 0, width: PHONE.width, height: Math.min(height, PHONE.height * 3) },
  });
}

const slug = (path: string) =>
  path
    .replace(/^\//, '')
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, 'x')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/-$/, '') || 'home';

/**
 * A role written twice beside a name: "周文斌（科长） · 科长", "（科长）（科长）", "分管领导 王建国（分管领导）",
 * and a name that ends in its role followed by it again, "系统管理员 · 管理员", "…公司安全员 · 企业安全员"
 * (issue 11 item 7).
 */
const ROLE_WORDS = '(局长|分管领导|科长|科员|企业安全员|管理员|分析员)';
const ROLE_ENDS = '(安全员|管理员|分析员|局长|科长|科员|领导)';
const ROLE_TWICE = new RegExp(
  [
    `（${ROLE_WORDS}）(.*·\\s*\\1|（)`,
    `${ROLE_WORDS}\\s*[\\u4e00-\\u9fff]{2,4}（\\3）`,
    `${ROLE_ENDS}\\s*·\\s*[\\u4e00-\\u9fff]{0,2}\\4(?![\\u4e00-\\u9fff])`,
  ].join('|'),
);

describe.skipIf(!!skip)('every page of every role, on a desktop and on a phone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('passes axe-core’s WCAG 2 A/AA rules, shows no English sentence in Chinese mode, fits a phone, and is pictured for a person to look at', async () => {
    const problems: string[] = [];
    const english: string[] = [];
    const cramped: string[] = [];
    const twice: string[] = [];
    const seen: string[] = [];
    let histories = 0;
    const read = async (page: Page, name: string) => {
      const text = await visibleText(page);
      for (const found of englishIn(text)) english.push(`${name}: ${found}`);
      for (const line of text.split('\n')) if (ROLE_TWICE.test(line)) twice.push(`${name}: ${line.trim()}`);
      if (await page.$('[data-test="history"]')) histories++;
    };
    const check = async (page: Page, name: string) => {
      for (const v of await axe(page))
        problems.push(
          `${name}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes
            .slice(0, 3)
            .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
            .join('\n    ')}`,
        );
    };
    const browser = await openBrowser(TV);
    try {
      const { page, context } = browser;
      await page.goto(`${server.url}/login`);
      await settle(page);
      for (const [size, viewport] of [
        ['1920x1080', TV],
        ['390x844', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        await screenshot(page, `pages/public-login-${size}.png`);
        await check(page, `login ${size}`);
        await read(page, `login ${size}`);
      }
      for (const role of ROLES) {
        await context.clearCookies();
        await page.setViewportSize(TV);
        await page.evaluate('localStorage.clear()');
        await signIn(page, server.url, role.user, role.landing);
        await settle(page);
        // The header names the viewer on every page: the line check of `read` holds it to ROLE_TWICE.
        expect(await page.innerText('[data-test="viewer"]'), role.user).not.toBe('');
        const paths = await pagesOf(page, server.url);
        for (const path of paths) {
          const started = Date.now();
          await page.setViewportSize(TV);
          await page.goto(`${server.url}${path}`);
          await settle(page);
          await screenshot(page, `pages/${role.user}-${slug(path)}-1920x1080.png`);
          await check(page, `${role.user} ${path} 1920x1080`);
          await read(page, `${role.user} ${path} 1920x1080`);
          // The same page turned into a phone's: the layout follows the width (a resize, not a reload).
          await page.setViewportSize(PHONE);
          await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
          await phoneShot(page, `pages/${role.user}-${slug(path)}-390x844.png`);
          await check(page, `${role.user} ${path} 390x844`);
          await read(page, `${role.user} ${path} 390x844`);
          for (const problem of await phoneLayoutProblems(page)) cramped.push(`${role.user} ${path}: ${problem}`);
          seen.push(`${role.user} ${path} (${Date.now() - started} ms)`);
        }
        await page.setViewportSize(TV);
        await page.goto(`${server.url}/ledger`);
        await page.evaluate('localStorage.clear()');
      }
    } finally {
      await browser.close();
    }
    console.info(`axe-core checked ${seen.length} pages × 2 sizes:\n  ${seen.join('\n  ')}`);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(english, english.join('\n')).toEqual([]);
    expect(cramped, cramped.join('\n')).toEqual([]);
    expect(twice, twice.join('\n')).toEqual([]);
    expect(histories).toBeGreaterThan(0);
  }, 900_000);
});
