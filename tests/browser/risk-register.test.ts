import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/modules/common/clock.js';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer } from './browser.js';

// Run inside the page by page.evaluate; the tests' TypeScript has no DOM library.
declare const navigator: any;

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

const DAY = 86_400_000;
/** A bureau date (BUREAU_TZ, Asia/Shanghai), as a date input holds it. */
const bureauDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(ms);

/** A real 32×24 PNG standing in for a camera photo. */
function photoPng(): Buffer {
  const width = 32;
  const height = 24;
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
    for (let x = 0; x < width; x++) rows.set([40, (x * 8) % 256, (y * 9) % 256], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const SAVE_POINT = `mutation($input: RiskPointInput!) { saveRiskPoint(input: $input) { id level } }`;
const SAVE_MEASURE = `mutation($input: ControlMeasureInput!) { saveControlMeasure(input: $input) { id currentTask { id } } }`;
const TASKS = `query($f: CheckTaskFilter) { checkTasks(filter: $f, first: 200) { edges { node {
  id status result measure { id description riskPoint { name } }
  hazard { id title queuedAt photos { phase } checkTask { measure { description riskPoint { name } } } } } } } }`;
const HAZARDS = `query { hazards(filter: {}, first: 200) { edges { node { id title deadline photos { phase } } } } }`;

async function outboxCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-outbox-count]', 'data-outbox-count'));
}

/** The phone is offline when a page cannot reach the server; the app knows it from `navigator.onLine`. */
async function offline(page: Page, on: boolean) {
  await page.context().setOffline(on);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(!on);
}

