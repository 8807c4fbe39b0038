import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.js';
import { EventRecord } from '../event/event-record.entity.js';
import { codeOf, fileWithPlan, HAZARD_FIELDS, PLAN } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { HazardStatus } from './hazard.enums.js';
import { nextStatus, TRANSITIONS, type HazardAction } from './lifecycle.js';

const { RECTIFYING: R, PENDING_VERIFICATION: P, CLOSED: C } = HazardStatus;

/** The R4 table written out by hand: [action, from, expected next state or null when refused]. */
const EXPECTED: Array<[HazardAction, HazardStatus, HazardStatus | null]> = [
  ['submit', R, P],
  ['submit', P, null],
  ['submit', C, null],
  ['accept', R, null],
  ['accept', P, C],
  ['accept', C, null],
  ['reject', R, null],
  ['reject', P, R],
  ['reject', C, null],
  ['regrade', R, R],
  ['regrade', P, P],
  ['regrade', C, null],
  ['requestExtension', R, R],
  ['requestExtension', P, null],
  ['requestExtension', C, null],
  ['decideExtension', R, R],
  ['decideExtension', P, P],
  ['decideExtension', C, null],
  ['reopen', R, null],
  ['reopen', P, null],
  ['reopen', C, R],
  ['submitPlan', R, R],
  ['submitPlan', P, P],
  ['submitPlan', C, null],
];

describe('the hazard state table (R4)', () => {
  it('covers every action from every state', () => {
    expect(EXPECTED).toHaveLength(Object.keys(TRANSITIONS).length * 3);
  });

  it.each(EXPECTED)('%s from %s leads to %s', (action, from, to) => {
    expect(nextStatus(from, action) ?? null).toBe(to);
  });
});

const dialects = await testDialects();

const SUBMIT = `mutation($id: ID!, $note: String) { submitRectification(hazardId: $id, note: $note) { ${HAZARD_FIELDS} } }`;
const VERIFY = `mutation($id: ID!, $ok: Boolean!, $c: String) { verifyRectification(hazardId: $id, accepted: $ok, comment: $c) { ${HAZARD_FIELDS} } }`;
const REGRADE = `mutation($id: ID!, $g: HazardGrade!, $r: String!, $p: GovernancePlanInput) { regradeHazard(hazardId: $id, grade: $g, reason: $r, governancePlan: $p) { ${HAZARD_FIELDS} } }`;
const GET = `query($id: ID!) { hazard(id: $id) { ${HAZARD_FIELDS} } }`;

/** Per grade, for a hazard of e001 (department 1): who confirms, and who is refused. */
const GRADES = [
  {
    grade: 'THIRD',
    role: 'SECTION_CHIEF',
    right: ['chief1', 'inspector1'],
    wrong: ['chief2', 'inspector2', 'leader1', 'director', 'admin', 'e001'],
  },
  {
    grade: 'SECOND',
    role: 'DEPUTY_LEADER',
    right: ['leader1'],
    wrong: ['leader2', 'chief1', 'inspector1', 'director', 'admin', 'e001'],
  },
  {
    grade: 'MAJOR',
    role: 'DIRECTOR',
    right: ['director'],
    wrong: ['leader1', 'chief1', 'inspector1', 'admin', 'e001'],
  },
] as const;

