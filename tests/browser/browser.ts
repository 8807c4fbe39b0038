import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer, type TestServerOptions } from '../../server/src/testing/test-server.js';

/** Debian's Chromium (stack.md); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist/index.html', import.meta.url));
/** Screenshots land here (gitignored); a person looks at them. */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE = { width: 390, height: 844 } as const;
export const TV = { width: 1920, height: 1080 } as const;

/** Why a browser test cannot run here, or null when it can; under REQUIRE_SERVICES=1 (CI) a missing piece is a failure. */
export function browserSkipReason(): string | null {
  const reason = !existsSync(CHROMIUM)
    ? `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`
    : !existsSync(DASHBOARD_DIST)
      ? 'dashboard/dist is missing: `pnpm test` builds it first'
      : null;
  if (reason && process.env.REQUIRE_SERVICES === '1') throw new Error(`browser tests cannot run: ${reason}`);
  return reason;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own --user-data-dir), one page at the given viewport. */
export async function openBrowser(viewport: { width: number; height: number }): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'hl-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'UTC',
    // As a viewer who asked for less motion: charts are drawn at once, so a screenshot shows their figures, not a frame of their growth.
    reducedMotion: 'reduce',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // The server's Content-Security-Policy must let every page work: a violation fails the test that saw it.
  const violations: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/.test(message.text()))
      violations.push(message.text());
  });
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      if (violations.length) throw new Error(`the page broke the server's CSP:\n${violations.join('\n')}`);
    },
  };
}

/** A real server (SQLite, demo data) serving the built dashboard; a test may give it a clock or settings. */
export async function startDashboardServer(options: Partial<TestServerOptions> = {}): Promise<TestServer> {
  return startTestServer({ dialect: 'sqlite', ...options });
}

/** Signs in through the login form, as a person would, and waits for the landing page. */
export async function signIn(page: Page, baseUrl: string, username: string, landing: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', 'hazardloop');
  await page.click('button[type="submit"]');
  await page.waitForURL(landing);
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, name);
  await page.screenshot({ path, fullPage });
  return path;
}
