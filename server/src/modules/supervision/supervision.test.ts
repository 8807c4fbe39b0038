import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData, type SocketClient } from '../../testing/ws-client.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { ManualClock } from '../common/clock.js';
import { RiskLevel } from '../risk/risk.enums.js';
import { inspectionPlan } from './supervision.service.js';
import {
  classify,
  DEFAULT_SUPERVISION_RULES,
  parseInspectionsPerYear,
  parseSupervisionRules,
  SupervisionClass,
  type SupervisionFacts,
} from './supervision.rules.js';

const dialects = await testDialects();

const STANDING = `query($id: ID!) { enterprise(id: $id) { code riskLevel supervisionClass supervisionReasons
  supervisionHistory { at supervisionClass previousClass reasons } } }`;
const PLAN = `query($year: Int!) { inspectionPlan(year: $year) { enterprise { code } supervisionClass reasons recommended done nextDue overCap } }`;
const SAVE_POINT = `mutation($input: RiskPointInput!) { saveRiskPoint(input: $input) { id level enterprise { riskLevel } } }`;
const ENFORCE = `mutation($input: EnforcementInput!) { recordEnforcement(input: $input) { id kind } }`;
const INSPECT = `mutation($input: InspectionInput!) { recordInspection(input: $input) { id kind } }`;

const RED_POINT = '存在重大风险（红色）风险点';
const PENALTY = '近12个月受到行政处罚 1 次';

describe('the supervision rule table (R15)', () => {
  const rules = parseSupervisionRules(DEFAULT_SUPERVISION_RULES);
  const clean: SupervisionFacts = {
    riskLevel: RiskLevel.LOW,
    overdue: 0,
    discrepancy: 0,
    falseRectification: 0,
    penalty: 0,
    suspension: 0,
    keyTarget: false,
  };
  if (typeof rules === 'string') throw new Error(rules);

  it('takes the strictest class among the rules that hold, with the reason of each rule that gave it', () => {
    expect(classify(clean, rules).supervisionClass).toBe(SupervisionClass.A);
    expect(classify({ ...clean, riskLevel: RiskLevel.MEDIUM }, rules)).toEqual({
      supervisionClass: 'B',
      reasons: ['存在一般风险（黄色）风险点'],
    });
    expect(classify({ ...clean, riskLevel: RiskLevel.HIGH, overdue: 1, keyTarget: true }, rules)).toEqual({
      supervisionClass: 'C',
      reasons: ['存在较大风险（橙色）风险点', '被通报列为重点督查对象'],
    });
    expect(classify({ ...clean, riskLevel: RiskLevel.MAJOR, penalty: 1 }, rules)).toEqual({
      supervisionClass: 'D',
      reasons: [RED_POINT, PENALTY],
    });
  });

  it('reads a configured table and refuses one it cannot read', () => {
    const lenient = parseSupervisionRules('risk=MAJOR:C,penalty>=2:D');
    expect(typeof lenient).not.toBe('string');
    expect(classify({ ...clean, riskLevel: RiskLevel.MAJOR, penalty: 1 }, lenient as never).supervisionClass).toBe('C');
    expect(parseSupervisionRules('penalties>=1:D')).toMatch(/SUPERVISION_RULES/);
    expect(parseSupervisionRules('risk=PURPLE:D')).toMatch(/SUPERVISION_RULES/);
    expect(parseInspectionsPerYear('A:0,D:24')).toEqual({ A: 0, B: 2, C: 4, D: 24 });
    expect(parseInspectionsPerYear('E:3')).toMatch(/INSPECTIONS_PER_YEAR/);
  });
});

