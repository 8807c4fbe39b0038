import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ManualClock } from '../common/clock.js';
import { createTestDatabase } from '../../testing/databases.js';
import { FakeRenderer } from '../../testing/fake-renderer.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { quietDuring } from '../alert/alert.rules.js';
import { periodEndedBy, periodOf } from './bulletin.service.js';

const dialects = await testDialects();

/** The timers start when the server becomes timer leader (at once on SQLite, on winning the advisory lock on PostgreSQL); then their first tick catches up. */
async function timersRan(server: TestServer): Promise<void> {
  await vi.waitFor(() => expect(server.app.reminders.active).toBe(true), { timeout: 15_000 });
  await server.app.reminders.idle();
}

const COUNTS = `{ dailySnapshots(first: 50) { totalCount edges { node { date trigger } } } weeklyDispatches { totalCount edges { node { weekOf trigger } } } bulletins { totalCount edges { node { periodStart trigger } } } }`;

describe('half-month periods and silences', () => {
  it('knows the periods a bulletin covers', () => {
    expect(periodEndedBy('2026-11-16', 'Asia/Shanghai')).toMatchObject({ start: '2026-11-01', last: '2026-11-15' });
    expect(periodEndedBy('2026-12-01', 'Asia/Shanghai')).toMatchObject({ start: '2026-11-16', last: '2026-11-30' });
    expect(periodEndedBy('2027-03-10', 'Asia/Shanghai')).toMatchObject({ start: '2027-02-16', last: '2027-02-28' });
    expect(periodOf('2026-11-01', 'Asia/Shanghai').startAt.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('finds a silence longer than the window inside the period, and none where events keep coming', () => {
    const day = 86_400_000;
    const start = new Date('2026-11-01T00:00:00Z');
    const end = new Date('2026-11-16T00:00:00Z');
    const registered = new Date('2026-01-01T00:00:00Z');
    const regular = Array.from({ length: 12 }, (_, i) => new Date(start.getTime() - 20 * day + i * 3 * day));
    expect(quietDuring(regular, registered, start, end, 15 * day)).toBeNull();
    const stopped = [new Date(start.getTime() - 5 * day)];
    expect(quietDuring(stopped, registered, start, end, 15 * day)?.since.toISOString()).toBe(
      '2026-11-11T00:00:00.000Z',
    );
  });
});

describe.each(dialects)('the reminder timers with an injected clock, on %s', (dialect) => {
  it('leaves a missed day without a snapshot at start-up (its figures are gone), takes one when 08:00 passes, and none more after a restart', async () => {
    const db = await createTestDatabase(dialect);
    const clock = new ManualClock('2026-11-29T07:50:00+08:00');
    const renderer = new FakeRenderer();
    let server: TestServer | undefined = await startTestServer({
      dialect,
      clock,
      renderer,
      database: db,
      env: { REMINDERS: 'on' },
    });
    try {
      await timersRan(server);
      const director = await server.login('director');
      let counts = (await server.gql(COUNTS, {}, director)).data!;
      // 2026-11-28's 08:00 passed unseen: a snapshot taken now would hold today's figures under it.
      expect(counts.dailySnapshots.edges.map((e: any) => e.node)).toEqual([]);
      expect(counts.weeklyDispatches.edges.map((e: any) => e.node)).toEqual([
        { weekOf: '2026-11-23', trigger: 'CATCH_UP' },
      ]);
      expect(counts.bulletins.edges.map((e: any) => e.node)).toEqual([
        { periodStart: '2026-11-01', trigger: 'CATCH_UP' },
      ]);
      expect(server.app.reminders.nextRunAfter(clock.now())?.toISOString()).toBe('2026-11-29T00:00:00.000Z');

      clock.set('2026-11-29T07:59:59+08:00');
      await server.app.reminders.tick();
      expect((await server.gql(COUNTS, {}, director)).data!.dailySnapshots.totalCount).toBe(0);

      clock.set('2026-11-29T08:00:01+08:00');
      await server.app.reminders.tick();
      clock.set('2026-11-29T08:30:00+08:00');
      await server.app.reminders.tick();
      counts = (await server.gql(COUNTS, {}, director)).data!;
      expect(counts.dailySnapshots.edges.map((e: any) => e.node)).toEqual([
        { date: '2026-11-29', trigger: 'SCHEDULE' },
      ]);
      expect(renderer.urls).toHaveLength(1);

      await server.close();
      clock.set('2026-11-29T08:40:00+08:00');
      server = await startTestServer({ dialect, clock, renderer, database: db, env: { REMINDERS: 'on' } });
      await timersRan(server);
      counts = (await server.gql(COUNTS, {}, await server.login('director'))).data!;
      expect(counts.dailySnapshots.totalCount).toBe(1);
      expect(counts.weeklyDispatches.totalCount).toBe(1);
      expect(counts.bulletins.totalCount).toBe(1);
      expect(renderer.urls).toHaveLength(1);
      expect(server.app.reminders.nextRunAfter(clock.now())?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    } finally {
      await server?.close();
      await db.drop();
    }
  }, 120_000);
});

const BULLETIN = `mutation($p: Date) { issueBulletin(periodStart: $p) { periodStart periodEnd criteria clearedTargets named { code reasons { kind detail } } } }`;
const KEY_TARGETS = `{ enterprises(first: 200) { edges { node { code keyTarget } } } }`;

describe.each(dialects)('the semi-monthly bulletin and the weekly dispatch, on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      clock: new ManualClock('2026-11-16T09:00:00+08:00'),
      renderer: new FakeRenderer(),
    });
  });
  afterAll(() => server?.close());

  it('names the enterprises that stopped logging in or filing, with reasons, and makes them key targets', async () => {
    const em = server.app.orm.em.fork();
    const previous = await em.findOneOrFail(Enterprise, { code: 'e050' });
    previous.keyTarget = true;
    await em.flush();

    const director = await server.login('director');
    const e010 = (
      await server.gql(`{ enterprises(first: 200) { edges { node { id code } } } }`, {}, director)
    ).data!.enterprises.edges.find((e: any) => e.node.code === 'e010').node.id;
    const inspected = await server.gql(
      `mutation($input: InspectionInput!) { recordInspection(input: $input) { id } }`,
      {
        input: {
          enterpriseId: e010,
          kind: 'REGULATOR_INSPECTION',
          inspectedAt: '2026-11-10T10:00:00+08:00',
          findings: [
            {
              outcome: 'NEW_HAZARD',
              hazard: {
                title: '砂轮机防护罩缺失',
                grade: 'THIRD',
                measures: '加装防护罩',
                responsiblePerson: '李主任',
                deadline: '2026-11-30T00:00:00+08:00',
              },
            },
          ],
        },
      },
      await server.login('inspector1'),
    );
    expect(inspected.errors).toBeUndefined();

    const result = await server.gql(BULLETIN, {}, director);
    expect(result.errors).toBeUndefined();
    const bulletin = result.data!.issueBulletin;
    expect(bulletin).toMatchObject({ periodStart: '2026-11-01', periodEnd: '2026-11-15', clearedTargets: ['e050'] });
    expect(bulletin.criteria.join('\n')).toContain('15天');
    const named = new Map<string, string[]>(
      bulletin.named.map((e: any) => [e.code, e.reasons.map((r: any) => r.kind)]),
    );
    for (const code of ['e007', 'e033']) expect(named.get(code), code).toContain('NO_LOGIN');
    for (const code of ['e012', 'e048', 'e091']) expect(named.get(code), code).toContain('NO_FILING');
    for (const code of ['e003', 'e025', 'e066', 'e078']) expect(named.get(code), code).toContain('OVERDUE');
    expect(named.get('e010')).toEqual(['DISCREPANCY']);
    const e010Reason = bulletin.named.find((e: any) => e.code === 'e010').reasons[0].detail;
    expect(e010Reason).toContain('砂轮机防护罩缺失');
    expect(e010Reason).toContain('2026-11-10');
    expect(bulletin.criteria.join('\n')).toContain('现场检查');

    const targets = (await server.gql(KEY_TARGETS, {}, director)).data!.enterprises.edges.map((e: any) => e.node);
    const keyTargets = targets
      .filter((e: any) => e.keyTarget)
      .map((e: any) => e.code)
      .sort();
    expect(keyTargets).toEqual([...named.keys()].sort());
    expect(keyTargets).toEqual(expect.arrayContaining(['e007', 'e033', 'e012', 'e048', 'e091']));
    expect(keyTargets).not.toContain('e050');

    // The live wallboard shows them: a count, and the flag on the enterprises of the displays.
    const live = (
      await server.gql(
        `{ wallboard { keyTargetCount byDepartment { keyTargetCount } } alerts(kind: NO_LOGIN) { enterprise { code keyTarget } } }`,
        {},
        director,
      )
    ).data!;
    expect(live.wallboard.keyTargetCount).toBe(named.size);
    expect(live.wallboard.byDepartment.reduce((n: number, d: any) => n + d.keyTargetCount, 0)).toBe(named.size);
    expect(live.alerts.find((a: any) => a.enterprise.code === 'e007').enterprise.keyTarget).toBe(true);

    const again = await server.gql(BULLETIN, { p: '2026-11-01' }, director);
    expect(again.data!.issueBulletin.named).toHaveLength(bulletin.named.length);
    // In English mode the criteria and reasons read in English; the stored bulletin stays the bureau's (the same hash).
    const english = (
      await server.gql(
        `{ bulletin(periodStart: "2026-11-01") { contentHash criteria named { code reasons { kind detail } } } }`,
        {},
        director,
        { 'accept-language': 'en' },
      )
    ).data!.bulletin;
    const englishText = [
      ...english.criteria,
      ...english.named.flatMap((e: any) => e.reasons.map((r: any) => r.detail)),
    ];
    expect(englishText.join('\n')).toContain('15 days');
    // A threshold of one reads as English does ("1 or more hazards", not "at least 1 hazards").
    expect(english.criteria).toContain('1 or more hazards left past their rectification deadline during the period');
    for (const text of englishText)
      expect(text.replace(/「[^」]*」|“[^”]*”/g, ''), text).not.toMatch(/[\u4e00-\u9fff]/);
    const englishE010 = english.named.find((e: any) => e.code === 'e010').reasons[0].detail;
    expect(englishE010).toBe('found on site, not filed by the enterprise (1): “砂轮机防护罩缺失” (2026-11-10)');
    expect(english.named.map((e: any) => e.code)).toEqual(bulletin.named.map((e: any) => e.code));
    const read = await server.gql(
      `{ bulletin { periodStart named { code } } bulletins { totalCount } }`,
      {},
      await server.login('chief2'),
    );
    expect(read.data!.bulletin.periodStart).toBe('2026-11-01');
    expect(read.data!.bulletins.totalCount).toBe(1);
    const chain = await server.gql(`{ auditChain { valid } }`, {}, director);
    expect(chain.data!.auditChain.valid).toBe(true);
  });

  it('refuses a bulletin from other roles, for a day that starts no period, and for a period not yet over', async () => {
    const denied = await server.gql(BULLETIN, {}, await server.login('leader1'));
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const odd = await server.gql(BULLETIN, { p: '2026-11-05' }, await server.login('director'));
    expect(odd.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodStart' });
    const open = await server.gql(BULLETIN, { p: '2026-11-16' }, await server.login('director'));
    expect(open.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodStart' });
    const enterprise = await server.gql(`{ bulletin { periodStart } }`, {}, await server.login('e001'));
    expect(enterprise.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gives each deputy leader the dispatch of their own department, and the director all five', async () => {
    const issued = await server.gql(`mutation { issueWeeklyDispatch { weekOf } }`, {}, await server.login('admin'));
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueWeeklyDispatch.weekOf).toBe('2026-11-16');
    const QUERY = `{ weeklyDispatch { weekOf departments { number leaderName silent { code reason keyTarget } overdue { enterpriseCode keyTarget } dueSoon { deadline } majorOpen { grade deadline } } } }`;
    const mine = (await server.gql(QUERY, {}, await server.login('leader1'))).data!.weeklyDispatch;
    expect(mine.departments.map((d: any) => d.number)).toEqual([1]);
    const silent = mine.departments[0].silent.map((e: any) => `${e.code}:${e.reason}`);
    expect(silent).toEqual(expect.arrayContaining(['e007:NO_LOGIN', 'e012:NO_FILING']));
    expect(mine.departments[0].overdue.map((h: any) => h.enterpriseCode)).toContain('e003');
    // Issued after the bulletin: the key targets it named are flagged.
    expect(mine.departments[0].silent.find((e: any) => e.code === 'e007').keyTarget).toBe(true);
    expect(mine.departments[0].overdue.find((h: any) => h.enterpriseCode === 'e003').keyTarget).toBe(true);
    const all = (await server.gql(QUERY, {}, await server.login('director'))).data!.weeklyDispatch;
    expect(all.departments).toHaveLength(5);
    expect(all.departments.flatMap((d: any) => d.majorOpen).every((h: any) => h.grade === 'MAJOR')).toBe(true);
    // The director chases the soonest deadline first: each department's major hazards in deadline order.
    const deadlines = all.departments.map((d: any) => d.majorOpen.map((h: any) => h.deadline));
    expect(deadlines.some((list: string[]) => new Set(list).size > 1)).toBe(true);
    for (const list of deadlines)
      expect(list).toEqual([...list].sort((a: string | null, b: string | null) => (a ?? '~').localeCompare(b ?? '~')));
    const notMonday = await server.gql(
      `mutation { issueWeeklyDispatch(weekOf: "2026-11-17") { weekOf } }`,
      {},
      await server.login('admin'),
    );
    expect(notMonday.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weekOf' });
  });
});

describe.each(dialects)('a bulletin under configured criteria, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      clock: new ManualClock('2026-11-16T09:00:00+08:00'),
      renderer: new FakeRenderer(),
      env: { BULLETIN_CRITERIA: 'no_login' },
    });
  });
  afterAll(() => server?.close());

  it('names only what the criteria say, and states only those criteria', async () => {
    const result = await server.gql(BULLETIN, {}, await server.login('director'));
    expect(result.errors).toBeUndefined();
    const bulletin = result.data!.issueBulletin;
    expect(bulletin.criteria).toHaveLength(1);
    expect(bulletin.criteria[0]).toContain('未登录');
    expect(bulletin.named.map((e: any) => e.code).sort()).toEqual(['e007', 'e033']);
  });
});
