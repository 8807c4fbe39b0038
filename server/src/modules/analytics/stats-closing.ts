import type { EntityManager } from '@mikro-orm/knex';
import type { Scope } from '../auth/scope.js';
import { emptyFigures, groupedFigures, partsFor, type StatsFigures, type StatsPart } from './stats-sql.js';

export type ClosingFigures = Pick<
  StatsFigures,
  | 'medianDaysToClose'
  | 'p90DaysToClose'
  | 'onTimeByGrade'
  | 'repeatHazards'
  | 'selfReportShare'
  | 'checksEnded'
  | 'checksDone'
  | 'checkCompletionRate'
>;

/** The analysts' figures of `stats` over the whole period, from the same statements as `statsBy` and `statsSeries`. */
export async function closingFigures(
  em: EntityManager,
  scope: Scope,
  from: Date,
  to: Date,
  until: Date,
  fields?: ReadonlySet<string>,
): Promise<ClosingFigures> {
  const period = { start: from, end: new Date(to.getTime() + 1), at: until };
  const windows = { noLoginWindowMs: 0, noFilingWindowMs: 0 };
  const read = new Set(CLOSING_FIELDS.filter((field) => !fields || fields.has(field)));
  const parts = new Set<StatsPart>([...partsFor(read)].filter((part) => part !== 'rates'));
  const f =
    parts.size === 0
      ? emptyFigures()
      : (await groupedFigures(em, scope, windows, null, [period], { kind: 'period' }, from, until, parts)).get('0');
  return {
    medianDaysToClose: f.medianDaysToClose,
    p90DaysToClose: f.p90DaysToClose,
    onTimeByGrade: f.onTimeByGrade,
    repeatHazards: f.repeatHazards,
    selfReportShare: f.selfReportShare,
    checksEnded: f.checksEnded,
    checksDone: f.checksDone,
    checkCompletionRate: f.checkCompletionRate,
  };
}

const CLOSING_FIELDS: readonly (keyof ClosingFigures)[] = [
  'medianDaysToClose',
  'p90DaysToClose',
  'onTimeByGrade',
  'repeatHazards',
  'selfReportShare',
  'checksEnded',
  'checksDone',
  'checkCompletionRate',
];
