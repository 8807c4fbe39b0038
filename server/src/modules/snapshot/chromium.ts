import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const INSTALL_HINT =
  'Install Chromium and the Chinese fonts with `apt-get install chromium fonts-noto-cjk`, then try again.';

/** stack.md's launch flags for Debian's Chromium; playwright adds --headless and the user-data-dir itself. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium is missing or not executable at the configured path (CHROMIUM_PATH). */
export class ChromiumMissingError extends Error {
  constructor(executablePath: string) {
    super(`Chromium was not found at ${executablePath} (CHROMIUM_PATH). ${INSTALL_HINT}`);
    this.name = 'ChromiumMissingError';
  }
}

export interface PageOptions {
  viewport: { width: number; height: number };
  timeoutMs: number;
}

/**
 * One Chromium at a time for the whole process (the snapshot image and the PDF exports share it): a
 * second browser on two cores only slows both. Each use gets a fresh profile, removed afterwards.
 */
let queue: Promise<unknown> = Promise.resolve();

export function withChromiumPage<T>(
  executablePath: string,
  options: PageOptions,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const next = queue.then(() => runPage(executablePath, options, use));
  queue = next.catch(() => undefined);
  return next;
}

async function runPage<T>(executablePath: string, options: PageOptions, use: (page: Page) => Promise<T>): Promise<T> {
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(executablePath);
  }
  const profile = await mkdtemp(join(tmpdir(), 'hazardloop-chromium-'));
  let context: import('playwright-core').BrowserContext | undefined;
  try {
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport,
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timeout: options.timeoutMs,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(options.timeoutMs);
    return await use(page);
  } finally {
    await context?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}
