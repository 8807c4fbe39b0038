import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData, type SocketClient } from '../../testing/ws-client.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { ManualClock } from '../common/clock.js';

const dialects = await testDialects();

const SAVE_POINT = `mutation($input: RiskPointInput!) { saveRiskPoint(input: $input) { id score level enterprise { riskLevel } history { level previousLevel } } }`;
const SAVE_MEASURE = `mutation($input: ControlMeasureInput!) { saveControlMeasure(input: $input) { id checkEvery nextDueAt currentTask { id status opensAt dueAt } } }`;
const TASKS = `query($f: CheckTaskFilter) { checkTasks(filter: $f, first: 50) { totalCount edges { node { id status opensAt dueAt result measure { id } hazard { id } } } } }`;
const RECORD = `mutation($taskId: ID!, $result: CheckResult!, $hazard: FileHazardInput, $key: String) {
  recordCheck(taskId: $taskId, result: $result, hazard: $hazard, idempotencyKey: $key) {
    id status result doneAt hazard { id source checkTask { measure { id riskPoint { id name } } } } } }`;
const BOARD = `checksMissedCount checkCompletionRateDetail { numerator denominator } riskPointsMajor enterprisesMajorRisk`;

type Task = { id: string; status: string; opensAt: string; dueAt: string; measure: { id: string } };

