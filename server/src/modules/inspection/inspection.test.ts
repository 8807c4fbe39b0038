import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.js';
import { EventRecord } from '../event/event-record.entity.js';
import { codeOf, enterpriseId, fileWithPlan, HAZARD_FIELDS } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

const RECORD = `mutation($input: InspectionInput!) { recordInspection(input: $input) {
  id kind findings { outcome discrepancy falseRectification hazard { ${HAZARD_FIELDS} source rectifiedOnSpot } } } }`;
const ENTERPRISE = `query($id: ID!) { enterprise(id: $id) { discrepancies falseRectifications lastSelfInspectionAt lastFilingAt closureProposed enforcementActions { kind amount } } }`;
const ENFORCE = `mutation($input: EnforcementInput!) { recordEnforcement(input: $input) { id kind amount suspensionDays forMajorHazard hazards { id } enterprise { code } } }`;

describe.each(dialects)('inspections, cross-checks and enforcement, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2025-06-02T02:00:00Z');
  const as = async (user: string, query: string, vars: Record<string, unknown>) =>
    server.gql(query, vars, await server.login(user));
  const inDays = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { SESSION_TTL: '3650d' } });
  });
  afterAll(() => server?.close());

  it('has the demo’s share of on-site inspections, discrepancies, false rectifications and enforcement', async () => {
    const token = await server.login('director');
    const result = await server.gql(
      `{ inspections(filter: { kind: REGULATOR_INSPECTION }, first: 200) { enterprise { code } findings { outcome } }
      crossCheck(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { regulatorInspections discrepancies falseRectifications } }`,
      {},
      token,
    );
    // Routine visits found nothing; the inspections with findings are the five of the demo's cross-checks.
    const withFindings = result.data!.inspections.filter((i: any) => i.findings.length > 0);
    expect(result.data!.inspections.length).toBeGreaterThan(60);
    expect(result.data!.crossCheck.regulatorInspections).toBe(result.data!.inspections.length);
    expect(withFindings.map((i: any) => i.enterprise.code).sort()).toEqual(['e005', 'e030', 'e045', 'e070', 'e085']);
    expect(result.data!.crossCheck.discrepancies).toBe(5);
    expect(result.data!.crossCheck.falseRectifications).toBeGreaterThan(0);
    const e066 = await enterpriseId(server, 'e066');
    expect((await as('director', ENTERPRISE, { id: e066 })).data!.enterprise.enforcementActions).toEqual([
      { kind: 'PENALTY', amount: 30000 },
    ]);
    expect((await as('director', '{ auditChain { valid } }', {})).data!.auditChain.valid).toBe(true);
  });

  it('files a self-inspection’s findings as the enterprise’s hazards, on-the-spot ones closed', async () => {
    const id = await enterpriseId(server, 'e005');
    const result = await as('e005', RECORD, {
      input: {
        kind: 'SELF_INSPECTION',
        findings: [
          { outcome: 'NEW_HAZARD', hazard: { title: '消防通道堵塞', grade: 'THIRD', rectifiedOnSpot: true } },
          {
            outcome: 'NEW_HAZARD',
            hazard: {
              title: '配电箱未接地',
              grade: 'THIRD',
              measures: '重新接地',
              responsiblePerson: '王工',
              deadline: inDays(5),
            },
          },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    const findings = result.data!.recordInspection.findings;
    expect(findings.map((f: any) => [f.hazard.status, f.hazard.source, f.discrepancy])).toEqual([
      ['CLOSED', 'SELF_INSPECTION', false],
      ['RECTIFYING', 'SELF_INSPECTION', false],
    ]);
    const enterprise = (await as('e005', ENTERPRISE, { id })).data!.enterprise;
    expect(enterprise.lastSelfInspectionAt).toBe(clock.now().toISOString());
    expect(enterprise.lastFilingAt).toBe(clock.now().toISOString());
    expect(codeOf(await as('e005', RECORD, { input: { kind: 'REGULATOR_INSPECTION' } }))).toBe('FORBIDDEN');
  });

  it('turns an unfiled on-site finding into a regulator-sourced hazard and one discrepancy', async () => {
    const id = await enterpriseId(server, 'e006');
    const filed = await fileWithPlan(server, 'e006', { grade: 'THIRD' });
    const before = (
      await as(
        'director',
        `query($f: DateTime!, $t: DateTime!) { crossCheck(from: $f, to: $t) { discrepancies regulatorInspections } }`,
        { f: inDays(-1), t: inDays(1) },
      )
    ).data!.crossCheck;
    const result = await as('inspector1', RECORD, {
      input: {
        enterpriseId: id,
        kind: 'REGULATOR_INSPECTION',
        findings: [
          { outcome: 'MATCHED', hazardId: filed.id },
          {
            outcome: 'NEW_HAZARD',
            hazard: {
              title: '砂轮机防护罩缺失',
              grade: 'THIRD',
              measures: '加装防护罩',
              responsiblePerson: '李主任',
              deadline: inDays(3),
            },
          },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    const [matched, unfiled] = result.data!.recordInspection.findings;
    expect(matched).toMatchObject({ outcome: 'MATCHED', discrepancy: false, hazard: { id: filed.id } });
    expect(unfiled).toMatchObject({
      outcome: 'NEW_HAZARD',
      discrepancy: true,
      hazard: { source: 'REGULATOR_INSPECTION', status: 'RECTIFYING' },
    });
    expect((await as('chief1', ENTERPRISE, { id })).data!.enterprise).toMatchObject({
      discrepancies: 1,
      falseRectifications: 0,
    });
    const after = (
      await as(
        'director',
        `query($f: DateTime!, $t: DateTime!) { crossCheck(from: $f, to: $t) { discrepancies regulatorInspections } }`,
        { f: inDays(-1), t: inDays(1) },
      )
    ).data!.crossCheck;
    expect(after).toEqual({
      discrepancies: before.discrepancies + 1,
      regulatorInspections: before.regulatorInspections + 1,
    });
    expect((await as('chief2', ENTERPRISE, { id })).data!.enterprise).toBeNull();
  });

  it('reopens a closed hazard found not really rectified, counted as a false rectification', async () => {
    const id = await enterpriseId(server, 'e007');
    const hazard = await fileWithPlan(server, 'e007', {
      grade: 'THIRD',
      rectifiedOnSpot: true,
      measures: null,
      responsiblePerson: null,
      deadline: null,
    });
    expect(hazard.status).toBe('CLOSED');
    const missingDeadline = await as('chief1', RECORD, {
      input: {
        enterpriseId: id,
        kind: 'REGULATOR_INSPECTION',
        findings: [{ outcome: 'NOT_RECTIFIED', hazardId: hazard.id }],
      },
    });
    expect(missingDeadline.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'findings.0.deadline',
    });
    expect((await as('chief1', ENTERPRISE, { id })).data!.enterprise.falseRectifications).toBe(0);

    const result = await as('chief1', RECORD, {
      input: {
        enterpriseId: id,
        kind: 'REGULATOR_INSPECTION',
        findings: [{ outcome: 'NOT_RECTIFIED', hazardId: hazard.id, deadline: inDays(4), note: '现场复查仍未整改' }],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordInspection.findings[0]).toMatchObject({
      falseRectification: true,
      hazard: { status: 'RECTIFYING', closedAt: null, rejectionReason: '现场复查仍未整改', deadline: inDays(4) },
    });
    expect(result.data!.recordInspection.findings[0].hazard.history.map((h: any) => h.action)).toEqual([
      'hazard.filed',
      'hazard.reopened',
    ]);
    expect((await as('chief1', ENTERPRISE, { id })).data!.enterprise.falseRectifications).toBe(1);
    const again = await as('chief1', RECORD, {
      input: {
        enterpriseId: id,
        kind: 'REGULATOR_INSPECTION',
        findings: [{ outcome: 'NOT_RECTIFIED', hazardId: hazard.id, deadline: inDays(4) }],
      },
    });
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('stores the reason of a reopening without a note in the bureau’s language, whatever the inspector’s', async () => {
    const id = await enterpriseId(server, 'e009');
    const hazard = await fileWithPlan(server, 'e009', {
      grade: 'THIRD',
      rectifiedOnSpot: true,
      measures: null,
      responsiblePerson: null,
      deadline: null,
    });
    const english = await server.gql(
      `mutation($input: InspectionInput!) { recordInspection(input: $input) { findings { hazard { id rejectionReason history { action data } } } } }`,
      {
        input: {
          enterpriseId: id,
          kind: 'REGULATOR_INSPECTION',
          findings: [{ outcome: 'NOT_RECTIFIED', hazardId: hazard.id, deadline: inDays(5) }],
        },
      },
      await server.login('chief1'),
      { 'accept-language': 'en' },
    );
    expect(english.errors).toBeUndefined();
    const reopened = english.data!.recordInspection.findings[0].hazard;
    expect(reopened.rejectionReason).toBe('现场检查发现未真正整改。');
    const entry = reopened.history.find((h: any) => h.action === 'hazard.reopened');
    expect(entry.data).toContain('现场检查发现未真正整改。');
    expect(entry.data).not.toMatch(/really|rectified/i);
  });

  it('records nothing when one finding is bad', async () => {
    const id = await enterpriseId(server, 'e008');
    const count = async () =>
      (await as('chief1', `query($id: ID!) { inspections(filter: { enterpriseId: $id }) { id } }`, { id })).data!
        .inspections.length;
    const before = await count();
    const result = await as('chief1', RECORD, {
      input: {
        enterpriseId: id,
        kind: 'REGULATOR_INSPECTION',
        findings: [
          { outcome: 'NEW_HAZARD', hazard: { title: '气瓶未固定', grade: 'THIRD', rectifiedOnSpot: true } },
          { outcome: 'NEW_HAZARD', hazard: { title: '', grade: 'THIRD', rectifiedOnSpot: true } },
        ],
      },
    });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'findings.1.hazard.title' });
    expect(await count()).toBe(before);
    const other = await enterpriseId(server, 'e030');
    expect(codeOf(await as('chief1', RECORD, { input: { enterpriseId: other, kind: 'REGULATOR_INSPECTION' } }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await as('analyst', RECORD, { input: { enterpriseId: id, kind: 'REGULATOR_INSPECTION' } }))).toBe(
      'FORBIDDEN',
    );
  });

  describe('enforcement (R9)', () => {
    it('records each kind with its own facts and emits ENFORCEMENT_RECORDED', async () => {
      const id = await enterpriseId(server, 'e009');
      const hazard = await fileWithPlan(server, 'e009', { grade: 'THIRD' });
      const penalty = await as('chief1', ENFORCE, {
        input: {
          enterpriseId: id,
          kind: 'PENALTY',
          basis: '《安全生产法》第九十九条',
          amount: 20000.5,
          hazardIds: [hazard.id],
        },
      });
      expect(penalty.errors).toBeUndefined();
      expect(penalty.data!.recordEnforcement).toMatchObject({
        kind: 'PENALTY',
        amount: 20000.5,
        forMajorHazard: false,
        hazards: [{ id: hazard.id }],
        enterprise: { code: 'e009' },
      });
      const events = await server.app.orm.em
        .fork()
        .find(EventRecord, { kind: 'ENFORCEMENT_RECORDED' as never, enterpriseId: id });
      expect(events).toHaveLength(1);

      const noAmount = await as('chief1', ENFORCE, {
        input: { enterpriseId: id, kind: 'PENALTY', basis: '第九十九条' },
      });
      expect(noAmount.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
      const noDays = await as('chief1', ENFORCE, {
        input: { enterpriseId: id, kind: 'SUSPENSION', basis: '第九十九条' },
      });
      expect(noDays.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suspensionDays' });
      const noBasis = await as('chief1', ENFORCE, { input: { enterpriseId: id, kind: 'SUMMONS', basis: ' ' } });
      expect(noBasis.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'basis' });
      const foreign = await fileWithPlan(server, 'e010', { grade: 'THIRD' });
      const wrongHazard = await as('chief1', ENFORCE, {
        input: { enterpriseId: id, kind: 'SUMMONS', basis: '约谈', hazardIds: [foreign.id] },
      });
      expect(wrongHazard.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hazardIds' });
      expect(codeOf(await as('e009', ENFORCE, { input: { enterpriseId: id, kind: 'SUMMONS', basis: '约谈' } }))).toBe(
        'FORBIDDEN',
      );
      expect(codeOf(await as('chief2', ENFORCE, { input: { enterpriseId: id, kind: 'SUMMONS', basis: '约谈' } }))).toBe(
        'FORBIDDEN',
      );
      const suspension = await as('leader1', ENFORCE, {
        input: { enterpriseId: id, kind: 'SUSPENSION', basis: '第九十九条', suspensionDays: 15 },
      });
      expect(suspension.data!.recordEnforcement).toMatchObject({
        kind: 'SUSPENSION',
        suspensionDays: 15,
        amount: null,
      });
      expect(
        (await as('e009', ENTERPRISE, { id })).data!.enterprise.enforcementActions.map((a: any) => a.kind).sort(),
      ).toEqual(['PENALTY', 'SUSPENSION']);
    });

    it('proposes closure after 3 penalties for major hazards within 180 days', async () => {
      const id = await enterpriseId(server, 'e011');
      const penalise = async () => {
        const hazard = await fileWithPlan(server, 'e011', {
          grade: 'MAJOR',
          governancePlan: { objectives: '消除', funding: '20 万元', emergencyMeasures: '警戒' },
        });
        const result = await as('director', ENFORCE, {
          input: { enterpriseId: id, kind: 'PENALTY', basis: '第一百零二条', amount: 50000, hazardIds: [hazard.id] },
        });
        expect(result.data!.recordEnforcement.forMajorHazard).toBe(true);
      };
      const proposed = async () => (await as('director', ENTERPRISE, { id })).data!.enterprise.closureProposed;
      await penalise();
      clock.advance(100 * 86_400_000);
      await penalise();
      expect(await proposed()).toBe(false);
      clock.advance(79 * 86_400_000);
      await penalise();
      expect(await proposed()).toBe(true);
      clock.advance(2 * 86_400_000);
      expect(await proposed()).toBe(false);
    });
  });
});
