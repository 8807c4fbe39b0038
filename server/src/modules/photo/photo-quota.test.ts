import { readdirSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWithPlan } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { ManualClock } from '../common/clock.js';

const dialects = await testDialects();

const png = (shade: number) =>
  sharp({ create: { width: 20, height: 20, channels: 3, background: { r: shade, g: 30, b: 30 } } })
    .png()
    .toBuffer();

describe.each(dialects)('upload rate and expiry of unattached photos, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');

  const upload = async (user: string, shade: number, key?: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(shade))], { type: 'image/png' }), 'p.png');
    const response = await fetch(`${server.url}/uploads`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${await server.login(user)}`, ...(key ? { 'idempotency-key': key } : {}) },
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Record<string, any>,
    };
  };
  const download = async (id: string, user: string) =>
    (await fetch(`${server.url}/uploads/${id}`, { headers: { authorization: `Bearer ${await server.login(user)}` } }))
      .status;
  const files = () => readdirSync(server.app.deps.env.uploadDir);

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      clock,
      env: { UPLOAD_RATE: '3/10m', UNATTACHED_PHOTO_TTL: '2h' },
    });
  });
  afterAll(() => server?.close());

  it('refuses the fourth photo within ten minutes with 429 RATE_LIMITED and a wait, per user, and takes it later', async () => {
    for (let i = 0; i < 3; i++) expect((await upload('e001', 10 + i)).status).toBe(201);
    const refused = await upload('e001', 20);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 600 });
    expect(refused.body.message).toContain('每人每 10 分钟最多 3 张照片');
    expect(refused.retryAfter).toBe('600');
    // Another user is not held back by e001's uploads.
    expect((await upload('e002', 21)).status).toBe(201);
    clock.advance(10 * 60_000 + 1000);
    expect((await upload('e001', 22)).status).toBe(201);
  });

  it('removes a photo left unattached past the TTL (row, both files, history entry) and keeps an attached one', async () => {
    // The first test's five photos, never attached, go once two hours have passed.
    clock.advance(2 * 60 * 60_000 + 60_000);
    expect(await server.app.photoExpiry.sweep()).toBe(5);
    const kept = (await upload('e003', 40)).body.id as string;
    const dropped = (await upload('e003', 41, 'phone-outbox-1')).body.id as string;
    await fileWithPlan(server, 'e003', { grade: 'THIRD', photoIds: [kept] });
    expect(files().filter((f) => f.startsWith(dropped))).toHaveLength(2);

    clock.advance(2 * 60 * 60_000 - 60_000);
    expect(await server.app.photoExpiry.sweep()).toBe(0);
    expect(await download(dropped, 'e003')).toBe(200);

    clock.advance(2 * 60_000);
    expect(await server.app.photoExpiry.sweep()).toBe(1);
    expect(await download(dropped, 'e003')).toBe(404);
    expect(files().filter((f) => f.startsWith(dropped))).toEqual([]);
    expect(await download(kept, 'e003')).toBe(200);
    expect(files().filter((f) => f.startsWith(kept))).toHaveLength(2);

    const audit = await server.gql<{ auditChain: { valid: boolean } }>(
      '{ auditChain { valid } }',
      {},
      await server.login('inspector1'),
    );
    expect(audit.data?.auditChain.valid).toBe(true);
    // The phone resending the expired upload with its key gets a new photo, not an error.
    const resent = await upload('e003', 41, 'phone-outbox-1');
    expect(resent.status).toBe(201);
    expect(resent.body.id).not.toBe(dropped);
  });
});
