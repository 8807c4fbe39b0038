import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRenderer } from '../../testing/fake-renderer.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { ManualClock } from '../common/clock.js';
import { dispatchMarkdown } from '../reminders/dispatch.service.js';
import { parseReminderJson, type DispatchData } from '../reminders/reminders.types.js';
import { WeeklyDispatch } from '../reminders/weekly-dispatch.entity.js';
import { DailySnapshot } from '../snapshot/daily-snapshot.entity.js';
import { snapshotMarkdown } from '../snapshot/snapshot-message.js';
import { parseSnapshotData } from '../snapshot/snapshot.types.js';

const dialects = await testDialects();

const SAVE_POINT = `mutation($input: RiskPointInput!) { saveRiskPoint(input: $input) { id } }`;
const SAVE_MEASURE = `mutation($input: ControlMeasureInput!) { saveControlMeasure(input: $input) { id } }`;

/** The fourth display (CHECKS_MISSED, R14) in the daily snapshot, the weekly dispatch and the bulletin, like the other three. */
describe.each(dialects)('missed checks in the snapshot, the dispatch and the bulletin, on %s', (dialect) => {
  let server: TestServer;
  // Saturday 14 November 2026, 10:00 in the bureau: inside the bulletin period 1–15 November.
  const clock = new ManualClock('2026-11-14T02:00:00Z');
  let director: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, renderer: new FakeRenderer(), env: { SESSION_TTL: '365d' } });
    director = await server.login('director');
    const e001 = await server.login('e001');
    const point = await server.gql(
      SAVE_POINT,
      { input: { name: '液氨储罐区', kind: 'AREA', likelihood: 3, severity: 5 } },
      e001,
    );
    const measure = await server.gql(
      SAVE_MEASURE,
      {
        input: {
          riskPointId: point.data!.saveRiskPoint.id,
          description: '检查液氨储罐压力表',
          category: 'ENGINEERING',
          checkEvery: '10s',
          checkRole: 'POST',
        },
      },
      e001,
    );
    expect(measure.errors).toBeUndefined();
    // Three cycles end unrecorded.
    for (let i = 0; i < 3; i++) {
      clock.advance(10_000);
      await server.app.realtime.checks.tick();
    }
    await server.app.realtime.alerts.tick();
  });
  afterAll(() => server?.close());

  it('names the enterprise in the snapshot, its page data and its chat message', async () => {
    const taken = await server.gql(`mutation { takeSnapshot { date } }`, {}, director);
    expect(taken.errors).toBeUndefined();
    const read = await server.gql(
      `query($d: Date!) { dailySnapshot(date: $d) { wallboard { checksMissedCount } displays { checksMissed { code name since } } } }`,
      { d: '2026-11-14' },
      director,
    );
    const snapshot = read.data!.dailySnapshot;
    expect(snapshot.displays.checksMissed.map((e: { code: string }) => e.code)).toContain('e001');
    expect(snapshot.wallboard.checksMissedCount).toBe(snapshot.displays.checksMissed.length);
    const row = await server.app.orm.em.fork().findOneOrFail(DailySnapshot, { date: '2026-11-14' });
    const text = snapshotMarkdown(row, parseSnapshotData(row.data), server.app.deps.env, 'http://x/snapshot');
    const e001 = snapshot.displays.checksMissed.find((e: { code: string }) => e.code === 'e001');
    expect(text).toContain(`**排查任务逾期（${snapshot.displays.checksMissed.length}）**`);
    expect(text).toContain(`${e001.name}（e001，`);
    expect(text).toContain('30日排查任务完成率');
  });

  it('lists it for its department in the weekly dispatch, apart from the silent ones', async () => {
    const issued = await server.gql(`mutation { issueWeeklyDispatch(weekOf: "2026-11-09") { weekOf } }`, {}, director);
    expect(issued.errors).toBeUndefined();
    const read = await server.gql(
      `{ weeklyDispatch(weekOf: "2026-11-09") { departments { name checksMissed { code reason since } silent { code reason } } } }`,
      {},
      director,
    );
    const departments = read.data!.weeklyDispatch.departments;
    const mine = departments.find((d: { checksMissed: Array<{ code: string }> }) =>
      d.checksMissed.some((e) => e.code === 'e001'),
    );
    const e001 = mine.checksMissed.find((e: { code: string }) => e.code === 'e001');
    expect(e001.reason).toBe('CHECKS_MISSED');
    // Since the display was raised: at one of the three misses, whichever the alert watcher saw first.
    expect(['2026-11-14T02:00:10.000Z', '2026-11-14T02:00:20.000Z', '2026-11-14T02:00:30.000Z']).toContain(e001.since);
    for (const d of departments)
      expect(d.silent.every((e: { reason: string }) => e.reason === 'NO_LOGIN' || e.reason === 'NO_FILING')).toBe(true);
    const row = await server.app.orm.em.fork().findOneOrFail(WeeklyDispatch, { weekOf: '2026-11-09' });
    const text = dispatchMarkdown(row, parseReminderJson<DispatchData>(row.data), server.app.deps, 'http://x/d');
    expect(text).toMatch(/- 排查任务逾期 \d+：[^\n]*/);
  });

  it('names it in the bulletin of the period once it missed three checks, with the measure quoted', async () => {
    clock.set(new Date('2026-11-16T02:00:00Z'));
    const result = await server.gql(
      `mutation { issueBulletin(periodStart: "2026-11-01") { criteria named { code reasons { kind detail } } } }`,
      {},
      director,
    );
    expect(result.errors).toBeUndefined();
    const bulletin = result.data!.issueBulletin;
    expect(bulletin.criteria).toContain('期内有3次及以上风险管控排查任务逾期未完成');
    const e001 = bulletin.named.find((e: { code: string }) => e.code === 'e001');
    // Three misses at least (the watcher may have ended one more cycle of the period while the clock jumped).
    const reason = e001.reasons.find((r: { kind: string }) => r.kind === 'CHECKS_MISSED');
    const [, n, again] = /^(\d+) 次排查任务逾期未完成：「检查液氨储罐压力表」(\d+) 次$/.exec(reason.detail)!;
    expect(Number(n)).toBeGreaterThanOrEqual(3);
    expect(again).toBe(n);
  });
});
