import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { checksMissedWhere } from '../alert/alert.rules.js';
import type { Rate } from '../analytics/rates.js';
import { enterpriseScopeWhere, ownedByEnterpriseWhere, type Scope } from '../auth/scope.js';
import { DAY_MS } from '../common/duration.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { CheckTask } from './check-task.entity.js';
import { RiskPoint } from './risk-point.entity.js';
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

export const RISK_COUNT_KEYS = [
  'checksMissedCount',
  ...Object.values(POINT_KEY),
  ...Object.values(ENTERPRISE_KEY),
] as const;

/**
 * The wallboard's dual-prevention figures for a scope (R14), in aggregates: the fourth display, the
 * four-colour distribution of points and of enterprises (each by its highest point), and the share of
 * check cycles ended in the last 30 days that had their check recorded.
 */
export async function riskCounts(em: EntityManager, scope: Scope, now: Date): Promise<RiskCounts> {
  const points = ownedByEnterpriseWhere<RiskPoint>(scope);
  const tasks = ownedByEnterpriseWhere<CheckTask>(scope);
  const since = new Date(now.getTime() - CHECK_RATE_PERIOD_MS);
  const ended = (status?: CheckTaskStatus) =>
    em.count(CheckTask, {
      $and: [
        tasks,
        { dueAt: { $gt: since, $lte: now } },
        status ? { status } : { status: { $in: [CheckTaskStatus.DONE, CheckTaskStatus.MISSED] } },
      ],
    } as FilterQuery<CheckTask>);
  // Enterprises with a point at this level or stricter; the differences give each colour.
  const atLeast = (index: number) =>
    em
      .createQueryBuilder(RiskPoint, 'p')
      .select('p.enterprise_id', true)
      .where({ $and: [points, { level: { $in: RISK_LEVELS_DESC.slice(0, index + 1) } }] } as never)
      .getCount('p.enterprise_id', true);
  const [missed, done, total, ...counts] = await Promise.all([
    em.count(Enterprise, { $and: [enterpriseScopeWhere(scope), checksMissedWhere(em)] }),
    ended(CheckTaskStatus.DONE),
    ended(),
    ...RISK_LEVELS_DESC.map((level) => em.count(RiskPoint, { $and: [points, { level }] } as FilterQuery<RiskPoint>)),
    ...RISK_LEVELS_DESC.map((_, i) => atLeast(i)),
  ]);
  const result: RiskCounts = {
    checksMissedCount: missed,
    checkCompletionRateDetail: { numerator: done, denominator: total, value: total === 0 ? 1 : done / total },
  } as RiskCounts;
  RISK_LEVELS_DESC.forEach((level, i) => {
    result[POINT_KEY[level]] = counts[i]!;
    result[ENTERPRISE_KEY[level]] = counts[4 + i]! - (i === 0 ? 0 : counts[4 + i - 1]!);
  });
  return result;
}
