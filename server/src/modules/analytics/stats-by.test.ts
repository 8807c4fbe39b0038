import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardStatus } from '../hazard/hazard.enums.js';
import { testDialects } from '../../testing/services.js';
import { FIGURES, PILOT, startPilotServer } from '../../testing/ruichang-pilot.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

const COUNTS = [
  'inspections',
  'selfInspections',
  'regulatorInspections',
  'hazardsFound',
  'rectifiedOnSpot',
  'hazardsEntered',
  'overdue',
  'closed',
  'penalties',
  'suspensions',
  'summonses',
  'casesFiled',
  'discrepancies',
  'falseRectifications',
  'repeatHazards',
] as const;
const STATS = `query($from: DateTime!, $to: DateTime!) { stats(from: $from, to: $to) { ${FIGURES} } }`;
const BY = `query($from: DateTime!, $to: DateTime!, $by: StatsDimension!) { statsBy(from: $from, to: $to, by: $by) { key label stats { ${FIGURES} } } }`;
const SERIES = `query($from: DateTime!, $to: DateTime!, $interval: StatsInterval!) { statsSeries(from: $from, to: $to, interval: $interval) { start end stats { ${FIGURES} } } }`;

type Figures = Record<string, any>;
const sum = (rows: Figures[], field: string) => rows.reduce((s, r) => s + (r.stats[field] as number), 0);

