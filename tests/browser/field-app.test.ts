import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWithPlan } from '../../server/src/testing/hazard-helpers.js';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer, TV } from './browser.js';

// Run inside the page by page.evaluate; the tests' TypeScript has no DOM library.
declare const indexedDB: any;
declare const navigator: any;

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

/** A real 64×48 PNG (a camera photo stands in), so that the phone's downscaler has something to decode. */
function photoPng(): Buffer {
  const width = 64;
  const height = 48;
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const byte of buf) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) rows.set([200, (x * 4) % 256, (y * 5) % 256], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const HAZARD = `query($id: ID!) { hazard(id: $id) { id title status queuedAt photos { phase } history { action data } } }`;
const MINE = `query { hazards(filter: {}, first: 100) { edges { node { id title queuedAt photos { phase } } } } }`;

/** The phone's outbox as IndexedDB holds it (Dexie's store `entries` in `hazardloop-outbox`). */
const READ_OUTBOX = () =>
  new Promise<any[]>((resolve, reject) => {
    const open = indexedDB.open('hazardloop-outbox');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction('entries').objectStore('entries').getAll();
      all.onsuccess = () => resolve(all.result);
      all.onerror = () => reject(all.error);
    };
  });
const WRITE_OUTBOX = (entry: unknown) =>
  new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('hazardloop-outbox');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('entries', 'readwrite');
      tx.objectStore('entries').put(entry);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    };
  });

async function outboxCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-outbox-count]', 'data-outbox-count'));
}

async function pickPhoto(page: Page, name: string) {
  await page.setInputFiles('[data-test="choose-photo"]', { name, mimeType: 'image/png', buffer: photoPng() });
  await page.waitForSelector('[data-test="photo"].saved, [data-test="photo"].uploaded');
}

