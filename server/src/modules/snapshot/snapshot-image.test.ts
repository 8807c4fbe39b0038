import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.js';
import { servicesRequired, testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const browserHere = existsSync(CHROMIUM) || servicesRequired;
if (!browserHere)
  console.warn(
    `skipping the snapshot image tests: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`,
  );
const dialects = browserHere ? await testDialects() : [];

/** Distinct colours in a sample of pixels: a blank or single-colour page has one or two. */
function distinctColours(png: PNG): number {
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7) colours.add(png.data.readUInt32BE(i));
  return colours.size;
}

describe.skipIf(!browserHere).each(dialects)('the snapshot image, rendered by headless Chromium, on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock: new ManualClock('2026-11-29T08:00:05+08:00') });
  });
  afterAll(() => server?.close());

  it('is a portrait PNG at least 800 px wide, under 2 MB, with real content, served at imageUrl', async () => {
    const taken = await server.gql(
      `mutation { takeSnapshot { date imageStatus imageUnavailableReason imageUrl imageWidth imageHeight imageBytes } }`,
      {},
      await server.login('director'),
    );
    expect(taken.errors).toBeUndefined();
    const s = taken.data!.takeSnapshot;
    expect(s.imageUnavailableReason).toBeNull();
    expect(s.imageStatus).toBe('STORED');

    const response = await fetch(s.imageUrl);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const png = PNG.sync.read(bytes);
    expect(png.width).toBeGreaterThanOrEqual(800);
    expect(png.height).toBeGreaterThan(png.width);
    expect([png.width, png.height, bytes.length]).toEqual([s.imageWidth, s.imageHeight, s.imageBytes]);
    expect(distinctColours(png)).toBeGreaterThan(50);
    if (process.env.KEEP_SNAPSHOT_PNG) await writeFile(`${process.env.KEEP_SNAPSHOT_PNG}-${dialect}.png`, bytes);
  }, 120_000);
});