describe.each(dialects)('grouped and time-series stats of the Ruichang pilot, on %s', (dialect) => {
  let server: TestServer;
  let statements = 0;

  beforeAll(async () => {
    server = await startPilotServer(dialect, () => void statements++);
  });
  afterAll(() => server?.close());

  const ask = async (query: string, variables: Record<string, unknown>, user = 'analyst') => {
    const result = await server.gql(query, variables, await server.login(user));
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  it('splits the report’s totals by department and by grade, adding up to `stats`', async () => {
    const { stats } = await ask(STATS, PILOT);
    expect(stats).toMatchObject({ hazardsFound: 3287, rectifiedOnSpot: 1620, hazardsEntered: 1667 });
    for (const by of ['DEPARTMENT', 'GRADE', 'LEADER', 'TOWNSHIP', 'INDUSTRY', 'SOURCE', 'ENTERPRISE']) {
      const groups: Figures[] = (await ask(BY, { ...PILOT, by })).statsBy;
      expect(sum(groups, 'hazardsFound'), by).toBe(3287);
      expect(sum(groups, 'rectifiedOnSpot'), by).toBe(1620);
      expect(sum(groups, 'hazardsEntered'), by).toBe(1667);
      expect(sum(groups, 'closed'), by).toBe(stats.closed);
      expect(sum(groups, 'discrepancies'), by).toBe(stats.discrepancies);
      if (by !== 'GRADE' && by !== 'SOURCE')
        for (const field of COUNTS) expect(sum(groups, field), `${by} ${field}`).toBe(stats[field]);
    }
    const departments: Figures[] = (await ask(BY, { ...PILOT, by: 'DEPARTMENT' })).statsBy;
    expect(departments).toHaveLength(5);
    const due = (s: Figures) => s.onTimeByGrade.reduce((n: number, r: Figures) => n + r.due, 0);
    expect(due(stats)).toBeGreaterThan(1000);
    expect(departments.reduce((n, d) => n + due(d.stats), 0)).toBe(due(stats));
    expect(departments[0]!.label).toMatch(/科$/);
    const grades: Figures[] = (await ask(BY, { ...PILOT, by: 'GRADE' })).statsBy;
    expect(grades.map((g) => g.label)).toEqual(['重大隐患', '二级隐患', '三级隐患']);
    // Each grade's group holds its own on-time entry, the same as the whole's entry for that grade.
    for (const g of grades) {
      const own = g.stats.onTimeByGrade.find((r: Figures) => r.grade === g.key);
      expect(own).toEqual(stats.onTimeByGrade.find((r: Figures) => r.grade === g.key));
    }
  });

  it('gives the six months month by month in bureau time, adding up to `stats`', async () => {
    const { stats } = await ask(STATS, PILOT);
    const points: Figures[] = (await ask(SERIES, { ...PILOT, interval: 'MONTH' })).statsSeries;
    expect(points.map((p) => p.start)).toEqual([
      '2016-10-08T16:00:00.000Z',
      '2016-10-31T16:00:00.000Z',
      '2016-11-30T16:00:00.000Z',
      '2016-12-31T16:00:00.000Z',
      '2017-01-31T16:00:00.000Z',
      '2017-02-28T16:00:00.000Z',
      '2017-03-31T16:00:00.000Z',
    ]);
    expect(points.at(-1)!.end).toBe('2017-04-09T15:59:59.000Z');
    expect(sum(points, 'hazardsFound')).toBe(3287);
    expect(sum(points, 'rectifiedOnSpot')).toBe(1620);
    expect(sum(points, 'hazardsEntered')).toBe(1667);
    for (const field of COUNTS) expect(sum(points, field), field).toBe(stats[field]);
    expect(points.at(-1)!.stats.loginRate).toBe(stats.loginRate);
    const weeks: Figures[] = (await ask(SERIES, { ...PILOT, interval: 'WEEK' })).statsSeries;
    expect(new Date(weeks[1]!.start).getUTCDay()).toBe(0); // Monday 00:00 in Shanghai is Sunday 16:00 UTC
    expect(sum(weeks, 'hazardsFound')).toBe(3287);
  });

  it('shows a section chief their department’s groups only', async () => {
    const { stats } = await ask(STATS, PILOT, 'chief1');
    const groups: Figures[] = (await ask(BY, { ...PILOT, by: 'DEPARTMENT' }, 'chief1')).statsBy;
    expect(groups).toHaveLength(1);
    const all: Figures[] = (await ask(BY, { ...PILOT, by: 'DEPARTMENT' }, 'director')).statsBy;
    expect(groups[0]!.key).toBe(all[0]!.key);
    expect(groups[0]!.stats.hazardsFound).toBe(stats.hazardsFound);
    expect(stats.hazardsFound).toBeLessThan(3287);
    const enterprises: Figures[] = (await ask(BY, { ...PILOT, by: 'ENTERPRISE' }, 'chief1')).statsBy;
    expect(enterprises).toHaveLength(20);
    const points: Figures[] = (await ask(SERIES, { ...PILOT, interval: 'MONTH' }, 'chief1')).statsSeries;
    expect(sum(points, 'hazardsFound')).toBe(stats.hazardsFound);
  });

  it('computes the days to close as the records give them', async () => {
    const { stats } = await ask(STATS, PILOT);
    const em = server.app.orm.em.fork();
    const closed = await em.find(Hazard, {
      status: HazardStatus.CLOSED,
      rectifiedOnSpot: false,
      closedAt: { $gte: new Date(PILOT.from), $lte: new Date(PILOT.to) },
    });
    const days = closed
      .map((h) => (h.closedAt!.getTime() - h.discoveredAt.getTime()) / 86_400_000)
      .sort((a, b) => a - b);
    const at = (p: number) => {
      const pos = (days.length - 1) * p;
      const lo = Math.floor(pos);
      return days[lo]! + ((days[Math.min(lo + 1, days.length - 1)] ?? days[lo]!) - days[lo]!) * (pos - lo);
    };
    expect(days.length).toBeGreaterThan(100);
    expect(stats.medianDaysToClose).toBeCloseTo(at(0.5), 6);
    expect(stats.p90DaysToClose).toBeCloseTo(at(0.9), 6);
    expect(stats.p90DaysToClose).toBeGreaterThan(stats.medianDaysToClose);
  });

  it('costs the same few statements whatever the number of groups or points', async () => {
    const token = await server.login('director');
    const cost = async (query: string, variables: Record<string, unknown>) => {
      statements = 0;
      const result = await server.gql(query, variables, token);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return statements;
    };
    const departments = await cost(BY, { ...PILOT, by: 'DEPARTMENT' });
    expect(await cost(BY, { ...PILOT, by: 'ENTERPRISE' })).toBe(departments);
    expect(departments).toBeLessThanOrEqual(10);
    const months = await cost(SERIES, { ...PILOT, interval: 'MONTH' });
    expect(await cost(SERIES, { ...PILOT, interval: 'DAY' })).toBe(months);
    expect(months).toBeLessThanOrEqual(10);
  });

  it('refuses a period backwards or a series too long to draw', async () => {
    const backwards = await server.gql(
      BY,
      { from: PILOT.to, to: PILOT.from, by: 'GRADE' },
      await server.login('analyst'),
    );
    expect(backwards.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const long = await server.gql(
      SERIES,
      { from: '2000-01-01T00:00:00+08:00', to: PILOT.to, interval: 'DAY' },
      await server.login('analyst'),
    );
    expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'interval' });
  });
});

describe.each(dialects)('the rates of a series on the demo’s history, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server?.close());

  it('takes each point’s login and filing rates at its own end, as `stats` of that point does (R10)', async () => {
    const token = await server.login('director');
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const result = await server.gql(query, variables, token);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data!;
    };
    const now = server.app.deps.clock.now().getTime();
    const period = { from: new Date(now - 70 * 86_400_000).toISOString(), to: new Date(now).toISOString() };
    const weeks: Figures[] = (await ask(SERIES, { ...period, interval: 'WEEK' })).statsSeries;
    expect(weeks.length).toBeGreaterThanOrEqual(10);
    const rates = new Set<number>();
    for (const week of weeks) {
      const { stats } = await ask(STATS, { from: week.start, to: week.end });
      expect(week.stats.loginRate, week.start).toBeCloseTo(stats.loginRate, 12);
      expect(week.stats.filingRate, week.start).toBeCloseTo(stats.filingRate, 12);
      rates.add(stats.loginRate).add(stats.filingRate);
    }
    expect(rates.size).toBeGreaterThan(3);
  });
});