describe.skipIf(!!skip)('the enterprise keeps its risk register and records checks from a phone (R14, R17)', () => {
  let server: TestServer;
  // The server's clock: the tests move it past a check cycle or a deadline instead of waiting.
  const clock = new ManualClock(new Date());
  const startedAt = clock.now();
  let e001: string;
  const ids: Record<string, string> = {};

  /** Tasks due from the test's start on: e001's seeded register has its own history before that. */
  const tasks = async (filter: Record<string, unknown>) =>
    (
      (await server.gql(TASKS, { f: { dueFrom: startedAt.toISOString(), ...filter } }, e001)).data!.checkTasks
        .edges as any[]
    ).map((e) => e.node);

  beforeAll(async () => {
    server = await startDashboardServer({ clock, env: { SESSION_TTL: '365d' } });
    e001 = await server.login('e001');
    const point = async (key: string, input: Record<string, unknown>) => {
      const saved = await server.gql(SAVE_POINT, { input }, e001);
      expect(saved.errors).toBeUndefined();
      ids[key] = saved.data!.saveRiskPoint.id;
    };
    const measure = async (key: string, riskPointId: string, description: string, checkEvery: string) => {
      const saved = await server.gql(
        SAVE_MEASURE,
        { input: { riskPointId, description, category: 'MAINTENANCE', checkEvery, checkRole: 'POST' } },
        e001,
      );
      expect(saved.errors).toBeUndefined();
      ids[key] = saved.data!.saveControlMeasure.id;
    };
    await point('tank', { name: '液氨储罐区', kind: 'AREA', location: '厂区东侧', likelihood: 4, severity: 5 });
    await point('office', { name: '办公楼', kind: 'SITE', likelihood: 2, severity: 3, responsiblePerson: '李四' });
    await measure('gauge', ids['tank']!, '检查储罐压力表读数', '1d');
    await measure('valve', ids['tank']!, '检查紧急切断阀是否灵敏', '1d');
    await measure('extinguisher', ids['office']!, '检查灭火器压力和有效期', '7d');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('e001 keeps the register and records a check on a 390×844 phone, and sees it counted', async () => {
    const phone = await openBrowser(PHONE);
    try {
      const { page } = phone;
      await signIn(page, server.url, 'e001', /\/ledger$/);
      // On a phone the menu folds behind one button (AppShell).
      await page.click('[data-test="menu-button"]');
      await page.click('nav a[href="/risk"]');
      await page.waitForURL(/\/risk$/);
      await page.waitForSelector('[data-test="due-check"]');
      expect(
        await page.getAttribute('[data-test="enterprise-risk-level"] [data-test="risk-level"]', 'data-level'),
      ).toBe('MAJOR');
      // e001's seeded register beside the two points added here, highest first.
      const levels = await page
        .locator('[data-test="risk-point"]')
        .evaluateAll((els) => els.map((el) => (el as unknown as { dataset: { level: string } }).dataset.level));
      expect(levels.length).toBeGreaterThan(2);
      expect(levels[0]).toBe('MAJOR');
      expect(levels).toContain('LOW');
      const tankCard = page.locator('[data-test="risk-point"]', { hasText: '液氨储罐区' });
      expect(await tankCard.getAttribute('data-level')).toBe('MAJOR');
      expect(await tankCard.textContent()).toContain('L 4 × S 5 = R 20');
      const dueAtStart = await page.locator('[data-test="due-check"]').count();
      const doneAtStart = Number(await page.getAttribute('[data-test="checks-done"]', 'data-done'));
      for (const key of ['gauge', 'valve', 'extinguisher'])
        expect(await page.locator(`[data-test="due-check"][data-measure="${ids[key]}"]`).count(), key).toBe(1);
      await screenshot(page, 'risk-register-zh-390x844.png', true);

      // Today's checks first: the gauge reading, recorded NORMAL from its form.
      await page.click(`[data-test="due-check"][data-measure="${ids['gauge']}"] [data-test="record-check"]`);
      await page.waitForURL(/\/risk\/points\/[^/]+\/check/);
      expect(await page.isChecked(`[data-test="check-measure-${ids['gauge']}"] input[name="taskId"]`)).toBe(true);
      await page.click('[data-test="result-NORMAL"]');
      await page.fill('textarea[name="note"]', '压力表读数 0.8 MPa，正常');
      await screenshot(page, 'risk-check-form-zh-390x844.png', true);
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/risk\?recorded=/);
      await expect
        .poll(() => page.getAttribute('[data-test="checks-done"]', 'data-done'))
        .toBe(String(doneAtStart + 1));
      expect(await page.locator('[data-test="due-check"]').count()).toBe(dueAtStart - 1);
      expect(await page.textContent('[data-test="check-recorded"]')).toContain('检查储罐压力表读数');
      const mine = new Set([ids['gauge'], ids['valve'], ids['extinguisher']]);
      const done = (await tasks({ status: 'DONE' })).filter((t) => mine.has(t.measure.id));
      expect(done.map((t) => [t.measure.id, t.result])).toEqual([[ids['gauge'], 'NORMAL']]);

      // The register is kept here: a new point graded by the server, and a measure with its cycle and checker.
      await page.click('[data-test="add-risk-point"]');
      const form = page.locator('[data-test="risk-point-form"]');
      await form.locator('input[name="name"]').fill('二号配电室');
      await form.locator('select[name="kind"]').selectOption('FACILITY');
      await form.locator('select[name="likelihood"]').selectOption('3');
      await form.locator('select[name="severity"]').selectOption('5');
      expect(await form.locator('[data-test="ls-score"]').textContent()).toContain('15');
      await form.locator('button[type="submit"]').click();
      const added = page.locator('[data-test="risk-point"]', { hasText: '二号配电室' });
      await expect.poll(() => added.getAttribute('data-level')).toBe('HIGH');
      await added.locator('[data-test="add-measure"]').click();
      const measureForm = added.locator('[data-test="measure-form"]');
      await measureForm.locator('textarea[name="description"]').fill('检查配电柜接地与绝缘垫');
      await measureForm.locator('input[name="checkEvery"]').fill('8h');
      await measureForm.locator('select[name="checkRole"]').selectOption('TECHNICAL');
      await measureForm.locator('button[type="submit"]').click();
      await expect.poll(() => page.locator('[data-test="due-check"]').count()).toBe(dueAtStart);
      expect(await added.textContent()).toContain('每 8 小时');
      expect(await added.textContent()).toContain('技术负责人');

      // A printable QR code per point, each opening that point's check form.
      await page.click('[data-test="qr-all"]');
      await page.waitForURL(/\/risk\/qr$/);
      await expect.poll(() => page.locator('[data-test="qr-code"] svg').count()).toBe(levels.length + 1);
      const urls = await page
        .locator('[data-test="qr-card"]')
        .evaluateAll((els) => els.map((el) => (el as unknown as { dataset: { url: string } }).dataset.url));
      expect(urls).toContain(`${server.url}/risk/points/${ids['tank']}/check`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.isVisible('[data-test="print"]')).toBe(false);
      await screenshot(page, 'risk-qr-print-390x844.png', true);
      await page.emulateMedia({ media: 'screen' });
    } finally {
      await phone.close();
    }
  });

  it('a check with a hazard found, recorded from the QR link with no signal, arrives once with its photo', async () => {
    const phone = await openBrowser(PHONE);
    try {
      const { page } = phone;
      await signIn(page, server.url, 'e001', /\/ledger$/);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.goto(`${server.url}/risk`);
      await page.waitForSelector('[data-test="due-check"]');
      await page.reload();
      await page.waitForSelector('[data-test="due-check"]');
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

      await offline(page, true);
      // What the QR code on the tank farm holds, opened with no signal.
      await page.goto(`${server.url}/risk/points/${ids['tank']}/check`);
      await page.waitForSelector('[data-test="check-form"]');
      expect(await page.textContent('[data-test="check-point-name"]')).toBe('液氨储罐区');
      await page.check(`[data-test="check-measure-${ids['valve']}"] input[name="taskId"]`);
      await page.click('[data-test="result-HAZARD_FOUND"]');
      const title = `紧急切断阀动作迟缓（离线检查 ${Date.now() % 100000}）`;
      const hazard = page.locator('[data-test="check-hazard"]');
      await hazard.locator('input[name="title"]').fill(title);
      expect(await hazard.locator('input[name="location"]').inputValue()).toBe('厂区东侧');
      await hazard.locator('textarea[name="measures"]').fill('更换切断阀执行机构');
      await hazard.locator('input[name="responsiblePerson"]').fill('王强');
      await page.setInputFiles('[data-test="choose-photo"]', {
        name: 'valve.png',
        mimeType: 'image/png',
        buffer: photoPng(),
      });
      await page.waitForSelector('[data-test="photo"].saved');
      await screenshot(page, 'risk-check-offline-zh-390x844.png', true);
      await page.click('[data-test="submit-check"]');
      await page.waitForURL(/\/outbox\?queued=/);
      await expect.poll(() => outboxCount(page)).toBe(1);
      expect(await page.textContent('[data-test="outbox-entry"]')).toContain('风险管控检查');
      expect((await tasks({ status: 'DONE' })).map((t) => t.measure.id)).not.toContain(ids['valve']);

      await offline(page, false);
      await expect.poll(() => outboxCount(page), { timeout: 30_000 }).toBe(0);
      const recorded = (await tasks({ status: 'DONE' })).filter((t) => t.measure.id === ids['valve']);
      expect(recorded).toHaveLength(1);
      expect(recorded[0].result).toBe('HAZARD_FOUND');
      expect(recorded[0].hazard).toMatchObject({
        title,
        photos: [{ phase: 'BEFORE' }],
        checkTask: { measure: { description: '检查紧急切断阀是否灵敏', riskPoint: { name: '液氨储罐区' } } },
      });
      expect(recorded[0].hazard.queuedAt).not.toBeNull();
      const hazards = ((await server.gql(HAZARDS, {}, e001)).data!.hazards.edges as any[]).filter(
        (e) => e.node.title === title,
      );
      expect(hazards).toHaveLength(1);
      // Honest times on the ledger: when it was recorded on the phone, and when it reached the server.
      await page.goto(`${server.url}/ledger`);
      const row = page.locator('[data-test="hazard-row"]', { hasText: title });
      await expect.poll(() => row.locator('[data-test="queued-offline"]').textContent()).toMatch(/离线记录于 .+送达/);
    } finally {
      await phone.close();
    }
  });

  it('a refused check and a refused filing reopen in their forms with the values and the server’s sentence', async () => {
    const phone = await openBrowser(PHONE);
    try {
      const { page } = phone;
      await signIn(page, server.url, 'e001', /\/ledger$/);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.goto(`${server.url}/risk`);
      await page.waitForSelector('[data-test="due-check"]');
      await page.goto(`${server.url}/hazards/new`);
      await page.waitForSelector('input[name="title"]');
      const [before] = await tasks({ status: 'DUE' }).then((all) =>
        all.filter((t) => t.measure.id === ids['extinguisher']),
      );

      // Queued with no signal: a check of the office's extinguishers, and a filing due tomorrow.
      await offline(page, true);
      await page.goto(`${server.url}/risk/points/${ids['office']}/check`);
      await page.waitForSelector('[data-test="check-form"]');
      await page.click('[data-test="result-NORMAL"]');
      await page.fill('textarea[name="note"]', '灭火器压力正常，均在有效期内');
      await page.click('[data-test="submit-check"]');
      await page.waitForURL(/\/outbox\?queued=/);

      await page.goto(`${server.url}/hazards/new`);
      const title = `仓库应急照明损坏（退回修改 ${Date.now() % 100000}）`;
      await page.fill('input[name="title"]', title);
      await page.fill('textarea[name="measures"]', '更换应急照明灯');
      await page.fill('input[name="responsiblePerson"]', '赵六');
      const tomorrow = bureauDay(clock.now().getTime() + DAY);
      await page.fill('input[name="deadline"]', tomorrow);
      await page.setInputFiles('[data-test="choose-photo"]', {
        name: 'light.png',
        mimeType: 'image/png',
        buffer: photoPng(),
      });
      await page.waitForSelector('[data-test="photo"].saved');
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/outbox\?queued=/);
      await expect.poll(() => outboxCount(page)).toBe(2);

      // Eight days pass before the signal returns: the check's cycle ended (missed), the deadline is past.
      clock.advance(8 * DAY);
      await server.app.realtime.checks.tick();
      const [current] = (await tasks({ status: 'DUE' })).filter((t) => t.measure.id === ids['extinguisher']);
      expect(current.id).not.toBe(before.id);

      // The outbox page is open (the filing went there); the 'online' event sends both, and both are refused.
      await offline(page, false);
      const refused = page.locator('[data-test="outbox-entry"][data-state="refused"]');
      await expect.poll(() => refused.count(), { timeout: 30_000 }).toBe(2);
      expect(await outboxCount(page)).toBe(2);
      const checkEntry = refused.filter({ hasText: '检查灭火器压力和有效期' });
      const checkRefusal = (await checkEntry.locator('[data-test="outbox-error"]').textContent())!;
      expect(checkRefusal).toMatch(/cycle ended|周期/);
      await screenshot(page, 'field-outbox-two-refused-zh-390x844.png', true);

      // The check reopens in its form: the note as typed, the server's sentence, the measure's current task.
      await checkEntry.locator('[data-test="outbox-correct"]').click();
      await page.waitForURL(/\/risk\/points\/[^/]+\/check\?entry=/);
      await page.waitForSelector('[data-test="correcting"]');
      expect(await page.inputValue('textarea[name="note"]')).toBe('灭火器压力正常，均在有效期内');
      expect(checkRefusal).toContain((await page.textContent('[data-test="server-error"]'))!.trim());
      await expect
        .poll(() => page.locator('input[name="taskId"]:checked').getAttribute('value'), { timeout: 15_000 })
        .toBe(current.id);
      await screenshot(page, 'risk-check-correcting-zh-390x844.png', true);
      await page.click('[data-test="submit-check"]');
      await page.waitForURL(/\/risk\?recorded=/);
      await expect.poll(() => outboxCount(page)).toBe(1);
      const extinguisher = [...(await tasks({ status: 'DONE' })), ...(await tasks({ status: 'MISSED' }))].filter(
        (t) => t.measure.id === ids['extinguisher'],
      );
      expect(extinguisher.map((t) => [t.id, t.status]).sort()).toEqual(
        [
          [before.id, 'MISSED'],
          [current.id, 'DONE'],
        ].sort(),
      );

      // The filing reopens with its values and photo; the user moves the deadline and submits again.
      await page.goto(`${server.url}/outbox`);
      await refused.first().locator('[data-test="outbox-correct"]').click();
      await page.waitForURL(/\/hazards\/new\?entry=/);
      await page.waitForSelector('[data-test="correcting"]');
      expect(await page.inputValue('input[name="title"]')).toBe(title);
      expect(await page.inputValue('input[name="deadline"]')).toBe(tomorrow);
      expect(await page.textContent('[data-test="server-error"]')).toMatch(/deadline|期限/i);
      expect(await page.locator('[data-test="photo"]').count()).toBe(1);
      await screenshot(page, 'field-filing-correcting-zh-390x844.png', true);
      const later = bureauDay(clock.now().getTime() + 5 * DAY);
      await page.fill('input[name="deadline"]', later);
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/ledger\?filed=/);
      await expect.poll(() => outboxCount(page)).toBe(0);
      const filed = ((await server.gql(HAZARDS, {}, e001)).data!.hazards.edges as any[]).filter(
        (e) => e.node.title === title,
      );
      expect(filed).toHaveLength(1);
      expect(filed[0].node.photos).toEqual([{ phase: 'BEFORE' }]);
      expect(bureauDay(Date.parse(filed[0].node.deadline))).toBe(later);
    } finally {
      await phone.close();
    }
  });
});
