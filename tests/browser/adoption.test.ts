import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx, registryRows, registryXlsx } from '../../server/src/testing/registry-files.js';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, TV, type BrowserSession } from './browser.js';

const skip = browserSkipReason();
const INITIAL = 'Initial-admin-2026';
const ADMIN = 'Bureau-Lantern-river-7';

/** Signs in with a one-time or initial password and goes through the forced change, as a new user does. */
async function firstSignIn(page: Page, url: string, username: string, otp: string, own: string, landing: RegExp) {
  await page.goto(`${url}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', otp);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/change-password$/);
  await page.waitForSelector('[data-test="forced"]');
  await page.fill('input[name="currentPassword"]', otp);
  await page.fill('input[name="newPassword"]', own);
  await page.fill('input[name="repeatPassword"]', own);
  await page.click('[data-test="change-password"]');
  await page.waitForURL(landing);
}

async function createAccount(page: Page, url: string, input: { username: string; name: string; role: string }) {
  await page.goto(`${url}/admin/accounts`);
  await page.click('[data-test="create-user"]');
  await page.fill('[data-test="user-form"] input[name="username"]', input.username);
  await page.fill('[data-test="user-form"] input[name="displayName"]', input.name);
  await page.selectOption('[data-test="user-form"] select[name="role"]', input.role);
  if (input.role === 'SECTION_CHIEF')
    await page.selectOption('[data-test="user-form"] select[name="departmentId"]', { index: 0 });
  await page.click('[data-test="save-user"]');
  const otp = (await page.textContent('[data-test="otp-value"]'))!.trim();
  await page.click('[data-test="otp-close"]');
  return otp;
}

describe.skipIf(!!skip)('a bureau adopts HazardLoop on an empty database, through the pages', () => {
  let server: TestServer;
  const sessions: BrowserSession[] = [];
  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite', seed: 'none', env: { INITIAL_ADMIN_PASSWORD: INITIAL } });
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await server?.close();
  });

  it('admin changes the password, builds the organisation, imports 100 enterprises, and a new account’s hazard reaches the new chief live', async () => {
    const admin = await openBrowser(TV);
    sessions.push(admin);
    const page = admin.page;
    await firstSignIn(page, server.url, 'admin', INITIAL, ADMIN, /\/enterprises$/);

    await page.goto(`${server.url}/admin/departments`);
    await page.fill('input[name="townshipName"]', '码头镇');
    await page.click('[data-test="add-township"]');
    await expect.poll(() => page.textContent('[data-test="townships"]')).toContain('码头镇');

    await createAccount(page, server.url, { username: 'leader1', name: '王建国', role: 'DEPUTY_LEADER' });
    await page.goto(`${server.url}/admin/departments`);
    await page.fill('[data-test="new-department"] input[name="name"]', '危险化学品安全监督管理科');
    await page.selectOption('[data-test="new-department"] select[name="leaderId"]', { label: '王建国（leader1）' });
    await page.click('[data-test="add-department"]');
    await page.waitForSelector('[data-test="department-row"]');
    const chiefOtp = await createAccount(page, server.url, {
      username: 'chief1',
      name: '周文斌',
      role: 'SECTION_CHIEF',
    });
    await page.goto(`${server.url}/admin/departments`);
    await page.waitForSelector('[data-test="department-row"] select[name="chiefId"] option:has-text("周文斌")', {
      state: 'attached',
    });
    await page.selectOption('[data-test="department-row"] select[name="chiefId"]', { label: '周文斌（chief1）' });
    await page.click('[data-test="save-department"]');
    await page.waitForSelector('[data-test="toast"][data-kind="success"]');

    // A dry run of a file with three bad rows: all three reported, nothing written.
    const rows = registryRows(100, '码头镇', '危险化学品安全监督管理科');
    const bad = rows.map((r) => [...r]);
    bad[9]![1] = bad[9]![1]!.slice(0, 17) + (bad[9]![1]!.endsWith('0') ? '1' : '0');
    bad[40]![3] = '不存在镇';
    bad[77]![2] = '养殖业';
    await page.goto(`${server.url}/admin/import`);
    await page.setInputFiles('[data-test="import-file"]', {
      name: '企业名录.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await registryXlsx(bad),
    });
    await page.click('[data-test="upload"]');
    await page.waitForSelector('[data-test="import-problems"]');
    expect(await page.locator('[data-test="import-error-row"]').count()).toBe(3);
    expect(await page.textContent('[data-test="import-errors"]')).toMatch(
      /11[\s\S]*统一社会信用代码[\s\S]*42[\s\S]*乡镇[\s\S]*79[\s\S]*行业/,
    );
    await screenshot(page, 'admin-import-problems-1920x1080.png');
    const adminToken = (await server.gql(`mutation { login(username: "admin", password: "${ADMIN}") { token } }`)).data!
      .login.token;
    expect((await server.gql('{ enterprises { totalCount } }', {}, adminToken)).data!.enterprises.totalCount).toBe(0);

    await page.setInputFiles('[data-test="import-file"]', {
      name: '企业名录.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await registryXlsx(rows),
    });
    await page.click('[data-test="upload"]');
    await page.waitForSelector('[data-test="import-clean"]');
    await page.click('[data-test="confirm-import"]');
    await page.waitForSelector('[data-test="import-done"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="credentials"]')]);
    const sheet = await readXlsx(await readFile((await download.path())!));
    expect(sheet[0]).toEqual(['企业名称', '统一社会信用代码', '用户名', '初始密码']);
    expect(sheet).toHaveLength(101);
    await page.waitForSelector('[data-test="credentials-gone"]');
    expect((await server.gql('{ enterprises { totalCount } }', {}, adminToken)).data!.enterprises.totalCount).toBe(100);

    for (const [path, name] of [
      ['registry', 'registry'],
      ['import', 'import'],
      ['accounts', 'accounts'],
      ['departments', 'departments'],
    ] as const) {
      await page.goto(`${server.url}/admin/${path}`);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `admin-${name}-1920x1080.png`);
      await page.setViewportSize(PHONE);
      await screenshot(page, `admin-${name}-390x844.png`);
      await page.setViewportSize(TV);
    }

    // The new chief watches the wallboard; the first imported enterprise signs in and files.
    const chief = await openBrowser(TV);
    sessions.push(chief);
    await firstSignIn(chief.page, server.url, 'chief1', chiefOtp, 'Chief-own-Pass-1', /\/enterprises$/);
    await chief.page.goto(`${server.url}/wallboard`);
    await chief.page.waitForSelector('[data-test="connection"][data-state="live"]', { timeout: 15_000 });
    await expect
      .poll(() => chief.page.textContent('[data-test="count-enterprises"]'), { timeout: 10_000 })
      .toContain('100');

    const [, , username, otp] = sheet[1]!;
    const enterprise = await openBrowser(PHONE);
    sessions.push(enterprise);
    await firstSignIn(enterprise.page, server.url, username!, otp!, 'Enterprise-own-Pass-1', /\/ledger$/);
    await enterprise.page.click('[data-test="file-hazard"]');
    await enterprise.page.waitForURL(/\/hazards\/new$/);
    const title = '储罐区静电接地线断开（首日测试）';
    await enterprise.page.click('[data-test="grade-THIRD"]');
    await enterprise.page.fill('input[name="title"]', title);
    await enterprise.page.fill('input[name="location"]', '储罐区');
    await enterprise.page.fill('textarea[name="measures"]', '重新连接接地线并检测');
    await enterprise.page.fill('input[name="responsiblePerson"]', '王五');
    await enterprise.page.click('[data-test="submit"]');
    await expect
      .poll(() => chief.page.textContent('[data-test="ticker"]'), { timeout: 10_000, interval: 100 })
      .toContain(title);
    await screenshot(chief.page, 'adoption-chief-wallboard-1920x1080.png');
  }, 240_000);
});
