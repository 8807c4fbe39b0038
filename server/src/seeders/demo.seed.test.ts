import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { ManualClock } from '../modules/common/clock.js';
import { Hazard } from '../modules/hazard/hazard.entity.js';
import { HazardGrade, HazardStatus } from '../modules/hazard/hazard.enums.js';

const dialects = await testDialects();
const NOW = '2026-11-29T01:30:00Z';

describe.each(dialects)('the demo data, on %s', (dialect) => {
  let server: TestServer;
  let director: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock: new ManualClock(NOW) });
    director = await server.login('director');
  });
  afterAll(() => server?.close());

  it('has 5 departments of 20 enterprises, each with its leader and chief, in 8 townships', async () => {
    const result = await server.gql(
      `{ departments { number enterpriseCount leader { username } chief { username } } townships { name } }`,
      {},
      director,
    );
    expect(result.data!.departments).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({
        number: n,
        enterpriseCount: 20,
        leader: { username: `leader${n}` },
        chief: { username: `chief${n}` },
      })),
    );
    expect(result.data!.townships).toHaveLength(8);
  });

  it('puts e001…e020 in department 1 and e021…e040 in department 2', async () => {
    const result = await server.gql(
      `{ enterprises(first: 200) { edges { node { code department { number } } } } }`,
      {},
      director,
    );
    for (const { node } of result.data!.enterprises.edges)
      expect(node.department.number).toBe(Math.ceil(Number(node.code.slice(1)) / 20));
  });

  it('covers the four seed industries and others', async () => {
    const result = await server.gql(`{ enterprises(first: 200) { edges { node { industry } } } }`, {}, director);
    const industries = new Set(result.data!.enterprises.edges.map((e: any) => e.node.industry));
    expect([...industries].sort()).toEqual(['COAL_MINE', 'FIREWORKS', 'HAZARDOUS_CHEMICALS', 'NON_COAL_MINE', 'OTHER']);
  });

  it('holds six months of hazards of every grade and status, a few of them overdue', async () => {
    const em = server.app.orm.em.fork();
    for (const grade of Object.values(HazardGrade)) expect(await em.count(Hazard, { grade })).toBeGreaterThan(10);
    for (const status of Object.values(HazardStatus)) expect(await em.count(Hazard, { status })).toBeGreaterThan(3);
    const overdue = await server.gql(
      `{ hazards(filter: { overdue: true }) { totalCount edges { node { enterprise { code } } } } }`,
      {},
      director,
    );
    expect(overdue.data!.hazards.edges.map((e: any) => e.node.enterprise.code).sort()).toEqual([
      'e003',
      'e025',
      'e066',
      'e078',
    ]);
    const [oldest] = await em.find(Hazard, {}, { orderBy: { filedAt: 'asc' }, limit: 1 });
    expect(Date.parse(NOW) - oldest!.filedAt.getTime()).toBeGreaterThan(170 * 86_400_000);
  });

  it('has an intact audit chain', async () => {
    const result = await server.gql('{ auditChain { valid length firstBrokenSeq } }', {}, director);
    expect(result.data!.auditChain.valid).toBe(true);
    expect(result.data!.auditChain.length).toBeGreaterThan(5000);
  });

  it('is the same data every time it is made for the same moment', async () => {
    const again = await startTestServer({ dialect: 'sqlite', clock: new ManualClock(NOW) });
    try {
      const query = `{ hazards(first: 50) { totalCount edges { node { id title filedAt enterprise { name creditCode } } } } }`;
      const mine = await server.gql(query, {}, director);
      const theirs = await again.gql(query, {}, await again.login('director'));
      expect(theirs.data).toEqual(mine.data);
    } finally {
      await again.close();
    }
  });
});
