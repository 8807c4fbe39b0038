/**
 * R14's watcher at county-and-more scale: one million control measures inserted set-based (one
 * statement), then what the check watcher costs while nothing is due (CPU of the server process over
 * ten idle seconds, and one pass) and how late a 10s cycle's MISSED reaches a subscriber.
 */
import type { DatabaseKind } from '../src/config/env.js';
import { isPostgres } from '../src/modules/common/dialect.js';
import { dateParam } from '../src/modules/common/raw-sql.js';
import { startTestServer } from '../src/testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData } from '../src/testing/ws-client.js';

export const BENCH_MEASURES = 1_000_000;
const IDLE_MS = 10_000;
const POINT_NAME = '基准风险点（bench）';

type Record = (what: string, ms: number, goal: number) => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchCheckWatcher(dialect: DatabaseKind, record: Record): Promise<void> {
  const server = await startTestServer({ dialect });
  try {
    const em = server.app.orm.em.fork();
    const connection = em.getConnection();
    const now = new Date();
    // Every cycle of the million ends between one hour and a day and an hour from now: none during the bench.
    const from = new Date(now.getTime() + 3_600_000);
    const pg = isPostgres(em);
    const started = performance.now();
    await connection.execute(
      pg
        ? `insert into risk_point (id, enterprise_id, name, kind, likelihood, severity, score, level, created_at, updated_at)
           select gen_random_uuid(), e.id, ?, 'FACILITY', 1, 2, 2, 'LOW', ?, ? from enterprise e`
        : `insert into risk_point (id, enterprise_id, name, kind, likelihood, severity, score, level, created_at, updated_at)
           select lower(hex(randomblob(16))), e.id, ?, 'FACILITY', 1, 2, 2, 'LOW', ?, ? from enterprise e`,
      [POINT_NAME, dateParam(em, now), dateParam(em, now)],
      'run',
    );
    const points = `(select id, enterprise_id, row_number() over (order by id) - 1 as n from risk_point where name = ?) p`;
    const count = Number(
      (
        (await connection.execute(`select count(*) as n from risk_point where name = ?`, [POINT_NAME], 'get')) as {
          n: unknown;
        }
      ).n,
    );
    await connection.execute(
      pg
        ? `insert into control_measure (id, risk_point_id, enterprise_id, description, category, check_every,
             check_every_seconds, check_role, next_due_at, created_at, updated_at)
           select gen_random_uuid(), p.id, p.enterprise_id, '基准措施', 'MAINTENANCE', '1d', 86400, 'POST',
             ?::timestamptz + (g % 86400) * interval '1 second', ?, ?
           from generate_series(0, ${BENCH_MEASURES - 1}) g join ${points} on p.n = g % ?`
        : `with recursive g(i) as (select 0 union all select i + 1 from g where i < ${BENCH_MEASURES - 1})
           insert into control_measure (id, risk_point_id, enterprise_id, description, category, check_every,
             check_every_seconds, check_role, next_due_at, created_at, updated_at)
           select lower(hex(randomblob(16))), p.id, p.enterprise_id, '基准措施', 'MAINTENANCE', '1d', 86400, 'POST',
             ? + (g.i % 86400) * 1000, ?, ?
           from g join ${points} on p.n = g.i % ?`,
      [dateParam(em, from), dateParam(em, now), dateParam(em, now), POINT_NAME, count],
      'run',
    );
    await connection.execute(pg ? 'analyze control_measure' : 'analyze', [], 'run');
    const inserted = performance.now() - started;
    console.log(
      `     ${dialect}: ${BENCH_MEASURES.toLocaleString('en')} measures inserted in ${(inserted / 1000).toFixed(1)} s`,
    );

    const checks = server.app.realtime.checks;
    // A pass with nothing due: the due read and the next-due lookup, both through the nextDueAt index (median of 5).
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const passStarted = performance.now();
      await checks.tick();
      times.push(performance.now() - passStarted);
    }
    record(
      `${dialect}: check watcher pass over 1,000,000 measures, nothing due (median of 5)`,
      times.sort((a, b) => a - b)[2]!,
      250,
    );
    await sleep(2_000);

    // Idle: the watcher sleeps until the earliest cycle ends; no query, no timer loop over the measures.
    const passes = checks.totals.passes;
    const cpu = process.cpuUsage();
    await sleep(IDLE_MS);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(`     ${dialect}: ${checks.totals.passes - passes} watcher passes while idle`);
    record(`${dialect}: server CPU over ${IDLE_MS / 1000} s idle with 1,000,000 measures`, cpuMs, 300);

    // Lateness: a 10s measure among the million; CHECK_MISSED at chief1's subscription after its cycle ends.
    const chief1 = await server.login('chief1');
    const since = (await server.gql(`{ latestEventSeq }`, {}, chief1)).data!.latestEventSeq;
    const socket = openSocket(server.url, chief1);
    await socket.connected;
    const live = new LiveOperation<EventData>(socket.client, EVENTS, { since });
    const e001 = await server.login('e001');
    const point = await server.gql(
      `mutation { saveRiskPoint(input: { name: "基准储罐", kind: AREA, likelihood: 3, severity: 5 }) { id } }`,
      {},
      e001,
    );
    const measure = await server.gql(
      `mutation($p: ID!) { saveControlMeasure(input: { riskPointId: $p, description: "基准十秒检查", category: ENGINEERING, checkEvery: "10s", checkRole: POST }) { id currentTask { dueAt } } }`,
      { p: point.data!.saveRiskPoint.id },
      e001,
    );
    const dueAt = new Date(measure.data!.saveControlMeasure.currentTask.dueAt).getTime();
    const id = measure.data!.saveControlMeasure.id;
    await live.waitFor(
      (r) => r.some((e) => e.events.kind === 'CHECK_MISSED' && JSON.parse(e.events.data ?? '{}').measureId === id),
      'CHECK_MISSED of the 10s measure',
      30_000,
    );
    record(`${dialect}: 10s cycle end → CHECK_MISSED at a subscriber, 1,000,000 measures`, Date.now() - dueAt, 2000);
    live.stop();
    await socket.dispose();
  } finally {
    await server.close();
  }
}
