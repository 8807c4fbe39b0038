import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { ManualClock } from '../common/clock.js';
import { EventRecord } from '../event/event-record.entity.js';
import { Hazard } from './hazard.entity.js';

const dialects = await testDialects();
const NOW = '2026-11-20T02:00:00.000Z';
const HOUR = 3_600_000;
const FILE = `mutation($input: FileHazardInput!) {
  fileHazard(input: $input) { id title status grade backfilled rectifiedOnSpot filedAt discoveredAt deadline closedAt overdue enterprise { code } }
}`;

const plan = (overrides: Record<string, unknown> = {}) => ({
  title: '储罐区静电接地不良',
  grade: 'THIRD',
  measures: '更换接地线并检测',
  responsiblePerson: '张工',
  deadline: new Date(Date.parse(NOW) + 72 * HOUR).toISOString(),
  ...overrides,
});

describe.each(dialects)('filing a hazard, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock(NOW);
  let e001: string;

  const counts = async () => {
    const em = server.app.orm.em.fork();
    return { hazards: await em.count(Hazard), audit: await em.count(AuditEntry), events: await em.count(EventRecord) };
  };
  const codeOf = (result: any) => result.errors?.[0]?.extensions?.code;
  const fieldOf = (result: any) => result.errors?.[0]?.extensions?.field;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    e001 = await server.login('e001');
  });
  afterAll(() => server?.close());

  it('stamps filedAt with the server clock and shows the hazard to e001 and chief1 only', async () => {
    clock.advance(1000);
    const result = await server.gql(
      FILE,
      {
        input: plan({
          title: '可燃气体报警器未检定',
          discoveredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
        }),
      },
      e001,
    );
    expect(result.errors).toBeUndefined();
    const hazard = result.data!.fileHazard;
    expect(hazard).toMatchObject({
      status: 'RECTIFYING',
      backfilled: false,
      overdue: false,
      enterprise: { code: 'e001' },
      filedAt: clock.now().toISOString(),
    });

    const query = `query($id: ID!) { hazard(id: $id) { id } hazards(filter: { filedFrom: "${clock.now().toISOString()}" }) { edges { node { id } } } }`;
    for (const [user, sees] of [
      ['e001', true],
      ['chief1', true],
      ['e021', false],
      ['chief2', false],
    ] as const) {
      const seen = await server.gql(query, { id: hazard.id }, await server.login(user));
      expect(seen.data!.hazard?.id ?? null, user).toBe(sees ? hazard.id : null);
      expect(
        seen.data!.hazards.edges.map((e: any) => e.node.id),
        user,
      ).toEqual(sees ? [hazard.id] : []);
    }
  });

  it('refuses a discovery time an hour ahead, naming discoveredAt, and writes nothing', async () => {
    const before = await counts();
    const result = await server.gql(
      FILE,
      { input: plan({ discoveredAt: new Date(clock.now().getTime() + HOUR).toISOString() }) },
      e001,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('discoveredAt');
    expect(result.errors![0]!.extensions!.messageKey).toBe('hazard.discoveredFuture');
    expect(await counts()).toEqual(before);
  });

  it('accepts a discovery time within five minutes ahead (clock skew)', async () => {
    const result = await server.gql(
      FILE,
      { input: plan({ discoveredAt: new Date(clock.now().getTime() + 4 * 60_000).toISOString() }) },
      e001,
    );
    expect(result.errors).toBeUndefined();
  });

  it('flags a discovery older than the backfill window as backfilled', async () => {
    const eightDaysAgo = new Date(clock.now().getTime() - 8 * 24 * HOUR).toISOString();
    const result = await server.gql(FILE, { input: plan({ discoveredAt: eightDaysAgo }) }, e001);
    expect(result.data!.fileHazard).toMatchObject({ backfilled: true, discoveredAt: eightDaysAgo });
    const sixDaysAgo = new Date(clock.now().getTime() - 6 * 24 * HOUR).toISOString();
    expect(
      (await server.gql(FILE, { input: plan({ discoveredAt: sixDaysAgo }) }, e001)).data!.fileHazard.backfilled,
    ).toBe(false);
  });

  it('closes a hazard rectified on the spot at once, with no deadline', async () => {
    const result = await server.gql(
      FILE,
      { input: { title: '灭火器压力不足', grade: 'THIRD', rectifiedOnSpot: true } },
      e001,
    );
    expect(result.data!.fileHazard).toMatchObject({
      status: 'CLOSED',
      rectifiedOnSpot: true,
      deadline: null,
      closedAt: clock.now().toISOString(),
    });
  });

  it.each([
    ['measures', { measures: null }],
    ['responsiblePerson', { responsiblePerson: '  ' }],
    ['deadline', { deadline: null }],
    ['deadline', { deadline: new Date(Date.parse(NOW) - HOUR).toISOString() }],
    ['title', { title: '' }],
    ['governancePlan', { grade: 'MAJOR' }],
    [
      'governancePlan.funding',
      { grade: 'MAJOR', governancePlan: { objectives: '消除隐患', funding: '', emergencyMeasures: '警戒' } },
    ],
    ['rectifiedOnSpot', { grade: 'MAJOR', rectifiedOnSpot: true, deadline: null }],
  ])('refuses a filing without a valid %s and writes nothing', async (field, overrides) => {
    const before = await counts();
    const result = await server.gql(FILE, { input: plan(overrides) }, e001);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('files a MAJOR hazard with its six-element plan', async () => {
    const governancePlan = {
      objectives: '彻底消除隐患',
      funding: '专项资金 20 万元',
      emergencyMeasures: '设置警戒区，专人值守',
    };
    const result = await server.gql(
      `mutation($input: FileHazardInput!) { fileHazard(input: $input) { grade measures responsiblePerson deadline governancePlan { objectives funding emergencyMeasures } } }`,
      { input: plan({ grade: 'MAJOR', governancePlan }) },
      e001,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.fileHazard.governancePlan).toEqual(governancePlan);
  });

  it('returns the first result for a retried filing with the same idempotency key', async () => {
    const input = plan({ title: '压力表超期未校验', idempotencyKey: 'phone-7f3a-0001' });
    const first = await server.gql(FILE, { input }, e001);
    const before = await counts();
    clock.advance(5_000);
    const again = await server.gql(FILE, { input }, e001);
    expect(again.errors).toBeUndefined();
    expect(again.data!.fileHazard).toEqual(first.data!.fileHazard);
    expect(await counts()).toEqual(before);
  });

  it('refuses the same idempotency key with a different filing', async () => {
    await server.gql(FILE, { input: plan({ idempotencyKey: 'phone-7f3a-0002' }) }, e001);
    const before = await counts();
    const other = await server.gql(
      FILE,
      { input: plan({ title: '另一处隐患', idempotencyKey: 'phone-7f3a-0002' }) },
      e001,
    );
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(fieldOf(other)).toBe('idempotencyKey');
    expect(await counts()).toEqual(before);
  });

  it('files once when the same keyed filing arrives twice at the same moment', async () => {
    const input = plan({ title: '并发重试', idempotencyKey: 'phone-7f3a-0003' });
    const [a, b] = await Promise.all([server.gql(FILE, { input }, e001), server.gql(FILE, { input }, e001)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.fileHazard.id).toBe(b.data!.fileHazard.id);
  });

  it('records the filing in the audit chain and the event log', async () => {
    const result = await server.gql(FILE, { input: plan({ title: '审计链检查' }) }, e001);
    const id = result.data!.fileHazard.id;
    const history = await server.gql(
      `query($id: ID!) { hazard(id: $id) { history { action actor { username } at } } }`,
      { id },
      e001,
    );
    expect(history.data!.hazard.history).toEqual([
      { action: 'hazard.filed', actor: { username: 'e001' }, at: clock.now().toISOString() },
    ]);
    const chain = await server.gql(
      '{ auditChain { valid length firstBrokenSeq } }',
      {},
      await server.login('director'),
    );
    expect(chain.data!.auditChain).toMatchObject({ valid: true, firstBrokenSeq: null });
  });

  it('refuses filing by an analyst', async () => {
    const result = await server.gql(FILE, { input: plan() }, await server.login('analyst'));
    expect(codeOf(result)).toBe('FORBIDDEN');
  });
});