describe.each(dialects)('the closed loop by grade, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2025-06-02T02:00:00Z');

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { SESSION_TTL: '3650d' } });
  });
  afterAll(() => server?.close());

  const as = async (user: string, query: string, vars: Record<string, unknown>) =>
    server.gql(query, vars, await server.login(user));

  describe.each(GRADES)('a $grade hazard', ({ grade, role, right, wrong }) => {
    it(`walks file → submit → reject → submit → close, confirmed only by ${right.join(' or ')}`, async () => {
      const hazard = await fileWithPlan(server, 'e001', {
        grade,
        ...(grade === 'MAJOR' ? { governancePlan: PLAN } : {}),
      });
      expect(hazard).toMatchObject({ status: 'RECTIFYING', confirmingRole: role });
      const confirmer = right[right.length - 1]!;

      // Nothing to verify yet: the confirmer meets a CONFLICT, nothing changes.
      const early = await as(confirmer, VERIFY, { id: hazard.id, ok: true });
      expect(codeOf(early)).toBe('CONFLICT');
      expect(early.data).toBeNull();

      const submitted = await as('e001', SUBMIT, { id: hazard.id, note: '已整改' });
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data!.submitRectification.status).toBe('PENDING_VERIFICATION');
      expect(codeOf(await as('e001', SUBMIT, { id: hazard.id }))).toBe('CONFLICT');

      for (const user of wrong) {
        const refused = await as(user, VERIFY, { id: hazard.id, ok: true });
        expect(codeOf(refused), `${user} may not verify a ${grade} hazard`).toMatch(/FORBIDDEN/);
      }
      const noReason = await as(confirmer, VERIFY, { id: hazard.id, ok: false });
      expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
      expect(noReason.errors![0]!.extensions!.field).toBe('comment');

      const rejected = await as(right[0]!, VERIFY, { id: hazard.id, ok: false, c: '整改不到位' });
      expect(rejected.errors).toBeUndefined();
      expect(rejected.data!.verifyRectification).toMatchObject({ status: 'RECTIFYING', rejectionReason: '整改不到位' });

      expect((await as('e001', SUBMIT, { id: hazard.id, note: '已补充整改' })).errors).toBeUndefined();
      clock.advance(60_000);
      const closed = await as(confirmer, VERIFY, { id: hazard.id, ok: true, c: '验收合格' });
      expect(closed.errors).toBeUndefined();
      expect(closed.data!.verifyRectification.status).toBe('CLOSED');
      expect(closed.data!.verifyRectification.closedAt).toBe(clock.now().toISOString());

      for (const [query, vars] of [
        [SUBMIT, {}],
        [VERIFY, { ok: true }],
        [VERIFY, { ok: false, c: 'x' }],
        [REGRADE, { g: 'SECOND', r: 'x', p: PLAN }],
      ] as const) {
        const user = query === SUBMIT ? 'e001' : query === REGRADE ? 'director' : confirmer;
        const result = await as(user, query, { id: hazard.id, ...vars });
        expect(codeOf(result)).toBe('CONFLICT');
      }
      const after = (await as('director', GET, { id: hazard.id })).data!.hazard;
      expect(after.status).toBe('CLOSED');
      expect(after.history.map((h: any) => h.action)).toEqual([
        'hazard.filed',
        'hazard.submitted',
        'hazard.rejected',
        'hazard.submitted',
        'hazard.closed',
      ]);

      const events = await server.app.orm.em
        .fork()
        .find(EventRecord, { hazardId: hazard.id }, { orderBy: { seq: 'asc' } });
      expect(events.map((e) => e.kind)).toEqual([
        'HAZARD_FILED',
        'RECTIFICATION_SUBMITTED',
        'RECTIFICATION_REJECTED',
        'RECTIFICATION_SUBMITTED',
        'HAZARD_CLOSED',
      ]);
      expect(JSON.parse(events[4]!.payload!)).toMatchObject({ grade, title: '储罐区静电接地不良' });
      expect(events[4]!.departmentId).toBeTruthy();
    });
  });

  it('marks a submission after the deadline late, so the hazard stays overdue until closed', async () => {
    const hazard = await fileWithPlan(server, 'e002', { grade: 'THIRD' });
    clock.advance(11 * 86_400_000);
    const result = await server.gql(
      `mutation($id: ID!) { submitRectification(hazardId: $id) { status overdue } }`,
      { id: hazard.id },
      await server.login('e002'),
    );
    expect(result.data!.submitRectification).toEqual({ status: 'PENDING_VERIFICATION', overdue: true });
  });

  it('refuses a submission by another enterprise and by an analyst', async () => {
    const hazard = await fileWithPlan(server, 'e003', { grade: 'THIRD' });
    expect(codeOf(await as('e004', SUBMIT, { id: hazard.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('analyst', SUBMIT, { id: hazard.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('e004', SUBMIT, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  describe('regrading', () => {
    it('moves the confirming level with the grade and needs a reason', async () => {
      const hazard = await fileWithPlan(server, 'e001', { grade: 'THIRD' });
      const noReason = await as('chief1', REGRADE, { id: hazard.id, g: 'SECOND', r: ' ' });
      expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      const up = await as('chief1', REGRADE, { id: hazard.id, g: 'SECOND', r: '涉及重点部位' });
      expect(up.data!.regradeHazard).toMatchObject({ grade: 'SECOND', confirmingRole: 'DEPUTY_LEADER' });
      expect(up.data!.regradeHazard.history.map((h: any) => h.action)).toContain('hazard.regraded');
      await as('e001', SUBMIT, { id: hazard.id });
      expect(codeOf(await as('chief1', VERIFY, { id: hazard.id, ok: true }))).toBe('FORBIDDEN');
      expect((await as('leader1', VERIFY, { id: hazard.id, ok: true })).data!.verifyRectification.status).toBe(
        'CLOSED',
      );
      const events = await server.app.orm.em
        .fork()
        .find(EventRecord, { hazardId: hazard.id, kind: 'HAZARD_REGRADED' as never });
      expect(JSON.parse(events[0]!.payload!)).toMatchObject({ grade: 'SECOND', previousGrade: 'THIRD' });
    });

    it('grades up to MAJOR at once without a plan (R5): the hazard owes it, the agenda says so, the enterprise submits it', async () => {
      const hazard = await fileWithPlan(server, 'e001', { grade: 'THIRD' });
      const major = await as('chief1', REGRADE, { id: hazard.id, g: 'MAJOR', r: '可能导致群死群伤' });
      expect(major.errors).toBeUndefined();
      expect(major.data!.regradeHazard).toMatchObject({ grade: 'MAJOR', confirmingRole: 'DIRECTOR' });
      const PLAN_OF = `query($id: ID!) { hazard(id: $id) { grade governancePlan { objectives } viewerCan { submitGovernancePlan } } }`;
      expect((await as('e001', PLAN_OF, { id: hazard.id })).data!.hazard).toEqual({
        grade: 'MAJOR',
        governancePlan: null,
        viewerCan: { submitGovernancePlan: true },
      });
      expect((await as('analyst', PLAN_OF, { id: hazard.id })).data!.hazard.viewerCan.submitGovernancePlan).toBe(false);

      const AGENDA = `{ majorHazardAgenda { daysToDeadline overdue planOwed hazard { id grade status } } }`;
      const owed = (await as('director', AGENDA, {})).data!.majorHazardAgenda.find(
        (i: any) => i.hazard.id === hazard.id,
      );
      expect(owed).toMatchObject({ overdue: false, planOwed: true, hazard: { grade: 'MAJOR' } });
      expect(owed.daysToDeadline).toBeGreaterThanOrEqual(9);
      expect(owed.daysToDeadline).toBeLessThanOrEqual(11);
      const leader2 = await as('leader2', `{ majorHazardAgenda { hazard { id } } }`, {});
      expect(leader2.data!.majorHazardAgenda.map((i: any) => i.hazard.id)).not.toContain(hazard.id);

      const SUBMIT_PLAN = `mutation($id: ID!, $p: GovernancePlanInput!) { submitGovernancePlan(hazardId: $id, plan: $p) { id governancePlan { objectives funding emergencyMeasures } history { action } } }`;
      const empty = await as('e001', SUBMIT_PLAN, { id: hazard.id, p: { ...PLAN, funding: ' ' } });
      expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'governancePlan.funding' });
      expect(codeOf(await as('e002', SUBMIT_PLAN, { id: hazard.id, p: PLAN }))).toBe('FORBIDDEN');
      expect(codeOf(await as('analyst', SUBMIT_PLAN, { id: hazard.id, p: PLAN }))).toBe('FORBIDDEN');
      const given = await as('e001', SUBMIT_PLAN, { id: hazard.id, p: PLAN });
      expect(given.data!.submitGovernancePlan.governancePlan).toEqual(PLAN);
      expect(given.data!.submitGovernancePlan.history.map((h: any) => h.action)).toContain('hazard.planSubmitted');
      expect(codeOf(await as('e001', SUBMIT_PLAN, { id: hazard.id, p: PLAN }))).toBe('CONFLICT');
      const after = (await as('director', AGENDA, {})).data!.majorHazardAgenda.find(
        (i: any) => i.hazard.id === hazard.id,
      );
      expect(after.planOwed).toBe(false);
    });

    it('keeps a plan given with a THIRD filing, so grading it up to MAJOR owes nothing', async () => {
      const hazard = await fileWithPlan(server, 'e001', { grade: 'THIRD', governancePlan: PLAN });
      await as('chief1', REGRADE, { id: hazard.id, g: 'MAJOR', r: '可能导致群死群伤' });
      const read = await as(
        'e001',
        `query($id: ID!) { hazard(id: $id) { governancePlan { objectives funding emergencyMeasures } } }`,
        {
          id: hazard.id,
        },
      );
      expect(read.data!.hazard.governancePlan).toEqual(PLAN);
      const notMajor = await fileWithPlan(server, 'e001', { grade: 'SECOND' });
      const SUBMIT_PLAN = `mutation($id: ID!, $p: GovernancePlanInput!) { submitGovernancePlan(hazardId: $id, plan: $p) { id } }`;
      expect(codeOf(await as('e001', SUBMIT_PLAN, { id: notMajor.id, p: PLAN }))).toBe('CONFLICT');
    });

    it('lets only the current confirming level (or the director) grade a hazard down; enterprises and analysts never', async () => {
      const hazard = await fileWithPlan(server, 'e001', { grade: 'SECOND' });
      expect(codeOf(await as('chief1', REGRADE, { id: hazard.id, g: 'THIRD', r: '影响较小' }))).toBe('FORBIDDEN');
      expect(codeOf(await as('e001', REGRADE, { id: hazard.id, g: 'MAJOR', r: 'x', p: PLAN }))).toBe('FORBIDDEN');
      expect(codeOf(await as('analyst', REGRADE, { id: hazard.id, g: 'MAJOR', r: 'x', p: PLAN }))).toBe('FORBIDDEN');
      expect(codeOf(await as('chief2', REGRADE, { id: hazard.id, g: 'MAJOR', r: 'x', p: PLAN }))).toBe('FORBIDDEN');
      expect(
        (await as('leader1', REGRADE, { id: hazard.id, g: 'THIRD', r: '影响较小' })).data!.regradeHazard.grade,
      ).toBe('THIRD');
    });
  });
});