describe.each(dialects)('supervision classes and the inspection plan (R15), on %s', (dialect) => {
  let server: TestServer;
  let socket: SocketClient;
  let events: LiveOperation<EventData>;
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  let id: string;
  let code: string;
  let chief1: string;
  const settle = async () => {
    await server.app.realtime.bus.settled();
    await server.app.realtime.supervision.tick();
  };
  const standing = async (token: string) => {
    const result = await server.gql(STANDING, { id }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.enterprise;
  };
  const planLine = async (token: string, year = 2026) => {
    const result = await server.gql(PLAN, { year }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.inspectionPlan.find((p: { enterprise: { code: string } }) => p.enterprise.code === code);
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { SESSION_TTL: '3650d' } });
    await server.app.realtime.supervision.tick();
    chief1 = await server.login('chief1');
    // An enterprise of chief1's whose register has no red point of its own (the test gives it one) and
    // that no inspector has visited yet this year.
    const list = await server.gql(
      `{ enterprises(first: 50) { edges { node { id code riskLevel supervisionClass } } } }`,
      {},
      chief1,
    );
    const plan = await server.gql(PLAN, { year: 2026 }, chief1);
    const unvisited = new Set(
      plan
        .data!.inspectionPlan.filter((p: { done: number }) => p.done === 0)
        .map((p: { enterprise: { code: string } }) => p.enterprise.code),
    );
    const pick = list
      .data!.enterprises.edges.map(
        (e: { node: { id: string; code: string; riskLevel: string | null; supervisionClass: string } }) => e.node,
      )
      .find(
        (e: { code: string; riskLevel: string | null; supervisionClass: string }) =>
          e.riskLevel !== 'MAJOR' && e.supervisionClass !== 'D' && unvisited.has(e.code),
      );
    ({ id, code } = pick);
    const since = (await server.gql(`{ latestEventSeq }`, {}, chief1)).data!.latestEventSeq;
    socket = openSocket(server.url, chief1);
    await socket.connected;
    events = new LiveOperation<EventData>(socket.client, EVENTS, { since });
  });
  afterAll(async () => {
    events?.stop();
    await socket?.dispose();
    await server?.close();
  });

  it('classifies every enterprise at start, and reads the plan within scope', async () => {
    const before = await standing(chief1);
    expect(before.supervisionClass).not.toBe('D');
    expect(before.supervisionReasons.length).toBeGreaterThan(0);
    // The first class is recorded, with no event: nothing changed.
    expect(before.supervisionHistory).toEqual([
      expect.objectContaining({ supervisionClass: before.supervisionClass, previousClass: null }),
    ]);
    const mine = (await server.gql(PLAN, { year: 2026 }, chief1)).data!.inspectionPlan;
    const all = (await server.gql(PLAN, { year: 2026 }, await server.login('director'))).data!.inspectionPlan;
    expect(mine.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(mine.length);
    const chief2 = (await server.gql(PLAN, { year: 2026 }, await server.login('chief2'))).data!.inspectionPlan;
    expect(chief2.some((p: { enterprise: { code: string } }) => p.enterprise.code === code)).toBe(false);
    const byEnterprise = await server.gql(PLAN, { year: 2026 }, await server.login(code));
    expect(byEnterprise.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const badYear = await server.gql(PLAN, { year: 20260 }, chief1);
    expect(badYear.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('makes an enterprise with a red point and a penalty this year class D with both reasons, live, and plans 12 visits', async () => {
    const own = await server.login(code);
    // Some time after the classes were first given (a ManualClock stands still otherwise).
    clock.advance(60_000);
    const red = await server.gql(
      SAVE_POINT,
      { input: { name: '液氯钢瓶库', kind: 'AREA', likelihood: 4, severity: 5, responsiblePerson: '李明' } },
      own,
    );
    expect(red.errors).toBeUndefined();
    expect(red.data!.saveRiskPoint).toMatchObject({ level: 'MAJOR', enterprise: { riskLevel: 'MAJOR' } });
    clock.advance(60_000);
    const penalty = await server.gql(
      ENFORCE,
      { input: { enterpriseId: id, kind: 'PENALTY', basis: '《安全生产法》第一百零二条', amount: 30000 } },
      chief1,
    );
    expect(penalty.errors).toBeUndefined();
    await settle();

    const after = await standing(chief1);
    expect(after.supervisionClass).toBe('D');
    expect(after.supervisionReasons).toEqual([RED_POINT, PENALTY]);
    // The enterprise page shows the change, newest first, with the reasons of that moment (the red point
    // made it D; the penalty, a second reason for the same class, changed no class).
    expect(after.supervisionHistory[0]).toMatchObject({ supervisionClass: 'D' });
    expect(after.supervisionHistory[0].reasons).toContain(RED_POINT);
    expect(after.supervisionHistory[0].previousClass).not.toBeNull();

    const changed = (r: EventData[]) =>
      r.filter((e) => e.events.kind === 'SUPERVISION_CLASS_CHANGED' && e.events.enterprise?.code === code);
    await events.waitFor((r) => changed(r).some((e) => JSON.parse(e.events.data!).supervisionClass === 'D'), 'class D');
    const last = JSON.parse(changed(events.received).at(-1)!.events.data!);
    expect(last).toMatchObject({ supervisionClass: 'D', previousClass: after.supervisionHistory[1].supervisionClass });
    expect(last.reason).toContain(RED_POINT);
    const audit = await server.app.orm.em
      .fork()
      .find(AuditEntry, { subjectId: id, action: 'enterprise.supervision_class_changed' });
    expect(audit.length).toBe(changed(events.received).length);

    // The plan: 12 visits for class D, none done yet, the first due on 1 January.
    expect(await planLine(chief1)).toMatchObject({
      supervisionClass: 'D',
      reasons: [RED_POINT, PENALTY],
      recommended: 12,
      done: 0,
      nextDue: '2026-01-01',
      overCap: false,
    });
    // Each on-site inspection recorded counts; the next visit moves on by a twelfth of the year.
    for (let i = 0; i < 2; i++) {
      clock.advance(3_600_000);
      const visit = await server.gql(INSPECT, { input: { enterpriseId: id, kind: 'REGULATOR_INSPECTION' } }, chief1);
      expect(visit.errors).toBeUndefined();
    }
    expect(await planLine(chief1)).toMatchObject({ recommended: 12, done: 2, nextDue: '2026-03-02' });
    // A self-inspection is not a visit; nor is last year's plan touched by this year's visits.
    await server.gql(INSPECT, { input: { kind: 'SELF_INSPECTION' } }, own);
    expect((await planLine(chief1)).done).toBe(2);
    expect((await planLine(chief1, 2025)).done).toBe(0);

    // A provincial cap cuts the plan and says so.
    const capped = await inspectionPlan(
      server.app.orm.em.fork(),
      { ...server.app.deps.env, supervision: { ...server.app.deps.env.supervision, inspectionCap: 6 } },
      { kind: 'all' },
      2026,
      clock.now(),
    );
    expect(capped.find((p) => p.enterprise.code === code)).toMatchObject({ recommended: 6, overCap: true });
  });

  it('spreads the visits of an enterprise registered during the year from its registration, not from 1 January', async () => {
    const plan = (await server.gql(PLAN, { year: 2026 }, chief1)).data!.inspectionPlan;
    const other = plan.find(
      (p: { enterprise: { code: string }; done: number }) => p.enterprise.code !== code && p.done === 0,
    );
    const registeredAt = new Date('2026-02-10T09:30:00+08:00');
    await server.app.orm.em.fork().nativeUpdate(Enterprise, { code: other.enterprise.code }, { registeredAt });
    const after = (await server.gql(PLAN, { year: 2026 }, chief1)).data!.inspectionPlan.find(
      (p: { enterprise: { code: string } }) => p.enterprise.code === other.enterprise.code,
    );
    expect(after).toMatchObject({ done: 0, nextDue: '2026-02-10' });
  });

  it('lowers the class when the penalty leaves the 12-month record, at the midnight pass', async () => {
    const changes = () =>
      events.received.filter((e) => e.events.kind === 'SUPERVISION_CLASS_CHANGED' && e.events.enterprise?.code === code)
        .length;
    const seen = changes();
    clock.advance(200 * 86_400_000);
    await server.app.realtime.supervision.tick();
    expect((await standing(chief1)).supervisionClass).toBe('D');
    expect(changes()).toBe(seen);
    // Lower the red point: still D for the penalty, with one reason fewer.
    const own = await server.login(code);
    const points = (
      await server.gql(STANDING.replace('supervisionClass', 'riskPoints { id name } supervisionClass'), { id }, own)
    ).data!.enterprise.riskPoints;
    const red = points.find((p: { name: string }) => p.name === '液氯钢瓶库');
    await server.gql(
      SAVE_POINT,
      { input: { id: red.id, name: '液氯钢瓶库', kind: 'AREA', likelihood: 1, severity: 5 } },
      own,
    );
    await settle();
    expect((await standing(chief1)).supervisionReasons).toEqual([PENALTY]);
    clock.advance(170 * 86_400_000);
    await server.app.realtime.supervision.tick();
    const after = await standing(chief1);
    expect(after.supervisionClass).not.toBe('D');
    expect(after.supervisionHistory[0]).toMatchObject({ previousClass: 'D', supervisionClass: after.supervisionClass });
    await events.waitFor(
      (r) =>
        r.filter((e) => e.events.kind === 'SUPERVISION_CLASS_CHANGED' && e.events.enterprise?.code === code).length >
        seen,
      'the class lowered',
    );
  });
});
