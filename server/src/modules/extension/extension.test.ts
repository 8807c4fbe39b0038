import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.js';
import { EventRecord } from '../event/event-record.entity.js';
import { codeOf, fileWithPlan } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

const REQUEST = `mutation($id: ID!, $until: DateTime!, $r: String!) { requestExtension(hazardId: $id, until: $until, reason: $r) { deadline extensions { status until } } }`;
const DECIDE = `mutation($id: ID!, $ok: Boolean!, $r: String!) { decideExtension(hazardId: $id, approved: $ok, reason: $r) {
  deadline history { action } extensions { status until previousDeadline decisionReason decidedBy { username } requestedBy { username } } } }`;

describe.each(dialects)('deadline extensions (R8), on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2025-06-02T02:00:00Z');
  const as = async (user: string, query: string, vars: Record<string, unknown>) =>
    server.gql(query, vars, await server.login(user));
  const later = (deadline: string, days: number) => new Date(Date.parse(deadline) + days * 86_400_000).toISOString();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { SESSION_TTL: '3650d' } });
  });
  afterAll(() => server?.close());

  it('moves the deadline when the confirming level approves, keeping request and decision in the history', async () => {
    const hazard = await fileWithPlan(server, 'e001', { grade: 'SECOND' });
    const until = later(hazard.deadline, 7);
    const requested = await as('e001', REQUEST, { id: hazard.id, until, r: '备件到货需要时间' });
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.requestExtension.extensions).toEqual([{ status: 'PENDING', until }]);
    expect(codeOf(await as('e001', REQUEST, { id: hazard.id, until: later(hazard.deadline, 9), r: '再次申请' }))).toBe(
      'CONFLICT',
    );

    for (const user of ['chief1', 'leader2', 'director', 'e001']) {
      expect(codeOf(await as(user, DECIDE, { id: hazard.id, ok: true, r: '同意' })), user).toBe('FORBIDDEN');
    }
    const decided = await as('leader1', DECIDE, { id: hazard.id, ok: true, r: '理由充分，同意延期' });
    expect(decided.errors).toBeUndefined();
    const after = decided.data!.decideExtension;
    expect(after.deadline).toBe(until);
    expect(after.extensions[0]).toMatchObject({
      status: 'APPROVED',
      previousDeadline: hazard.deadline,
      decisionReason: '理由充分，同意延期',
      decidedBy: { username: 'leader1' },
      requestedBy: { username: 'e001' },
    });
    expect(after.history.map((h: any) => h.action)).toEqual([
      'hazard.filed',
      'hazard.extension_requested',
      'hazard.extension_approved',
    ]);
    const events = await server.app.orm.em
      .fork()
      .find(EventRecord, { hazardId: hazard.id }, { orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['HAZARD_FILED', 'DEADLINE_EXTENDED']);
    expect(codeOf(await as('leader1', DECIDE, { id: hazard.id, ok: true, r: '再次' }))).toBe('CONFLICT');
  });

  it('keeps the deadline when refused', async () => {
    const hazard = await fileWithPlan(server, 'e002', { grade: 'THIRD' });
    await as('e002', REQUEST, { id: hazard.id, until: later(hazard.deadline, 3), r: '人手不足' });
    const refused = await as('inspector1', DECIDE, { id: hazard.id, ok: false, r: '期限内可完成' });
    expect(refused.data!.decideExtension).toMatchObject({
      deadline: hazard.deadline,
      extensions: [{ status: 'REFUSED' }],
    });
  });

  it('refuses a new deadline that is not later, a request by bureau staff, and anything after the deadline', async () => {
    const hazard = await fileWithPlan(server, 'e003', { grade: 'THIRD' });
    const early = await as('e003', REQUEST, { id: hazard.id, until: later(hazard.deadline, -1), r: '理由' });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    const noReason = await as('e003', REQUEST, { id: hazard.id, until: later(hazard.deadline, 1), r: '' });
    expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(codeOf(await as('chief1', REQUEST, { id: hazard.id, until: later(hazard.deadline, 1), r: '理由' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      (await as('e003', REQUEST, { id: hazard.id, until: later(hazard.deadline, 2), r: '理由' })).errors,
    ).toBeUndefined();

    clock.set(later(hazard.deadline, 0.01));
    expect(codeOf(await as('chief1', DECIDE, { id: hazard.id, ok: true, r: '同意' }))).toBe('CONFLICT');
    const other = await fileWithPlan(server, 'e004', { grade: 'THIRD' });
    clock.set(later(other.deadline, 0.01));
    expect(codeOf(await as('e004', REQUEST, { id: other.id, until: later(other.deadline, 2), r: '理由' }))).toBe(
      'CONFLICT',
    );
  });
});
