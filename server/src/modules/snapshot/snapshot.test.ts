import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.js';
import { FakeRenderer } from '../../testing/fake-renderer.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

const WALLBOARD_FIELDS = `asOf enterpriseCount loginRate loginRateDetail { numerator denominator } filingRate onTimeRate onTimeRateDetail { numerator denominator } openHazards overdueHazards openMajor openSecond openThird noLoginCount noFilingCount keyTargetCount
    byDepartment { department { number name } leader { displayName } enterpriseCount loginRate overdueHazards keyTargetCount }`;
const SNAPSHOT = `query($d: Date!) { dailySnapshot(date: $d) { date takenAt trigger contentHash imageStatus imageUrl imageWidth imageUnavailableReason
  wallboard { ${WALLBOARD_FIELDS} } windows { noLoginDays noFilingDays onTimeDays }
  displays { noLogin { code name since leaderName keyTarget } noFiling { code } overdue { enterpriseCode title daysOverdue grade leaderName } } } }`;
const TAKE = `mutation($d: Date) { takeSnapshot(date: $d) { id date imageStatus imageUrl contentHash } }`;

describe.each(dialects)('taking the daily snapshot on demand, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-29T09:30:00+08:00');
  const renderer = new FakeRenderer();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, renderer });
    // The day's one snapshot, taken here: every test below reads it, whichever of them runs, in any order.
    const taken = await server.gql(TAKE, {}, await server.login('director'));
    if (taken.errors) throw new Error(`could not take the snapshot: ${JSON.stringify(taken.errors)}`);
  });
  afterAll(() => server?.close());

  it('freezes the wallboard and the three displays naming the demo enterprises, and serves its image', async () => {
    const director = await server.login('director');
    const taken = await server.gql(TAKE, {}, director);
    expect(taken.errors).toBeUndefined();
    expect(taken.data!.takeSnapshot).toMatchObject({ date: '2026-11-29', imageStatus: 'STORED' });
    expect(renderer.urls.at(-1)).toMatch(/\/snapshot\/2026-11-29\?token=/);

    const read = await server.gql(SNAPSHOT, { d: '2026-11-29' }, await server.login('inspector3'));
    expect(read.errors).toBeUndefined();
    const s = read.data!.dailySnapshot;
    expect(s.trigger).toBe('ON_DEMAND');
    expect(s.wallboard.enterpriseCount).toBe(100);
    expect(s.wallboard.byDepartment).toHaveLength(5);
    expect(s.wallboard.loginRateDetail.denominator).toBe(100);
    expect(s.windows).toEqual({ noLoginDays: 15, noFilingDays: 15, onTimeDays: 30 });
    expect(s.wallboard.byDepartment[0].department.number).toBe(1);
    expect(s.displays.noLogin[0].leaderName).toBeTruthy();
    expect(s.displays.noLogin.map((e: any) => e.code)).toEqual(expect.arrayContaining(['e007', 'e033']));
    expect(s.displays.noFiling.map((e: any) => e.code)).toEqual(expect.arrayContaining(['e012', 'e048', 'e091']));
    expect(s.displays.overdue.map((h: any) => h.enterpriseCode).sort()).toEqual(['e003', 'e025', 'e066', 'e078']);
    expect(s.wallboard.overdueHazards).toBe(4);

    // One computation: the frozen wallboard is the live one's, field for field, at the same instant.
    const live = await server.gql(`{ wallboard { ${WALLBOARD_FIELDS} } }`, {}, director);
    expect(live.errors).toBeUndefined();
    expect({ ...s.wallboard, asOf: null }).toEqual({ ...live.data!.wallboard, asOf: null });
    expect(s.displays.noLogin).toHaveLength(s.wallboard.noLoginCount);
    expect(s.displays.noFiling).toHaveLength(s.wallboard.noFilingCount);
    expect(s.displays.overdue).toHaveLength(s.wallboard.overdueHazards);

    const image = await fetch(s.imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const bare = await fetch(s.imageUrl.replace(/\?.*$/, ''));
    expect(bare.status).toBe(401);
    const withSession = await fetch(s.imageUrl.replace(/\?.*$/, ''), {
      headers: { authorization: `Bearer ${director}` },
    });
    expect(withSession.status).toBe(200);
  });

  it('keeps exactly one snapshot per day: a second takeSnapshot returns the same one, data unchanged', async () => {
    const director = await server.login('director');
    const first = await server.gql(TAKE, { d: '2026-11-29' }, director);
    clock.advance(60_000);
    const again = await server.gql(TAKE, { d: '2026-11-29' }, await server.login('admin'));
    expect(again.data!.takeSnapshot.id).toBe(first.data!.takeSnapshot.id);
    expect(again.data!.takeSnapshot.contentHash).toBe(first.data!.takeSnapshot.contentHash);
    const list = await server.gql(`{ dailySnapshots(first: 10) { totalCount edges { node { date } } } }`, {}, director);
    expect(list.data!.dailySnapshots.totalCount).toBe(1);
  });

  it('refuses other roles with FORBIDDEN, a future date with BAD_USER_INPUT, and enterprise readers', async () => {
    for (const user of ['analyst', 'leader1', 'chief1', 'inspector1', 'e001']) {
      const result = await server.gql(TAKE, { d: '2026-11-28' }, await server.login(user));
      expect(result.errors?.[0]?.extensions?.code, user).toBe('FORBIDDEN');
    }
    const future = await server.gql(TAKE, { d: '2026-11-30' }, await server.login('director'));
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    const enterprise = await server.gql(SNAPSHOT, { d: '2026-11-29' }, await server.login('e001'));
    expect(enterprise.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.gql(SNAPSHOT, { d: '2026-11-29' }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const list = await server.gql(`{ dailySnapshots { totalCount } }`, {}, await server.login('director'));
    expect(list.data!.dailySnapshots.totalCount).toBe(1);
  });

  it('refuses a past day that has no snapshot, in Chinese, rather than store today’s figures under it', async () => {
    const director = await server.login('director');
    const past = await server.gql(TAKE, { d: '2026-11-27' }, director);
    expect(past.data).toBeNull();
    expect(past.errors?.[0]).toMatchObject({
      message: '2026-11-27 已经过去（今天是 2026-11-29）。快照冻结生成那一刻的数据，只能在当天生成；那一天没有快照。',
      extensions: { code: 'BAD_USER_INPUT', field: 'date', messageKey: 'reminders.snapshotPast' },
    });
    expect((await server.gql(SNAPSHOT, { d: '2026-11-27' }, director)).data!.dailySnapshot).toBeNull();
    const list = await server.gql(`{ dailySnapshots { totalCount } }`, {}, director);
    expect(list.data!.dailySnapshots.totalCount).toBe(1);
  });

  it('emits SNAPSHOT_TAKEN into the event log and an audit entry', async () => {
    const em = server.app.orm.em.fork();
    const events = await em
      .getConnection()
      .execute(`select kind, payload from event_log where kind = 'SNAPSHOT_TAKEN'`);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].payload).date).toBe('2026-11-29');
    const chain = await server.gql(`{ auditChain { valid } }`, {}, await server.login('director'));
    expect(chain.data!.auditChain.valid).toBe(true);
  });
});

describe.each(dialects)('a snapshot without Chromium, on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      clock: new ManualClock('2026-11-29T09:30:00+08:00'),
      env: { CHROMIUM_PATH: '/nowhere/chromium' },
    });
  });
  afterAll(() => server?.close());

  it('stores the data, marks the image unavailable and says how to install Chromium', async () => {
    const result = await server.gql(TAKE, {}, await server.login('director'));
    expect(result.errors).toBeUndefined();
    expect(result.data!.takeSnapshot).toMatchObject({ imageStatus: 'UNAVAILABLE', imageUrl: null });
    const read = await server.gql(SNAPSHOT, { d: '2026-11-29' }, await server.login('director'));
    expect(read.data!.dailySnapshot.imageUnavailableReason).toContain('apt-get install chromium fonts-noto-cjk');
    expect(read.data!.dailySnapshot.wallboard.enterpriseCount).toBe(100);
  });
});
