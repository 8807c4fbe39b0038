import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWithPlan } from '../../server/src/testing/hazard-helpers.js';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer, TV } from './browser.js';

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

/** Waits for the toast of this kind that says `text`, and returns what it says. */
async function toastSays(page: Page, kind: 'success' | 'info' | 'failure', text: RegExp): Promise<string> {
  const toast = page.locator(`[data-test="toast"][data-kind="${kind}"]`, { hasText: text });
  await toast.first().waitFor({ timeout: 15_000 });
  return (await toast.first().textContent()) ?? '';
}

async function hazardIn(server: TestServer, user: string, filter: Record<string, unknown>): Promise<string> {
  const token = await server.login(user);
  const answer = await server.gql<{ hazards: { edges: Array<{ node: { id: string } }> } }>(
    'query ($filter: HazardFilter) { hazards(filter: $filter, first: 1) { edges { node { id } } } }',
    { filter },
    token,
  );
  return answer.data!.hazards.edges[0]!.node.id;
}

describe.skipIf(!!skip)('a word after every action', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says why a sign-in failed', async () => {
    const { page, close } = await openBrowser(PHONE);
    try {
      await page.goto(`${server.url}/login`);
      await page.fill('input[name="username"]', 'chief1');
      await page.fill('input[name="password"]', 'not-the-password');
      await page.click('button[type="submit"]');
      const said = await toastSays(page, 'failure', /./);
      // The same refusal the form shows beside it (its language is the server's message catalogue's).
      expect(said).toContain((await page.textContent('form [role="alert"]'))!.trim());
      await screenshot(page, 'toast-login-failure-390x844.png');
    } finally {
      await close();
    }
  });

  it('confirms a rectification report, and one kept on the phone when it is sent later', async () => {
    const first = (await fileWithPlan(server, 'e001', { title: '配电箱未接地（提示测试）', grade: 'THIRD' })).id;
    const second = (await fileWithPlan(server, 'e001', { title: '消防通道堵塞（提示测试）', grade: 'THIRD' })).id;
    const { page, context, close } = await openBrowser(PHONE);
    try {
      await signIn(page, server.url, 'e001', /\/ledger$/);
      await page.goto(`${server.url}/hazards/${first}`);
      await page.click('[data-test="submit-rectification"]');
      await page.fill('textarea[name="note"]', '已重新敷设接地线（提示测试）');
      await page.click('[data-test="confirm-action"]');
      expect(await toastSays(page, 'success', /已提交整改/)).toContain('等待验收');
      await screenshot(page, 'toast-submitted-390x844.png');

      // No signal: kept on the phone (info), then sent when the network returns (success, from the outbox).
      await page.goto(`${server.url}/hazards/${second}`);
      await page.waitForSelector('[data-test="submit-rectification"]');
      await context.setOffline(true);
      await page.click('[data-test="submit-rectification"]');
      await page.click('[data-test="confirm-action"]');
      await toastSays(page, 'info', /保存在手机上/);
      await context.setOffline(false);
      await toastSays(page, 'success', /已发送成功/);

      // The enterprise records its own self-inspection (the API always allowed it; now the page does).
      await page.goto(`${server.url}/ledger`);
      await page.click('[data-test="self-inspection"]');
      await page.waitForURL(/\/self-inspection$/);
      await page.click('[data-test="add-NEW_HAZARD"]');
      await page.fill('[data-test="finding"] input[name="title"]', '灭火器压力不足（自查）');
      await page.check('[data-test="finding"] input[name="rectifiedOnSpot"]');
      await page.click('[data-test="submit"]');
      await toastSays(page, 'success', /自查记录已保存/);
      await page.waitForURL(/\/ledger$/);
      await expect.poll(() => page.textContent('[data-test="hazard-list"]')).toContain('灭火器压力不足（自查）');
    } finally {
      await close();
    }
  });

  it('confirms an acceptance, an inspection and an enforcement action for the section chief', async () => {
    const pending = await hazardIn(server, 'chief1', { status: ['PENDING_VERIFICATION'], grade: ['THIRD'] });
    const self = await server.gql(
      'mutation { recordInspection(input: { kind: SELF_INSPECTION, note: "自查无新隐患" }) { id } }',
      {},
      await server.login('e001'),
    );
    expect(self.errors).toBeUndefined();
    const { page, close } = await openBrowser(TV);
    try {
      await signIn(page, server.url, 'chief1', /\/enterprises$/);
      await page.goto(`${server.url}/hazards/${pending}`);
      await page.click('[data-test="verify-accept"]');
      await page.click('[data-test="confirm-action"]');
      await toastSays(page, 'success', /已验收销号/);
      // The card has nothing left to offer once the hazard is closed; the toast still says what happened.
      await expect.poll(() => page.locator('[data-test="verify-accept"]').count()).toBe(0);

      await page.goto(`${server.url}/enterprises`);
      await page.click('[data-test="enterprise-link"]');
      await page.waitForSelector('[data-test="record-inspection"]');
      // e001's self-inspection is on its page, as its last one.
      await expect.poll(() => page.textContent('[data-test="inspection-history"]')).toContain('企业自查');
      expect(await page.textContent('[data-test="last-self-inspection"]')).not.toBe('—');
      // Whom to call and where to go (item 6): the contact, a phone to tap, the address; the hazard table has headers.
      for (const field of ['contact-name', 'contact-phone', 'address'])
        expect((await page.textContent(`[data-test="${field}"]`))?.trim(), field).not.toBe('—');
      expect(await page.getAttribute('[data-test="contact-phone"] a', 'href')).toMatch(/^tel:1\d{10}$/);
      const headers = await page.$$eval('[data-test="enterprise-hazards"] thead th', (cells) =>
        cells.map((th) => th.textContent?.trim()),
      );
      expect(headers).toEqual(expect.arrayContaining(['隐患名称', '整改期限']));
      const detail = page.url();
      await page.click('[data-test="record-inspection"]');
      await page.click('[data-test="submit"]');
      await toastSays(page, 'success', /现场检查记录/);
      await page.waitForURL(detail);
      expect(page.url()).not.toContain('recorded=');
      await expect.poll(() => page.locator('[data-test="inspection"]').count()).toBeGreaterThan(0);

      await page.click('[data-test="record-enforcement"]');
      await page.fill('textarea[name="basis"]', '《安全生产法》第一百零二条');
      await page.click('[data-test="submit"]');
      await toastSays(page, 'success', /执法记录（约谈）/);
      await screenshot(page, 'toast-enforcement-1920x1080.png');

      // A refusal is said too: a future inspection time (R1).
      await page.click('[data-test="record-inspection"]');
      await page.fill('input[name="inspectedAt"]', '2099-01-01T10:00');
      await page.click('[data-test="submit"]');
      await toastSays(page, 'failure', /./);
    } finally {
      await close();
    }
  });

  it('tells the director that today’s snapshot already exists, and the admin that a department was saved', async () => {
    const { page, close } = await openBrowser(TV);
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.goto(`${server.url}/snapshots`);
      await page.click('[data-test="take-snapshot"]');
      await toastSays(page, 'success', /已生成/);
      await expect.poll(() => page.locator('[data-test="snapshot-card"]').count()).toBeGreaterThan(0);
      await page.click('[data-test="take-snapshot"]');
      expect(await toastSays(page, 'info', /今日快照已于/)).toContain('未重复生成');
      await screenshot(page, 'toast-snapshot-exists-1920x1080.png');

      await signIn(page, server.url, 'admin', /\/enterprises$/);
      await page.goto(`${server.url}/admin/departments`);
      await page.click('[data-test="save-department"]');
      await toastSays(page, 'success', /已保存/);
      await page.goto(`${server.url}/kiosk-links`);
      await page.fill('input[name="label"]', '值班室电视（提示测试）');
      await page.click('[data-test="create-kiosk"]');
      await toastSays(page, 'success', /已生成看板链接/);
    } finally {
      await close();
    }
  });
});
