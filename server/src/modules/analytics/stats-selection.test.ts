import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURES, PILOT, startPilotServer } from '../../testing/ruichang-pilot.js';
import { testDialects } from '../../testing/services.js';
import type { TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

// Issue 16: the statistics compute only what the query reads, as a page counts only when `totalCount` is read.
const stats = (selection: string, fragments = '') =>
  `query($from: DateTime!, $to: DateTime!) { stats(from: $from, to: $to) { ${selection} } } ${fragments}`;
const by = (selection: string) =>
  `query($from: DateTime!, $to: DateTime!) { statsBy(from: $from, to: $to, by: DEPARTMENT) { key stats { ${selection} } } }`;
const series = (selection: string) =>
  `query($from: DateTime!, $to: DateTime!) { statsSeries(from: $from, to: $to, interval: MONTH) { start stats { ${selection} } } }`;

/** The repeat-hazard probe and the days-to-close ranks: the two costly columns. */
const REPEAT_PROBE = /from hazard r where/i;
const RANKS = /row_number\(\) over/i;

describe.each(dialects)('statistics compute only the figures asked for, on %s', (dialect) => {
  let server: TestServer;
  let sql: string[] = [];
  let token: string;

  beforeAll(async () => {
    server = await startPilotServer(dialect, (statement) => void sql.push(statement));
    token = await server.login('analyst');
  });
  afterAll(() => server?.close());

  const ask = async (query: string) => {
    sql = [];
    const result = await server.gql(query, PILOT, token);
    expect(result.errors).toBeUndefined();
    return { data: result.data!, sql: [...sql] };
  };

  it('runs neither the repeat probe nor the ranks when the counts alone are read, with the same counts', async () => {
    const full = await ask(stats(FIGURES));
    expect(full.sql.some((s) => REPEAT_PROBE.test(s))).toBe(true);
    expect(full.sql.some((s) => RANKS.test(s))).toBe(true);
    expect(full.data.stats.repeatHazards).toBeGreaterThan(0);

    const counts = await ask(stats('hazardsFound hazardsEntered closed selfInspections loginRate'));
    expect(counts.sql.some((s) => REPEAT_PROBE.test(s) || RANKS.test(s))).toBe(false);
    expect(counts.sql.length).toBeLessThan(full.sql.length / 2);
    expect(counts.data.stats).toEqual({
      hazardsFound: full.data.stats.hazardsFound,
      hazardsEntered: full.data.stats.hazardsEntered,
      closed: full.data.stats.closed,
      selfInspections: full.data.stats.selfInspections,
      loginRate: full.data.stats.loginRate,
    });
  });

  it('reads a figure asked for through a fragment and an alias like one asked for directly', async () => {
    const full = await ask(stats(FIGURES));
    const fragment = await ask(
      stats('...Analysts', 'fragment Analysts on Stats { repeats: repeatHazards median: medianDaysToClose }'),
    );
    expect(fragment.sql.some((s) => REPEAT_PROBE.test(s))).toBe(true);
    expect(fragment.data.stats).toEqual({
      repeats: full.data.stats.repeatHazards,
      median: full.data.stats.medianDaysToClose,
    });
  });

  it('splits by department and by month from the statements their figures need, with the same figures', async () => {
    for (const query of [by, series]) {
      const full = await ask(query(FIGURES));
      const counts = await ask(query('hazardsFound closed overdue loginRate'));
      expect(counts.sql.some((s) => REPEAT_PROBE.test(s) || RANKS.test(s))).toBe(false);
      const rows = Object.values(full.data)[0] as Array<{ stats: Record<string, unknown> }>;
      const partial = Object.values(counts.data)[0] as Array<{ stats: Record<string, unknown> }>;
      expect(partial.length).toBe(rows.length);
      expect(partial.map((r) => r.stats)).toEqual(
        rows.map(({ stats: s }) => ({
          hazardsFound: s.hazardsFound,
          closed: s.closed,
          overdue: s.overdue,
          loginRate: s.loginRate,
        })),
      );
      expect(rows.reduce((n, r) => n + (r.stats.hazardsFound as number), 0)).toBeGreaterThan(1000);
    }
  });
});
