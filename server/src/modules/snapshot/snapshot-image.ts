import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { log } from '../../config/log.js';
import { ChromiumMissingError, withChromiumPage } from './chromium.js';

/** WeCom's group robot takes images up to 2 MB before base64 (wallboard.md). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const SNAPSHOT_VIEWPORT_WIDTH = 1080;

export const INSTALL_HINT =
  'Install Chromium and the Chinese fonts with `apt-get install chromium fonts-noto-cjk`, then take the snapshot again (takeSnapshot re-renders a missing image).';

export type RenderResult = { ok: true; png: Buffer } | { ok: false; reason: string };

/** Turns the URL of the snapshot page into a PNG. Injectable, so tests of timing need no browser. */
export interface SnapshotRenderer {
  render(pageUrl: string): Promise<RenderResult>;
}

/**
 * Headless Chromium through playwright-core (chromium.ts: a fresh profile each time, one browser at a
 * time), a 1080 px wide portrait page, full-page PNG. Never throws: a missing or failing browser
 * becomes a reason that says how to fix it.
 */
export class ChromiumRenderer implements SnapshotRenderer {
  constructor(
    private readonly executablePath: string,
    private readonly timeoutMs = 60_000,
  ) {}

  async render(pageUrl: string): Promise<RenderResult> {
    try {
      return await withChromiumPage(
        this.executablePath,
        { viewport: { width: SNAPSHOT_VIEWPORT_WIDTH, height: 1400 }, timeoutMs: this.timeoutMs },
        (page) => this.renderOn(page, pageUrl),
      );
    } catch (error) {
      if (error instanceof ChromiumMissingError)
        return {
          ok: false,
          reason: `Chromium was not found at ${this.executablePath} (CHROMIUM_PATH). ${INSTALL_HINT}`,
        };
      const message = (error as Error).message?.split('\n')[0] ?? String(error);
      log.warn(`snapshot image: Chromium failed: ${message}`);
      if ((error as Error).name === 'TimeoutError') {
        return {
          ok: false,
          reason: `The snapshot page did not show the frozen data in time (${message}). Check that the dashboard is built (\`pnpm build\`), then take the snapshot again.`,
        };
      }
      return { ok: false, reason: `Chromium failed to render the snapshot page (${message}). ${INSTALL_HINT}` };
    }
  }

  private async renderOn(page: Page, pageUrl: string): Promise<RenderResult> {
    await page.goto(pageUrl, { waitUntil: 'load', timeout: this.timeoutMs });
    const outcome = await page.waitForSelector('[data-snapshot-state="ready"], [data-snapshot-state="error"]', {
      timeout: this.timeoutMs,
    });
    if ((await outcome.getAttribute('data-snapshot-state')) === 'error') {
      return {
        ok: false,
        reason: `The snapshot page could not load its data: ${(await outcome.textContent())?.trim() ?? 'unknown error'}`,
      };
    }
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    const png = await page.screenshot({ fullPage: true, type: 'png', animations: 'disabled' });
    if (png.length > MAX_IMAGE_BYTES)
      return { ok: false, reason: `The rendered image is ${png.length} bytes, over the 2 MB a chat robot accepts.` };
    return { ok: true, png };
  }
}

export interface PngFacts {
  width: number;
  height: number;
  md5: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk; null when the bytes are not a PNG. */
export function pngFacts(png: Buffer): PngFacts | null {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('ascii', 12, 16) !== 'IHDR')
    return null;
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    md5: createHash('md5').update(png).digest('hex'),
  };
}
