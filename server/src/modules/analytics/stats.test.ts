import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.service.js';
import { ManualClock } from '../common/clock.js';
import { PILOT, startPilotServer } from '../../testing/ruichang-pilot.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

const STATS = `query($from: DateTime!, $to: DateTime!) { stats(from: $from, to: $to) {
  inspections hazardsFound rectifiedOnSpot hazardsEntered overdue closed penalties suspensions loginRate filingRate onTimeRate } }`;

describe.each(dialects)('the Ruichang pilot (SEED=ruichang-2017), on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startPilotServer(dialect);
  });
  afterAll(() => server?.close());

  it('answers the report’s figures from the records', async () => {
    const result = await server.gql(STATS, PILOT, await server.login('director'));
    expect(result.errors).toBeUndefined();
    expect(result.data!.stats).toMatchObject({
      inspections: 1236,
      hazardsFound: 3287,
      rectifiedOnSpot: 1620,
      hazardsEntered: 1667,
      overdue: 0,
      penalties: 5,
      suspensions: 4,
      loginRate: 1,
      filingRate: 1,
      onTimeRate: 1,
    });
  });

  it('has 100 enterprises in 8 townships under 5 departments, and an intact history', async () => {
    const token = await server.login('director');
    const result = await server.gql(
      `{ enterprises { totalCount } townships { id } departments { enterpriseCount } auditChain { valid } }`,
      {},
      token,
    );
    expect(result.data!.enterprises.totalCount).toBe(100);
    expect(result.data!.townships).toHaveLength(8);
    expect(result.data!.departments.map((d: any) => d.enterpriseCount)).toEqual([20, 20, 20, 20, 20]);
    expect((await verifyAuditChain(server.app.orm.em.fork())).valid).toBe(true);
  });

  it('counts within the viewer’s scope only', async () => {
    const result = await server.gql(STATS, PILOT, await server.login('chief1'));
    expect(result.data!.stats.inspections).toBeGreaterThan(200);
    expect(result.data!.stats.inspections).toBeLessThan(300);
  });

  it('refuses a period that ends before it starts', async () => {
    const result = await server.gql(
      STATS,
      { from: '2017-04-09T00:00:00+08:00', to: '2016-10-09T00:00:00+08:00' },
      await server.login('analyst'),
    );
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});

describe('SEED=ruichang-2017 with a clock before the pilot’s end', () => {
  it('refuses to seed, naming FAKE_NOW', async () => {
    await expect(
      startTestServer({
        dialect: 'sqlite',
        seed: 'ruichang-2017',
        clock: new ManualClock('2017-01-01T00:00:00+08:00'),
      }),
    ).rejects.toThrow(/FAKE_NOW/);
  });
});
