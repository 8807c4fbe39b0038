import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer, TV } from './browser.js';

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

describe.skipIf(!!skip)('the live wallboard', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows a hazard filed by an enterprise of the department within two seconds, without reload', async () => {
    const found = await server.gql(
      `{ enterprises(filter: { search: "e001" }) { edges { node { name } } } }`,
      {},
      await server.login('director'),
    );
    const enterpriseName: string = found.data!.enterprises.edges[0].node.name;
    const chief = await openBrowser(TV);
    const enterprise = await openBrowser(PHONE);
    try {
      await signIn(chief.page, server.url, 'chief1', /\/enterprises$/);
      await chief.page.goto(`${server.url}/wallboard`);
      await chief.page.waitForSelector('[data-test="connection"][data-state="live"]', { timeout: 15_000 });
      const openCount = async () =>
        Number((await chief.page.textContent('[data-test="count-open-total"]'))?.replace(/\D/g, ''));
      await expect.poll(openCount, { timeout: 10_000 }).toBeGreaterThan(0);
      const before = await openCount();
      let navigations = 0;
      chief.page.on('framenavigated', (frame) => frame === chief.page.mainFrame() && navigations++);

      await signIn(enterprise.page, server.url, 'e001', /\/ledger$/);
      await enterprise.page.click('[data-test="file-hazard"]');
      await enterprise.page.waitForURL(/\/hazards\/new$/);
      const title = `配电室电缆沟积水（看板测试 ${Date.now() % 100000}）`;
      await enterprise.page.click('[data-test="grade-THIRD"]');
      await enterprise.page.fill('input[name="title"]', title);
      await enterprise.page.fill('input[name="location"]', '配电室');
      await enterprise.page.fill('textarea[name="measures"]', '抽排积水并封堵渗漏点');
      await enterprise.page.fill('input[name="responsiblePerson"]', '李四');
      const filed = Date.now();
      await enterprise.page.click('[data-test="submit"]');

      const ticker = chief.page.locator('[data-test="ticker"]');
      await expect.poll(() => ticker.textContent(), { timeout: 2_000, interval: 50 }).toContain(title);
      const seenAfter = Date.now() - filed;
      expect(await ticker.textContent()).toContain(enterpriseName);
      await expect.poll(openCount, { timeout: 2_000 - Math.min(seenAfter, 1_900), interval: 50 }).toBe(before + 1);
      console.info(`filing → wallboard ticker and counter: ${Date.now() - filed} ms (ticker alone ${seenAfter} ms)`);
      expect(navigations).toBe(0);
      await screenshot(chief.page, 'wallboard-live-chief1-1920x1080.png');
    } finally {
      await enterprise.close();
      await chief.close();
    }
  });

  it('opens by kiosk link on a TV with no sign-in, and shows the link’s department', async () => {
    const created = await server.gql(
      `mutation { createKioskLink(label: "值班室电视") { path } }`,
      {},
      await server.login('chief1'),
    );
    const tv = await openBrowser(TV);
    try {
      await tv.page.goto(`${server.url}${created.data!.createKioskLink.path}`);
      await tv.page.waitForSelector('[data-test="connection"][data-state="live"]', { timeout: 15_000 });
      await expect
        .poll(() => tv.page.textContent('[data-test="count-enterprises"]'), { timeout: 10_000 })
        .toContain('20');
      expect(await tv.page.textContent('[data-test="scope"]')).toContain('危险化学品安全监督管理科');
      expect(tv.page.url()).toContain('/wallboard?kiosk=');
      await tv.page.waitForSelector('[data-test="ticker-item"]');
      await screenshot(tv.page, 'wallboard-kiosk-chief1-1920x1080.png');
      await tv.page.setViewportSize(PHONE);
      await screenshot(tv.page, 'wallboard-kiosk-chief1-390x844.png');
    } finally {
      await tv.close();
    }
  });

  it('tells the TV when its kiosk link has been revoked, instead of staying grey', async () => {
    const chief1 = await server.login('chief1');
    const created = await server.gql(
      `mutation { createKioskLink(label: "会议室电视") { path link { id } } }`,
      {},
      chief1,
    );
    const tv = await openBrowser(TV);
    try {
      await tv.page.goto(`${server.url}${created.data!.createKioskLink.path}`);
      await tv.page.waitForSelector('[data-test="connection"][data-state="live"]', { timeout: 15_000 });
      expect(await tv.page.$('[data-test="kiosk-refused"]')).toBeNull();
      await server.gql(
        `mutation($id: ID!) { revokeKioskLink(id: $id) { id } }`,
        { id: created.data!.createKioskLink.link.id },
        chief1,
      );
      const notice = await tv.page.waitForSelector('[data-test="kiosk-refused"]', { timeout: 15_000 });
      expect(await notice.textContent()).toContain('已失效或已被撤销');
    } finally {
      await tv.close();
    }
  });
});

describe.skipIf(!!skip)('the analyst page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a query in GraphiQL with no request beyond the server', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    const origins = new Set<string>();
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:')) origins.add(new URL(url).origin);
    });
    try {
      await signIn(page, server.url, 'analyst', /\/analyst$/);
      await page.waitForSelector(
        '.graphiql-container .cm-editor, .graphiql-container .monaco-editor, .graphiql-container textarea',
        { timeout: 20_000 },
      );
      const answered = page.waitForResponse(
        (r) =>
          r.url().endsWith('/graphql') &&
          r.request().method() === 'POST' &&
          !(r.request().postData() ?? '').includes('IntrospectionQuery'),
      );
      await page.click('.graphiql-execute-button');
      const response = await answered;
      expect(response.status()).toBe(200);
      await expect.poll(() => page.textContent('.graphiql-response'), { timeout: 10_000 }).toMatch(/"data"/);
      expect([...origins]).toEqual([new URL(server.url).origin]);
      await screenshot(page, 'analyst-graphiql.png');
    } finally {
      await close();
    }
  });
});