describe.each(dialects)('risk register and check tasks (R14), on %s', (dialect) => {
  let server: TestServer;
  let socket: SocketClient;
  let events: LiveOperation<EventData>;
  let board: LiveOperation<{ wallboard: { checksMissedCount: number } }>;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  let e001: string;
  let chief1: string;
  /** e001's level from its seeded register, before the test adds points. */
  let seededLevel: string;
  /** The 10s measure the test adds to e001's register: its tasks are followed by id among the seeded ones. */
  let measureId: string;
  let measureSince: string;
  const rank = ['LOW', 'MEDIUM', 'HIGH', 'MAJOR'];
  const higher = (a: string, b: string) => (rank.indexOf(a) >= rank.indexOf(b) ? a : b);

  const gql = async <T = any>(query: string, variables: Record<string, unknown>, token: string) => {
    const result = await server.gql<T>(query, variables, token);
    return result;
  };
  /** The tasks of the test's own measure (e001's seeded register has tasks of its own). */
  const tasks = async (token: string, filter: Record<string, unknown> = {}): Promise<Task[]> => {
    const result = await gql(TASKS, { f: { dueFrom: measureSince, ...filter } }, token);
    expect(result.errors).toBeUndefined();
    return result
      .data!.checkTasks.edges.map((e: { node: Task }) => e.node)
      .filter((t: Task) => t.measure.id === measureId);
  };
  const checks = () => server.app.realtime.checks.tick();
  const alerts = () => server.app.realtime.alerts.tick();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { SESSION_TTL: '365d' } });
    await alerts();
    e001 = await server.login('e001');
    chief1 = await server.login('chief1');
    seededLevel = (
      await gql(`{ enterprises(filter: { search: "e001" }) { edges { node { riskLevel } } } }`, {}, chief1)
    ).data!.enterprises.edges[0].node.riskLevel;
    const since = (await server.gql(`{ latestEventSeq }`, {}, chief1)).data!.latestEventSeq;
    socket = openSocket(server.url, chief1);
    await socket.connected;
    events = new LiveOperation<EventData>(socket.client, EVENTS, { since });
    board = new LiveOperation(socket.client, `subscription { wallboard { ${BOARD} } }`);
    await board.waitFor((r) => r.length >= 1, 'the first wallboard');
  });
  afterAll(async () => {
    events?.stop();
    board?.stop();
    await socket?.dispose();
    await server?.close();
  });

  it('grades a point by LS and the bands, keeps its level history, and the enterprise takes its highest point', async () => {
    const low = await gql(SAVE_POINT, { input: { name: '办公楼', kind: 'SITE', likelihood: 2, severity: 3 } }, e001);
    expect(low.errors).toBeUndefined();
    // A low point does not lower the enterprise: it keeps the level of its highest point.
    expect(low.data!.saveRiskPoint).toMatchObject({ score: 6, level: 'LOW', enterprise: { riskLevel: seededLevel } });

    const tank = await gql(
      SAVE_POINT,
      {
        input: {
          name: '液氨储罐区',
          kind: 'AREA',
          location: '厂区东侧',
          likelihood: 3,
          severity: 5,
          responsiblePerson: '王强',
        },
      },
      e001,
    );
    expect(tank.data!.saveRiskPoint).toMatchObject({
      score: 15,
      level: 'HIGH',
      enterprise: { riskLevel: higher(seededLevel, 'HIGH') },
    });
    clock.advance(1_000);
    const reassessed = await gql(
      SAVE_POINT,
      { input: { id: tank.data!.saveRiskPoint.id, name: '液氨储罐区', kind: 'AREA', likelihood: 4, severity: 5 } },
      e001,
    );
    expect(reassessed.data!.saveRiskPoint).toMatchObject({
      score: 20,
      level: 'MAJOR',
      enterprise: { riskLevel: 'MAJOR' },
      history: [
        { level: 'MAJOR', previousLevel: 'HIGH' },
        { level: 'HIGH', previousLevel: null },
      ],
    });

    const bad = await gql(SAVE_POINT, { input: { name: 'x', kind: 'SITE', likelihood: 6, severity: 1 } }, e001);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'likelihood' });
    const byChief = await gql(SAVE_POINT, { input: { name: 'x', kind: 'SITE', likelihood: 1, severity: 1 } }, chief1);
    expect(byChief.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // Supervisors read the register within scope; another department's chief does not see it.
    const read = await gql(
      `{ enterprises(filter: { search: "e001" }) { edges { node { riskLevel riskPoints { name level } } } } }`,
      {},
      chief1,
    );
    expect(read.data!.enterprises.edges[0].node.riskLevel).toBe('MAJOR');
    const names = read.data!.enterprises.edges[0].node.riskPoints.map((p: { name: string }) => p.name);
    expect(names[0]).toBe('液氨储罐区');
    expect(names).toContain('办公楼');
    const audit = await server.app.orm.em
      .fork()
      .find(AuditEntry, { subjectId: tank.data!.saveRiskPoint.id }, { orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['risk_point.entered', 'risk_point.changed']);
  });

  it('opens a task with a 10s measure, marks it MISSED when the cycle ends, and CHECKS_MISSED reaches chief1 live; the next check clears it', async () => {
    const points = await gql(
      `{ enterprises(filter: { search: "e001" }) { edges { node { riskPoints { id name } } } } }`,
      {},
      e001,
    );
    const tank = points.data!.enterprises.edges[0].node.riskPoints.find(
      (p: { name: string }) => p.name === '液氨储罐区',
    );
    const saved = await gql(
      SAVE_MEASURE,
      {
        input: {
          riskPointId: tank.id,
          description: '检查液氨储罐压力表与紧急切断阀',
          category: 'ENGINEERING',
          checkEvery: '10s',
          checkRole: 'POST',
        },
      },
      e001,
    );
    expect(saved.errors).toBeUndefined();
    const measure = saved.data!.saveControlMeasure;
    measureId = measure.id;
    measureSince = measure.currentTask.dueAt;
    expect(measure.currentTask.status).toBe('DUE');
    const opensAt = new Date(measure.currentTask.opensAt).getTime();
    expect(new Date(measure.currentTask.dueAt).getTime()).toBe(opensAt + 10_000);
    await server.app.realtime.bus.settled();
    await checks();
    // The watcher sleeps until this cycle ends: it found that by one indexed lookup, not by polling.
    expect(server.app.realtime.checks.nextDue!.getTime()).toBe(opensAt + 10_000);

    clock.set(new Date(opensAt + 9_999));
    await checks();
    expect((await tasks(e001, { status: 'MISSED' })).length).toBe(0);

    clock.set(new Date(opensAt + 10_000));
    await checks();
    const missed = await tasks(e001, { status: 'MISSED' });
    expect(missed.map((t) => t.id)).toEqual([measure.currentTask.id]);
    const [current] = await tasks(e001, { status: 'DUE' });
    expect(new Date(current!.opensAt).getTime()).toBe(opensAt + 10_000);

    const checkMissed = (r: EventData[]) =>
      r.some((e) => e.events.kind === 'CHECK_MISSED' && e.events.enterprise?.code === 'e001');
    const raised = (r: EventData[]) =>
      r.some(
        (e) =>
          e.events.kind === 'ALERT_RAISED' &&
          e.events.alert?.kind === 'CHECKS_MISSED' &&
          e.events.enterprise?.code === 'e001',
      );
    await events.waitFor(checkMissed, 'CHECK_MISSED for e001');
    await events.waitFor(raised, 'the CHECKS_MISSED display raised for e001');
    await board.waitFor(
      (r) => r.at(-1)!.wallboard.checksMissedCount === 1,
      'the wallboard counting e001 on CHECKS_MISSED',
    );
    const shown = await gql(`{ alerts(kind: CHECKS_MISSED) { enterprise { code } since } }`, {}, chief1);
    expect(shown.data!.alerts).toEqual([
      { enterprise: { code: 'e001' }, since: new Date(opensAt + 10_000).toISOString() },
    ]);
    expect(
      (await gql(`{ alerts(kind: CHECKS_MISSED) { since } }`, {}, await server.login('chief2'))).data!.alerts,
    ).toEqual([]);

    // A missed task cannot be recorded late; the current one can, and clears the display.
    const late = await gql(RECORD, { taskId: missed[0]!.id, result: 'NORMAL' }, e001);
    expect(late.errors![0]!.extensions!.code).toBe('CONFLICT');
    clock.advance(3_000);
    const done = await gql(RECORD, { taskId: current!.id, result: 'NORMAL', key: 'phone-1' }, e001);
    expect(done.errors).toBeUndefined();
    expect(done.data!.recordCheck).toMatchObject({ status: 'DONE', result: 'NORMAL', hazard: null });
    const again = await gql(RECORD, { taskId: current!.id, result: 'NORMAL', key: 'phone-1' }, e001);
    expect(again.data!.recordCheck.doneAt).toBe(done.data!.recordCheck.doneAt);
    await events.waitFor(
      (r) =>
        r.some(
          (e) =>
            e.events.kind === 'ALERT_CLEARED' &&
            e.events.alert?.kind === 'CHECKS_MISSED' &&
            e.events.enterprise?.code === 'e001',
        ),
      'the CHECKS_MISSED display cleared for e001',
    );
    await board.waitFor((r) => r.at(-1)!.wallboard.checksMissedCount === 0, 'the wallboard clearing e001');
    expect(events.received.filter((e) => e.events.kind === 'CHECK_RECORDED')).toHaveLength(1);

    // A normal check counts as the enterprise's self-inspection.
    const inspected = await gql(
      `{ inspections(filter: { kind: SELF_INSPECTION }, first: 1) { inspectedAt note } }`,
      {},
      e001,
    );
    expect(inspected.data!.inspections[0].note).toContain('检查液氨储罐压力表');
  });

  it('files the hazard found by a check, linked to its measure and risk point, in the ledger', async () => {
    // The last cycle's check is done; the next task opens when that cycle ends.
    const latest = (await tasks(e001)).at(-1)!;
    expect(latest.status).toBe('DONE');
    clock.set(new Date(latest.dueAt));
    await checks();
    const [next] = await tasks(e001, { status: 'DUE' });
    const hazard = {
      title: '紧急切断阀动作迟缓',
      grade: 'THIRD',
      deadline: new Date(clock.now().getTime() + 86_400_000).toISOString(),
      measures: '更换执行机构',
      responsiblePerson: '王强',
    };
    const noHazard = await gql(RECORD, { taskId: next!.id, result: 'HAZARD_FOUND' }, e001);
    expect(noHazard.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hazard' });
    const found = await gql(RECORD, { taskId: next!.id, result: 'HAZARD_FOUND', hazard }, e001);
    expect(found.errors).toBeUndefined();
    const filed = found.data!.recordCheck.hazard;
    expect(filed.source).toBe('SELF_INSPECTION');
    expect(filed.checkTask.measure.riskPoint.name).toBe('液氨储罐区');
    const ledger = await gql(
      `{ hazards(filter: { source: SELF_INSPECTION }, first: 5) { edges { node { id title checkTask { measure { id } } } } } }`,
      {},
      chief1,
    );
    expect(ledger.errors).toBeUndefined();
    const row = ledger.data!.hazards.edges.find((e: { node: { id: string } }) => e.node.id === filed.id);
    expect(row.node.title).toBe('紧急切断阀动作迟缓');
    expect(row.node.checkTask.measure.id).toBe(next!.measure.id);
  });
});
