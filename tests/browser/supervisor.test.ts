import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, screenshot, signIn, startDashboardServer, TV, PHONE } from './browser.js';

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

describe.skipIf(!!skip)('a section chief at the bureau', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sees the 20 enterprises of their department, with the three displays as badges', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'chief1', /\/enterprises$/);
      await expect.poll(() => page.locator('[data-test="enterprise-row"]').count()).toBe(20);
      expect(await page.textContent('[data-test="total"]')).toContain('20');
      const row = (code: string) => page.locator('[data-test="enterprise-row"]', { hasText: code });
      await expect.poll(() => row('e007').locator('[data-test="alert-NO_LOGIN"]').count()).toBe(1);
      expect(await row('e012').locator('[data-test="alert-NO_FILING"]').count()).toBe(1);
      expect(await row('e003').locator('[data-test="alert-OVERDUE"]').count()).toBe(1);
      expect(await row('e001').locator('.alert').count()).toBe(0);
      await screenshot(page, 'enterprises-chief1.png');
    } finally {
      await close();
    }
  });

  it('filters the hazard list to the overdue ones', async () => {
    const overdue = (
      await server.gql<{ hazards: { totalCount: number } }>(
        '{ hazards(filter: { overdue: true }) { totalCount } }',
        {},
        await server.login('chief1'),
      )
    ).data!.hazards.totalCount;
    expect(overdue).toBeGreaterThan(0);
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'chief1', /\/enterprises$/);
      await page.goto(`${server.url}/supervision/hazards`);
      await page.selectOption('[data-test="filter-overdue"]', 'true');
      await expect.poll(() => page.locator('[data-test="hazard-row"]').count()).toBe(overdue);
      expect(await page.locator('[data-test="hazard-row"] [data-test="overdue"]').count()).toBe(overdue);
    } finally {
      await close();
    }
  });

  it('searches the hazard list on the server, and offers a section chief no department outside their own', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'chief1', /\/enterprises$/);
      await page.goto(`${server.url}/supervision/hazards`);
      await expect.poll(() => page.locator('[data-test="hazard-row"]').count()).toBeGreaterThan(10);
      // Their scope is one department: no filter that would offer the other four.
      expect(await page.locator('[data-test="filter-department"]').count()).toBe(0);
      const total = async () => Number((await page.textContent('[data-test="total"]'))!.match(/(\d+)\D*$/)![1]);
      const all = await total();
      const first = page.locator('[data-test="hazard-row"]').first();
      const enterprise = (await first.locator('td').nth(1).locator('a').textContent())!.trim();
      await page.fill('[data-test="hazard-search"]', enterprise);
      await expect.poll(total).toBeLessThan(all);
      const rows = page.locator('[data-test="hazard-row"]');
      for (const text of await rows.allTextContents()) expect(text).toContain(enterprise);
      await page.fill('[data-test="hazard-search"]', '没有这样的隐患');
      await expect.poll(() => page.locator('[data-test="hazard-row"]').count()).toBe(0);
      // No rows already while the search loads ("加载中…"); the empty answer follows.
      await expect.poll(() => page.textContent('section')).toContain('暂无');
    } finally {
      await close();
    }
    const director = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(director.page, server.url, 'director', /\/enterprises$/);
      await director.page.goto(`${server.url}/supervision/hazards`);
      await expect.poll(() => director.page.locator('[data-test="filter-department"] option').count()).toBe(6);
    } finally {
      await director.close();
    }
  });

  it('narrows the enterprises to those with a display on the server, with the true total, for the director and a chief', async () => {
    for (const user of ['director', 'chief1']) {
      const alerts = await server.gql<{ alerts: Array<{ enterprise: { id: string } }> }>(
        '{ alerts { enterprise { id } } }',
        {},
        await server.login(user),
      );
      const withDisplay = new Set(alerts.data!.alerts.map((a) => a.enterprise.id)).size;
      expect(withDisplay, user).toBeGreaterThan(0);
      const { page, close } = await openBrowser({ width: 1440, height: 900 });
      try {
        await signIn(page, server.url, user, /\/enterprises$/);
        await expect.poll(() => page.locator('[data-test="enterprise-row"]').count()).toBeGreaterThan(withDisplay);
        await page.check('[data-test="only-alerts"]');
        await expect.poll(() => page.textContent('[data-test="total"]')).toBe(`共 ${withDisplay} 家`);
        await expect.poll(() => page.locator('[data-test="enterprise-row"]').count()).toBe(withDisplay);
        for (const row of await page.locator('[data-test="enterprise-row"]').all())
          await expect.poll(() => row.locator('[data-test^="alert-"]').count()).toBeGreaterThan(0);
      } finally {
        await close();
      }
    }
  });

  it('says on the inspection form, in Chinese, that a hazard found on site needs a rectification deadline', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'chief1', /\/enterprises$/);
      await page.click('[data-test="enterprise-link"]');
      await page.click('[data-test="record-inspection"]');
      await page.click('[data-test="add-NEW_HAZARD"]');
      await page.fill('[data-test="finding"] input[name="title"]', '配电柜门锁损坏（无期限）');
      await page.fill('[data-test="finding"] textarea[name="measures"]', '更换门锁并张贴警示标识');
      await page.fill('[data-test="finding"] input[name="responsiblePerson"]', '刘建华');
      await page.click('[data-test="submit"]');
      await expect.poll(() => page.textContent('[data-test="form-error"]')).toContain('请设定整改期限');
      expect(page.url()).toMatch(/\/inspection$/);
    } finally {
      await close();
    }
    const hazards = await server.gql<{ hazards: { totalCount: number } }>(
      '{ hazards(filter: { search: "配电柜门锁损坏（无期限）" }) { totalCount } }',
      {},
      await server.login('chief1'),
    );
    expect(hazards.data!.hazards.totalCount).toBe(0);
  });

  it('lists the hazards as a table with sortable headers on a desktop, up to 200 a page, and as cards on a phone', async () => {
    const total = (
      await server.gql<{ hazards: { totalCount: number } }>(
        '{ hazards { totalCount } }',
        {},
        await server.login('director'),
      )
    ).data!.hazards.totalCount;
    expect(total).toBeGreaterThan(200);
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.goto(`${server.url}/supervision/hazards`);
      const rows = page.locator('[data-test="hazard-table"] [data-test="hazard-row"]');
      await expect.poll(() => rows.count()).toBe(50);
      expect(await page.textContent('[data-test="total"]')).toContain(`共 ${total} 条`);
      await page.selectOption('[data-test="page-size"]', '200');
      await expect.poll(() => rows.count()).toBe(200);

      await page.click('[data-test="sort-deadline"]');
      expect(await page.getAttribute('th:has([data-test="sort-deadline"])', 'aria-sort')).toBe('ascending');
      const deadlines = (await rows.locator('td:nth-child(6)').allTextContents()).map((d) => d.trim());
      const dated = deadlines.filter((d) => d !== '—');
      expect(dated.length).toBeGreaterThan(10);
      expect(dated).toEqual([...dated].sort());
      // Hazards without a deadline (rectified on the spot) come last.
      expect(deadlines.slice(0, dated.length)).toEqual(dated);

      await page.setViewportSize(PHONE);
      await expect.poll(() => page.locator('[data-test="hazard-table"]').count()).toBe(0);
      await expect.poll(() => page.locator('[data-test="hazard-list"] [data-test="hazard-row"]').count()).toBe(200);
    } finally {
      await close();
    }
  });

  it('sorts the enterprises by a header, the longest silent first, and shows all 100 at 200 a page', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      const rows = page.locator('[data-test="enterprise-row"]');
      await expect.poll(() => rows.count()).toBe(50);
      await page.selectOption('[data-test="page-size"]', '200');
      await expect.poll(() => rows.count()).toBe(100);
      await page.click('[data-test="sort-lastLoginAt"]');
      expect(await page.getAttribute('th:has([data-test="sort-lastLoginAt"])', 'aria-sort')).toBe('ascending');
      const logins = (await rows.locator('td:nth-child(6)').allTextContents()).map((d) => d.trim());
      expect(logins).toEqual([...logins].sort());
      // The enterprise on the no-login display is among the first rows, not somewhere on the page.
      expect((await rows.first().textContent())!).toMatch(/e0(07|37)/);
      await page.click('[data-test="sort-lastLoginAt"]');
      expect(await page.getAttribute('th:has([data-test="sort-lastLoginAt"])', 'aria-sort')).toBe('descending');
      const newest = (await rows.locator('td:nth-child(6)').allTextContents()).map((d) => d.trim());
      expect(newest).toEqual([...logins].reverse());
    } finally {
      await close();
    }
  });

  it('flags a pending extension on the director’s agenda, and prints the agenda without its buttons', async () => {
    const director = await server.login('director');
    const agenda = await server.gql<{
      majorHazardAgenda: Array<{
        hazard: {
          id: string;
          status: string;
          deadline: string;
          enterprise: { code: string };
          extensions: Array<{ status: string }>;
        };
      }>;
    }>(
      '{ majorHazardAgenda { hazard { id status deadline enterprise { code } extensions { status } } } }',
      {},
      director,
    );
    const item = agenda.data!.majorHazardAgenda.find(
      ({ hazard }) =>
        hazard.status === 'RECTIFYING' &&
        new Date(hazard.deadline) > new Date() &&
        !hazard.extensions.some((e) => e.status === 'PENDING'),
    )!;
    expect(item, 'a major hazard in rectification before its deadline').toBeDefined();
    const { id, deadline, enterprise } = item.hazard;
    const until = new Date(new Date(deadline).getTime() + 30 * 86_400_000).toISOString();
    const asked = await server.gql(
      'mutation ($id: ID!, $until: DateTime!) { requestExtension(hazardId: $id, reason: "大型设备备件到货需要时间", until: $until) { id } }',
      { id, until },
      await server.login(enterprise.code),
    );
    expect(asked.errors).toBeUndefined();

    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'director', /\/enterprises$/);
      await page.goto(`${server.url}/agenda`);
      const entry = page.locator('[data-test="agenda-item"]', { has: page.locator(`a[href="/hazards/${id}"]`) });
      const pending = entry.locator('[data-test="pending-extension"]');
      await expect.poll(() => pending.count()).toBe(1);
      expect(await pending.textContent()).toContain('大型设备备件到货需要时间');
      expect(await pending.textContent()).toContain('延期');
      expect(await page.isVisible('[data-test="print-agenda"]')).toBe(true);
      await page.emulateMedia({ media: 'print' });
      expect(await page.isVisible('[data-test="print-agenda"]')).toBe(false);
      expect(await page.isVisible('[data-test="agenda"]')).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      await screenshot(page, 'agenda-pending-extension-1440x900.png');
    } finally {
      await close();
    }
  });

  it('grades a hazard up to major: it owes its plan on its page and the agenda until the enterprise gives it (R5)', async () => {
    const found = await server.gql<{
      hazards: { edges: Array<{ node: { id: string; title: string; enterprise: { code: string } } }> };
    }>(
      '{ hazards(filter: { grade: [THIRD], status: [RECTIFYING], overdue: false }, first: 1) { edges { node { id title enterprise { code } } } } }',
      {},
      await server.login('chief1'),
    );
    const { id, enterprise } = found.data!.hazards.edges[0]!.node;
    const agendaEntry = (page: Page) =>
      page.locator('[data-test="agenda-item"]', { has: page.locator(`a[href="/hazards/${id}"]`) });

    const chief = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(chief.page, server.url, 'chief1', /\/enterprises$/);
      await chief.page.goto(`${server.url}/hazards/${id}`);
      await chief.page.click('[data-test="regrade"]');
      await chief.page.selectOption('[data-test="action-form"] select[name="grade"]', 'MAJOR');
      await chief.page.fill('[data-test="action-form"] textarea[name="reason"]', '复查认定涉及重大事故隐患判定标准');
      await chief.page.click('[data-test="confirm-action"]');
      await chief.page.locator('[data-test="toast"][data-kind="success"]').first().waitFor({ timeout: 15_000 });
      await expect.poll(() => chief.page.locator('[data-test="plan-owed"]').count()).toBe(1);
    } finally {
      await chief.close();
    }

    const director = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(director.page, server.url, 'director', /\/enterprises$/);
      await director.page.goto(`${server.url}/agenda`);
      await expect.poll(() => agendaEntry(director.page).locator('[data-test="plan-owed"]').count()).toBe(1);
    } finally {
      await director.close();
    }

    const company = await openBrowser(PHONE);
    try {
      await signIn(company.page, server.url, enterprise.code, /\/ledger$/);
      await company.page.goto(`${server.url}/hazards/${id}`);
      await company.page.click('[data-test="submit-plan"]');
      await company.page.fill(
        '[data-test="action-form"] textarea[name="objectives"]',
        '彻底消除隐患，恢复安全生产条件',
      );
      await company.page.fill('[data-test="action-form"] textarea[name="funding"]', '专项资金 12 万元');
      await company.page.fill('[data-test="action-form"] textarea[name="emergencyMeasures"]', '设置警戒区，专人值守');
      await company.page.click('[data-test="confirm-action"]');
      await expect.poll(() => company.page.locator('[data-test="plan-owed"]').count()).toBe(0);
      await expect.poll(() => company.page.textContent('main')).toContain('专项资金 12 万元');
    } finally {
      await company.close();
    }
    const agenda = await server.gql<{ majorHazardAgenda: Array<{ planOwed: boolean; hazard: { id: string } }> }>(
      '{ majorHazardAgenda { planOwed hazard { id } } }',
      {},
      await server.login('director'),
    );
    expect(agenda.data!.majorHazardAgenda.find((item) => item.hazard.id === id)?.planOwed).toBe(false);
  });

  it('switches the interface to English and keeps the choice', async () => {
    const { page, close } = await openBrowser(PHONE);
    try {
      await signIn(page, server.url, 'chief1', /\/enterprises$/);
      await page.selectOption('[data-test="language"]', 'en');
      await expect.poll(() => page.textContent('h1')).toBe('My enterprises');
      await page.reload();
      await expect.poll(() => page.textContent('h1')).toBe('My enterprises');
    } finally {
      await close();
    }
  });
});

