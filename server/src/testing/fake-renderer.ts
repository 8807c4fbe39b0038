import { PNG } from 'pngjs';
import type { RenderResult, SnapshotRenderer } from '../modules/snapshot/snapshot-image.js';

/** Stands in for Chromium where a test is about timing or delivery, not pixels: a small two-colour PNG. */
export class FakeRenderer implements SnapshotRenderer {
  readonly urls: string[] = [];

  constructor(private readonly outcome: 'png' | 'missing' = 'png') {}

  async render(pageUrl: string): Promise<RenderResult> {
    this.urls.push(pageUrl);
    if (this.outcome === 'missing')
      return {
        ok: false,
        reason:
          'Chromium was not found at /nowhere/chromium (CHROMIUM_PATH). Install Chromium and the Chinese fonts with `apt-get install chromium fonts-noto-cjk`.',
      };
    const png = new PNG({ width: 1080, height: 40 });
    for (let i = 0; i < png.data.length; i += 4)
      png.data.set(i % 8 === 0 ? [200, 30, 30, 255] : [255, 255, 255, 255], i);
    return { ok: true, png: PNG.sync.write(png) };
  }
}