describe.skipIf(!!skip)('the field app (R17): installable, works with no signal, sends each entry once', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves a valid manifest and an uncached worker', async () => {
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const body = (await manifest.json()) as Record<string, any>;
    expect(body).toMatchObject({ short_name: '掌上好好检查', display: 'standalone', start_url: '/', lang: 'zh-CN' });
    expect(body['name']).toContain('隐患排查治理');
    for (const size of [192, 512]) {
      const icon = body['icons'].find((i: any) => i.sizes === `${size}x${size}` && i.purpose !== 'maskable');
      const png = Buffer.from(await (await fetch(`${server.url}${icon.src}`)).arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const worker = await fetch(`${server.url}/sw.js`);
    expect(worker.headers.get('content-type')).toMatch(/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
  });

  it('e001 files a hazard and reports a rectification offline; each arrives once, with its photo, on the wallboard', async () => {
    const other = await fileWithPlan(server, 'e001', {
      title: `消防水泵无法自动启动（离线整改 ${Date.now() % 100000}）`,
      grade: 'THIRD',
    });
    const phone = await openBrowser(PHONE);
    const chief = await openBrowser(TV);
    try {
      const { page, context } = phone;
      await signIn(page, server.url, 'e001', /\/ledger$/);
      // One visit online: the worker installs and precaches the shell; the hazard page is seen once.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.goto(`${server.url}/hazards/${other.id}`);
      await page.waitForSelector('[data-test="submit-rectification"]');
      await page.reload();
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      await page.waitForSelector('[data-test="submit-rectification"]');

      await signIn(chief.page, server.url, 'chief1', /\/enterprises$/);
      await chief.page.goto(`${server.url}/wallboard`);
      await chief.page.waitForSelector('[data-test="connection"][data-state="live"]', { timeout: 15_000 });

      await context.setOffline(true);
      await page.goto(`${server.url}/ledger`);
      await page.waitForSelector('[data-outbox-count]');
      expect(await outboxCount(page)).toBe(0);

      // The filing, offline, with a photo from the camera input.
      await page.click('[data-test="file-hazard"]');
      await page.waitForURL(/\/hazards\/new$/);
      const title = `储罐区防火堤破损（离线上报 ${Date.now() % 100000}）`;
      await page.click('[data-test="grade-THIRD"]');
      await page.fill('input[name="title"]', title);
      await page.fill('input[name="location"]', '二号储罐区');
      await page.fill('textarea[name="measures"]', '修补防火堤裂缝');
      await page.fill('input[name="responsiblePerson"]', '王五');
      await pickPhoto(page, 'before.png');
      expect(await page.isChecked('input[name="grade"][value="THIRD"]')).toBe(true);
      await screenshot(page, 'field-form-offline-zh-390x844.png', true);
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/outbox\?queued=/);
      await expect.poll(() => outboxCount(page)).toBe(1);
      await screenshot(page, 'field-outbox-queued-zh-390x844.png');

      // The other hazard's rectification, offline, with an after-photo.
      await page.goto(`${server.url}/hazards/${other.id}`);
      await page.click('[data-test="submit-rectification"]');
      await page.fill('textarea[name="note"]', '已更换控制柜，联动试验正常');
      await pickPhoto(page, 'after.png');
      await page.click('[data-test="action-form"] button[type="submit"]');
      await expect.poll(() => outboxCount(page)).toBe(2);

      await page.reload();
      await page.waitForSelector('[data-outbox-count]');
      await page.goto(`${server.url}/outbox`);
      await expect.poll(() => page.locator('[data-test="outbox-entry"][data-state="waiting"]').count()).toBe(2);
      expect(await page.textContent('[data-test="outbox-entry"]')).toContain(title);
      await screenshot(page, 'field-outbox-offline-zh-390x844.png', true);

      // Nothing reached the server while offline.
      const director = await server.login('director');
      expect(JSON.stringify((await server.gql(MINE, {}, director)).data)).not.toContain(title);

      await context.setOffline(false);
      await expect.poll(() => outboxCount(page), { timeout: 30_000 }).toBe(0);

      const e001 = await server.login('e001');
      const filed = ((await server.gql(MINE, {}, e001)).data!.hazards.edges as any[]).filter(
        (e) => e.node.title === title,
      );
      expect(filed).toHaveLength(1);
      expect(filed[0].node.photos).toEqual([{ phase: 'BEFORE' }]);
      expect(filed[0].node.queuedAt).not.toBeNull();
      const reported = (await server.gql(HAZARD, { id: other.id }, e001)).data!.hazard;
      expect(reported.status).toBe('PENDING_VERIFICATION');
      expect(reported.photos.filter((p: any) => p.phase === 'AFTER')).toHaveLength(1);
      const submitted = reported.history.filter((h: any) => h.action === 'hazard.submitted');
      expect(submitted).toHaveLength(1);
      expect(JSON.parse(submitted[0].data).offline.queuedAt).toBeTruthy();

      const ticker = chief.page.locator('[data-test="ticker"]');
      await expect.poll(() => ticker.textContent(), { timeout: 10_000 }).toContain(title);

      await page.goto(`${server.url}/hazards/${filed[0].node.id}`);
      await page.waitForSelector('[data-test="history"]');
      expect(await page.textContent('body')).toContain('离线记录于');
    } finally {
      await chief.close();
      await phone.close();
    }
  });

  it('a resend after a lost answer files once; a refused entry stays with the server’s sentence', async () => {
    const target = await fileWithPlan(server, 'e002', {
      title: `配电室门未关闭（退回测试 ${Date.now() % 100000}）`,
      grade: 'THIRD',
    });
    const phone = await openBrowser(PHONE);
    try {
      const { page, context } = phone;
      await signIn(page, server.url, 'e002', /\/ledger$/);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.goto(`${server.url}/hazards/${target.id}`);
      await page.waitForSelector('[data-test="submit-rectification"]');

      // Filed offline; once sent, the very same entry (same idempotency key) is put back, as after a lost answer.
      await context.setOffline(true);
      await page.goto(`${server.url}/hazards/new`);
      const title = `叉车无证驾驶（重发测试 ${Date.now() % 100000}）`;
      await page.fill('input[name="title"]', title);
      await page.fill('textarea[name="measures"]', '停用叉车，组织培训取证');
      await page.fill('input[name="responsiblePerson"]', '赵六');
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/outbox\?queued=/);
      const saved = await page.evaluate(READ_OUTBOX);
      expect(saved).toHaveLength(1);
      // The network returns: the 'online' event sends it.
      await context.setOffline(false);
      await expect.poll(() => outboxCount(page), { timeout: 15_000 }).toBe(0);
      await page.evaluate(WRITE_OUTBOX, saved[0]);
      await page.reload();
      await expect.poll(() => page.evaluate(READ_OUTBOX).then((e) => e.length), { timeout: 15_000 }).toBe(0);
      const e002 = await server.login('e002');
      const same = ((await server.gql(MINE, {}, e002)).data!.hazards.edges as any[]).filter(
        (e) => e.node.title === title,
      );
      expect(same).toHaveLength(1);

      // Queued offline; meanwhile the rectification is reported from another device, so the server refuses this one.
      await context.setOffline(true);
      await page.goto(`${server.url}/hazards/${target.id}`);
      await page.click('[data-test="submit-rectification"]');
      await page.fill('textarea[name="note"]', '已关闭并上锁');
      await page.click('[data-test="action-form"] button[type="submit"]');
      await expect.poll(() => outboxCount(page)).toBe(1);
      const elsewhere = await server.gql(
        `mutation($id: ID!) { submitRectification(hazardId: $id, note: "另一台手机已提交") { status } }`,
        { id: target.id },
        e002,
      );
      expect(elsewhere.data!.submitRectification.status).toBe('PENDING_VERIFICATION');
      await context.setOffline(false);
      await page.goto(`${server.url}/outbox`);
      const refused = page.locator('[data-test="outbox-entry"][data-state="refused"]');
      await expect.poll(() => refused.count(), { timeout: 15_000 }).toBe(1);
      expect(await refused.locator('[data-test="outbox-error"]').textContent()).toMatch(
        /PENDING_VERIFICATION|待验收|cannot|不能/i,
      );
      expect(await outboxCount(page)).toBe(1);
      await screenshot(page, 'field-outbox-refused-zh-390x844.png', true);
      await page.selectOption('[data-test="language"]', 'en');
      await screenshot(page, 'field-outbox-refused-en-390x844.png', true);
      await context.setOffline(true);
      await page.goto(`${server.url}/hazards/new`);
      await page.fill('input[name="title"]', '叉车无证驾驶');
      await page.setInputFiles('[data-test="choose-photo"]', {
        name: 'p.png',
        mimeType: 'image/png',
        buffer: photoPng(),
      });
      await page.waitForSelector('[data-test="photo"].saved');
      await screenshot(page, 'field-form-offline-en-390x844.png', true);
    } finally {
      await phone.close();
    }
  });

  it('an inspector records an on-site inspection with no signal; it is recorded once when the network returns', async () => {
    const director = await server.login('director');
    const found = await server.gql(
      `{ enterprises(filter: { search: "e007" }) { edges { node { id } } } }`,
      {},
      director,
    );
    const enterpriseId: string = found.data!.enterprises.edges[0].node.id;
    const count = async () =>
      (
        (await server.gql(`{ inspections(filter: { enterpriseId: "${enterpriseId}" }) { id } }`, {}, director)).data!
          .inspections as unknown[]
      ).length;
    const before = await count();
    const phone = await openBrowser(PHONE);
    try {
      const { page, context } = phone;
      await signIn(page, server.url, 'inspector1', /\/enterprises$/);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.goto(`${server.url}/enterprises/${enterpriseId}/inspection`);
      await page.waitForSelector('textarea[name="note"]');
      await page.waitForTimeout(300);
      await context.setOffline(true);
      await page.reload();
      await page.fill('textarea[name="note"]', '现场检查：配电室、仓库，未发现新隐患');
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/outbox\?queued=/);
      await expect.poll(() => outboxCount(page)).toBe(1);
      expect(await count()).toBe(before);
      await context.setOffline(false);
      await expect.poll(() => outboxCount(page), { timeout: 15_000 }).toBe(0);
      expect(await count()).toBe(before + 1);
    } finally {
      await phone.close();
    }
  });
});
