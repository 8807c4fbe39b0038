import type { EntityManager } from '@mikro-orm/knex';
import { rate, type Rate } from '../analytics/rates.js';
import { enterpriseScopeSql, type Scope } from '../auth/scope.js';
import { DAY_MS } from '../common/duration.js';
import { dateParam, num, runSql } from '../common/raw-sql.js';
import { CheckTaskStatus, RiskLevel, RISK_LEVELS_DESC } from './risk.enums.js';

/** The check-completion rate covers the tasks whose cycle ended in this many days up to now. */
export const CHECK_RATE_PERIOD_MS = 30 * DAY_MS;

export interface RiskCounts {
  checksMissedCount: number;
  checkCompletionRateDetail: Rate;
  riskPointsMajor: number;
  riskPointsHigh: number;
  riskPointsMedium: number;
  riskPointsLow: number;
  enterprisesMajorRisk: number;
  enterprisesHighRisk: number;
  enterprisesMediumRisk: number;
  enterprisesLowRisk: number;
}

const POINT_KEY = {
  [RiskLevel.MAJOR]: 'riskPointsMajor',
  [RiskLevel.HIGH]: 'riskPointsHigh',
  [RiskLevel.MEDIUM]: 'riskPointsMedium',
  [RiskLevel.LOW]: 'riskPointsLow',
} as const;

const ENTERPRISE_KEY = {
  [RiskLevel.MAJOR]: 'enterprisesMajorRisk',
  [RiskLevel.HIGH]: 'enterprisesHighRisk',
  [RiskLevel.MEDIUM]: 'enterprisesMediumRisk',
  [RiskLevel.LOW]: 'enterprisesLowRisk',
} as const;

/** The integer figures, summed over departments like the others. */
export const RISK_COUNT_KEYS = [
  'checksMissedCount',
  ...Object.values(POINT_KEY),
  ...Object.values(ENTERPRISE_KEY),
] as const;

export function emptyRiskCounts(): RiskCounts {
  return {
    ...(Object.fromEntries(RISK_COUNT_KEYS.map((key) => [key, 0])) as Omit<RiskCounts, 'checkCompletionRateDetail'>),
    checkCompletionRateDetail: rate(0, 0),
  };
}

/** Levels ranked so that an enterprise's highest point is a MAX in SQL. */
const RANK_SQL = `case p.level ${RISK_LEVELS_DESC.map((level, i) => `when '${level}' then ${4 - i}`).join(' ')} end`;

/**
 * The wallboard's dual-prevention figures per department of a scope (R14), in four grouped
 * statements whatever the number of departments: the fourth display, the four-colour distribution of
 * points and of enterprises (each by its highest point), and the share of check cycles ended in the
 * last 30 days whose check was recorded.
 */
export async function riskCountsByDepartment(
  em: EntityManager,
  scope: Scope,
  now: Date,
): Promise<Map<string, RiskCounts>> {
  const where = enterpriseScopeSql(scope, 'e');
  const since = new Date(now.getTime() - CHECK_RATE_PERIOD_MS);
  const [points, enterprises, missed, checks] = await Promise.all([
    runSql(
      em,
      `select e.department_id as department, p.level as level, count(*) as n
       from risk_point p join enterprise e on e.id = p.enterprise_id
       where ${where.sql} group by e.department_id, p.level`,
      where.bindings,
    ),
    runSql(
      em,
      `select department, top, count(*) as n from (
         select e.department_id as department, max(${RANK_SQL}) as top
         from risk_point p join enterprise e on e.id = p.enterprise_id
         where ${where.sql} group by e.department_id, e.id) ranked
       group by department, top`,
      where.bindings,
    ),
    runSql(
      em,
      `select e.department_id as department, count(*) as n from enterprise e
       where ${where.sql} and e.id in (select m.enterprise_id from control_measure m where m.missed_at is not null)
       group by e.department_id`,
      where.bindings,
    ),
    runSql(
      em,
      `select e.department_id as department, sum(case when t.status = '${CheckTaskStatus.DONE}' then 1 else 0 end) as done,
         count(*) as ended
       from check_task t join enterprise e on e.id = t.enterprise_id
       where t.due_at > ? and t.due_at <= ? and t.status in ('${CheckTaskStatus.DONE}', '${CheckTaskStatus.MISSED}')
         and ${where.sql}
       group by e.department_id`,
      [dateParam(em, since), dateParam(em, now), ...where.bindings],
    ),
  ]);
  const result = new Map<string, RiskCounts>();
  const of = (row: Record<string, unknown>) => {
    const department = String(row['department']);
    let counts = result.get(department);
    if (!counts) result.set(department, (counts = emptyRiskCounts()));
    return counts;
  };
  for (const row of points) of(row)[POINT_KEY[row['level'] as RiskLevel]] = num(row['n']);
  for (const row of enterprises) of(row)[ENTERPRISE_KEY[RISK_LEVELS_DESC[4 - num(row['top'])]!]] = num(row['n']);
  for (const row of missed) of(row).checksMissedCount = num(row['n']);
  for (const row of checks) of(row).checkCompletionRateDetail = rate(num(row['done']), num(row['ended']));
  return result;
}