describe.skipIf(!!skip)('the wallboard', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows the director all 100 enterprises, the three displays and the table, on a TV and on a phone', async () => {
    const tv = await openBrowser(TV);
    try {
      await signIn(tv.page, server.url, 'director', /\/enterprises$/);
      await tv.page.goto(`${server.url}/wallboard`);
      await expect
        .poll(() => tv.page.textContent('[data-test="count-enterprises"]'), { timeout: 15_000 })
        .toContain('100');
      // The demo's figures depend on the hour it was made at (deadlines end at the bureau's midnight): the page shows the server's.
      const figures = (
        await server.gql<{ wallboard: { overdueHazards: number; noLoginCount: number } }>(
          '{ wallboard { overdueHazards noLoginCount } }',
          {},
          await server.login('director'),
        )
      ).data!.wallboard;
      expect(figures.overdueHazards).toBeGreaterThan(0);
      expect(await tv.page.textContent('[data-test="count-overdue"]')).toContain(String(figures.overdueHazards));
      expect(await tv.page.locator('[data-test="department-table"] tbody tr').count()).toBe(5);
      expect(await tv.page.textContent('[data-test="display-NO_LOGIN"] .count')).toBe(String(figures.noLoginCount));
      expect(await tv.page.getAttribute('[data-test="connection"]', 'data-state')).toBe('live');
      await tv.page.waitForSelector('[data-test="ticker-item"]');
      await screenshot(tv.page, 'wallboard-director-1920x1080.png');
      await tv.page.setViewportSize(PHONE);
      // Every column of the department table on the phone's panel, 重大 included: nothing cut off or to scroll to.
      const table = await tv.page.$eval('[data-test="department-table"]', (panel) => {
        const scroll = panel.querySelector('.scroll')!;
        const last = panel.querySelector('thead th:last-child')!.getBoundingClientRect();
        return {
          scrolls: scroll.scrollWidth > scroll.clientWidth,
          lastRight: last.right,
          panelRight: panel.getBoundingClientRect().right,
        };
      });
      expect(table.scrolls).toBe(false);
      expect(table.lastRight).toBeLessThanOrEqual(table.panelRight);
      await screenshot(tv.page, 'wallboard-director-390x844.png');
      await screenshot(tv.page, 'wallboard-director-390-full.png', true);
    } finally {
      await tv.close();
    }
  });

  it('shows a section chief their department only', async () => {
    const { page, close } = await openBrowser(TV);
    try {
      await signIn(page, server.url, 'chief1', /\/enterprises$/);
      await page.goto(`${server.url}/wallboard`);
      await expect.poll(() => page.textContent('[data-test="count-enterprises"]'), { timeout: 15_000 }).toContain('20');
      expect(await page.textContent('[data-test="scope"]')).toContain('危险化学品安全监督管理科');
      expect(await page.locator('[data-test="department-table"] tbody tr').count()).toBe(1);
      await screenshot(page, 'wallboard-chief1-1920x1080.png');
    } finally {
      await close();
    }
  });
});
