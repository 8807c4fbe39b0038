import type { EntityManager } from '@mikro-orm/knex';
import type { Scope } from '../auth/scope.js';
import { groupedFigures, type StatsFigures } from './stats-sql.js';

export type ClosingFigures = Pick<
  StatsFigures,
  'medianDaysToClose' | 'p90DaysToClose' | 'onTimeByGrade' | 'repeatHazards' | 'selfReportShare'
>;

/** The analysts' figures of `stats` over the whole period, from the same statements as `statsBy` and `statsSeries`. */
export async function closingFigures(
  em: EntityManager,
  scope: Scope,
  from: Date,
  to: Date,
  until: Date,
): Promise<ClosingFigures> {
  const period = { start: from, end: new Date(to.getTime() + 1), at: until };
  const windows = { noLoginWindowMs: 0, noFilingWindowMs: 0 };
  const grouped = await groupedFigures(em, scope, windows, null, [period], { kind: 'period' }, from, until, PARTS);
  const f = grouped.get('0');
  return {
    medianDaysToClose: f.medianDaysToClose,
    p90DaysToClose: f.p90DaysToClose,
    onTimeByGrade: f.onTimeByGrade,
    repeatHazards: f.repeatHazards,
    selfReportShare: f.selfReportShare,
  };
}

const PARTS = new Set(['found', 'closing', 'due', 'findings'] as const);
