import { ManualClock } from '../modules/common/clock.js';
import type { DatabaseKind } from '../config/env.js';
import { startTestServer, type TestServer } from './test-server.js';

/** The Ruichang pilot's six months (the report's period), as the variables of a statistics query. */
export const PILOT = { from: '2016-10-09T00:00:00+08:00', to: '2017-04-09T23:59:59+08:00' };

/** Every figure of `Stats` the pilot's tests compare, in one selection. */
export const FIGURES = `inspections selfInspections regulatorInspections hazardsFound rectifiedOnSpot hazardsEntered overdue closed
  penalties suspensions summonses casesFiled discrepancies falseRectifications repeatHazards loginRate filingRate onTimeRate
  medianDaysToClose p90DaysToClose selfReportShare onTimeByGrade { grade due onTime rate }`;

/**
 * A server seeded with the pilot (SEED=ruichang-2017) on the day the report was written, each SQL
 * statement it sends passed to `onSql`: the statistics tests count or read them.
 */
export async function startPilotServer(
  dialect: DatabaseKind,
  onSql: (sql: string) => void = () => {},
): Promise<TestServer> {
  const server = await startTestServer({
    dialect,
    seed: 'ruichang-2017',
    clock: new ManualClock('2017-04-09T12:00:00+08:00'),
  });
  server.app.orm.em
    .getConnection()
    .getKnex()
    .on('query', (q: { sql: string }) => onSql(q.sql));
  return server;
}
