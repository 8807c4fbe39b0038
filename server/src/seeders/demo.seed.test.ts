import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { ManualClock } from '../modules/common/clock.js';
import { Hazard } from '../modules/hazard/hazard.entity.js';
import { HazardGrade, HazardStatus } from '../modules/hazard/hazard.enums.js';
import { RISK_POINTS } from './risk-register-texts.js';
import { incoherences } from './coherence.js';
import { implausibilities } from '../testing/plausibility.js';

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

  it('gives every enterprise a contact person, a mobile number and an address in its township', async () => {
    const result = await server.gql(
      `{ enterprises(first: 200) { edges { node { code contactName contactPhone address township { name } } } } }`,
      {},
      director,
    );
    const nodes = result.data!.enterprises.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(100);
    for (const node of nodes) {
      expect(node.contactName, node.code).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(node.contactPhone, node.code).toMatch(/^1[3-9]\d{9}$/);
      expect(node.address, node.code).toContain(`瑞昌市${node.township.name}`);
    }
    expect(new Set(nodes.map((n: any) => n.contactPhone)).size).toBe(100);
  });

  it('covers the four seed industries and others', async () => {
    const result = await server.gql(`{ enterprises(first: 200) { edges { node { industry } } } }`, {}, director);
    const industries = new Set(result.data!.enterprises.edges.map((e: any) => e.node.industry));
    expect([...industries].sort()).toEqual(['COAL_MINE', 'FIREWORKS', 'HAZARDOUS_CHEMICALS', 'NON_COAL_MINE', 'OTHER']);
  });

  it('puts every enterprise under the department of its industry, and gives each hazard a title of its grade', async () => {
    expect(await incoherences(server.app.orm.em.fork())).toEqual([]);
  });

  it('names each enterprise as its industry, under the section of that industry, and grades no everyday finding major', async () => {
    expect(await implausibilities(server)).toEqual([]);
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

  it('gives every enterprise a risk register of its industry, assessed by LS, and its risk level by its highest point', async () => {
    const result = await server.gql(
      `{ enterprises(first: 200) { edges { node { code industry riskLevel
          riskPoints { name location responsiblePerson likelihood severity score level } } } } }`,
      {},
      director,
    );
    expect(result.errors).toBeUndefined();
    const enterprises = result.data!.enterprises.edges.map((e: any) => e.node);
    const rank = ['LOW', 'MEDIUM', 'HIGH', 'MAJOR'];
    const pointLevels = new Set<string>();
    for (const e of enterprises) {
      const names = RISK_POINTS[e.industry as keyof typeof RISK_POINTS].map((t) => t.name);
      expect(e.riskPoints.length, e.code).toBeGreaterThanOrEqual(3);
      for (const p of e.riskPoints) {
        expect(names, `${e.code} ${p.name}`).toContain(p.name);
        expect(p.score).toBe(p.likelihood * p.severity);
        expect(p.location && p.responsiblePerson).toBeTruthy();
        pointLevels.add(p.level);
      }
      const highest = e.riskPoints
        .map((p: any) => p.level)
        .sort((a: string, b: string) => rank.indexOf(b) - rank.indexOf(a))[0];
      expect(e.riskLevel, e.code).toBe(highest);
    }
    expect([...pointLevels].sort()).toEqual(['HIGH', 'LOW', 'MAJOR', 'MEDIUM']);
    const red = enterprises.filter((e: any) => e.riskLevel === 'MAJOR').length;
    expect(red).toBeGreaterThan(0);
    expect(red).toBeLessThan(20);
  });

  it('has nearly every check since the registers were entered recorded, and only e052, e074 and e093 on the missed-checks display', async () => {
    await server.app.realtime.alerts.tick();
    const result = await server.gql(
      `{ alerts(kind: CHECKS_MISSED) { enterprise { code } }
         wallboard { checksMissedCount checkCompletionRateDetail { numerator denominator } } }`,
      {},
      director,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.alerts.map((a: any) => a.enterprise.code).sort()).toEqual(['e052', 'e074', 'e093']);
    const { checksMissedCount, checkCompletionRateDetail: rate } = result.data!.wallboard;
    expect(checksMissedCount).toBe(3);
    expect(rate.denominator).toBeGreaterThan(1000);
    expect(rate.numerator / rate.denominator).toBeGreaterThan(0.9);
    expect(rate.numerator).toBeLessThan(rate.denominator);
  });

  it('has a check task open for every measure, so that nothing falls due at start', async () => {
    const own = await server.login('e010');
    const result = await server.gql(
      `{ checkTasks(filter: { status: DUE }, first: 100) { totalCount } checkTasksMissed: checkTasks(filter: { status: MISSED }, first: 1) { totalCount } }`,
      {},
      own,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.checkTasks.totalCount).toBeGreaterThan(0);
    expect(server.app.realtime.checks.totals.missed).toBe(0);
  });

  it('classes every red enterprise and every one fined this year D (R15)', async () => {
    await server.app.realtime.supervision.tick();
    const result = await server.gql(
      `{ enterprises(first: 200) { edges { node { code riskLevel supervisionClass supervisionReasons } } } }`,
      {},
      director,
    );
    const enterprises = result.data!.enterprises.edges.map((e: any) => e.node);
    for (const e of enterprises.filter((e: any) => e.riskLevel === 'MAJOR' || e.code === 'e066'))
      expect(e.supervisionClass, e.code).toBe('D');
    const classes = new Set(enterprises.map((e: any) => e.supervisionClass));
    expect([...classes]).toEqual(expect.arrayContaining(['B', 'C', 'D']));
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
