import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import { filingRate, loginRate, onTimeRate, type Rate } from '../analytics/rates.js';
import { enterpriseScopeWhere, hazardScopeWhere, type Scope } from '../auth/scope.js';
import { QUIET_FIELD, quietWhere } from '../alert/alert.rules.js';
import { AlertKind } from '../alert/alert-kind.js';
import { DAY_MS } from '../common/duration.js';
import { Department } from '../department/department.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardGrade, HazardStatus } from '../hazard/hazard.enums.js';
import { overdueWhere } from '../hazard/overdue.js';
import { RISK_COUNT_KEYS, riskCounts } from '../risk/risk-wallboard.js';
import type { DepartmentSummary, Wallboard, WallboardCounts } from './wallboard.type.js';

/** The on-time rate on a wallboard covers hazards due in this many days up to now. */
export const ON_TIME_PERIOD_MS = 30 * DAY_MS;

type Windows = Pick<Env, 'noLoginWindowMs' | 'noFilingWindowMs'>;
type Counts = Omit<WallboardCounts, never>;

function ratePart(rate: Rate): { rate: number; detail: Rate } {
  return { rate: rate.value, detail: rate };
}

async function countsFor(em: EntityManager, scope: Scope, env: Windows, now: Date): Promise<Counts> {
  const enterprises = enterpriseScopeWhere(scope);
  const hazards = hazardScopeWhere(scope);
  const open = (grade: HazardGrade) =>
    em.count(Hazard, { $and: [hazards, { status: { $ne: HazardStatus.CLOSED }, grade }] });
  const quiet = (kind: AlertKind.NO_LOGIN | AlertKind.NO_FILING, windowMs: number) =>
    em.count(Enterprise, { $and: [enterprises, quietWhere(QUIET_FIELD[kind], windowMs, now)] });
  const [
    enterpriseCount,
    login,
    filing,
    onTime,
    openMajor,
    openSecond,
    openThird,
    overdueHazards,
    noLoginCount,
    noFilingCount,
    keyTargetCount,
    risk,
  ] = await Promise.all([
    em.count(Enterprise, enterprises),
    loginRate(em, scope, now, env.noLoginWindowMs),
    filingRate(em, scope, now, env.noFilingWindowMs),
    onTimeRate(em, scope, new Date(now.getTime() - ON_TIME_PERIOD_MS), now, now),
    open(HazardGrade.MAJOR),
    open(HazardGrade.SECOND),
    open(HazardGrade.THIRD),
    em.count(Hazard, { $and: [hazards, overdueWhere(now)] }),
    quiet(AlertKind.NO_LOGIN, env.noLoginWindowMs),
    quiet(AlertKind.NO_FILING, env.noFilingWindowMs),
    em.count(Enterprise, { $and: [enterprises, { keyTarget: true }] }),
    riskCounts(em, scope, now),
  ]);
  const l = ratePart(login);
  const f = ratePart(filing);
  const o = ratePart(onTime);
  return {
    enterpriseCount,
    loginRate: l.rate,
    loginRateDetail: l.detail,
    filingRate: f.rate,
    filingRateDetail: f.detail,
    onTimeRate: o.rate,
    onTimeRateDetail: o.detail,
    openHazards: openMajor + openSecond + openThird,
    overdueHazards,
    openMajor,
    openSecond,
    openThird,
    noLoginCount,
    noFilingCount,
    keyTargetCount,
    ...risk,
    checkCompletionRate: risk.checkCompletionRateDetail.value,
  };
}

function sumRates(rates: Rate[]): Rate {
  const numerator = rates.reduce((n, r) => n + r.numerator, 0);
  const denominator = rates.reduce((n, r) => n + r.denominator, 0);
  return { numerator, denominator, value: denominator === 0 ? 1 : numerator / denominator };
}

function total(rows: Counts[]): Counts {
  const sum = (key: keyof Counts) => rows.reduce((n, r) => n + (r[key] as number), 0);
  const login = sumRates(rows.map((r) => r.loginRateDetail));
  const filing = sumRates(rows.map((r) => r.filingRateDetail));
  const onTime = sumRates(rows.map((r) => r.onTimeRateDetail));
  const checks = sumRates(rows.map((r) => r.checkCompletionRateDetail));
  const riskSums = Object.fromEntries(RISK_COUNT_KEYS.map((key) => [key, sum(key)])) as Record<
    (typeof RISK_COUNT_KEYS)[number],
    number
  >;
  return {
    enterpriseCount: sum('enterpriseCount'),
    loginRate: login.value,
    loginRateDetail: login,
    filingRate: filing.value,
    filingRateDetail: filing,
    onTimeRate: onTime.value,
    onTimeRateDetail: onTime,
    openHazards: sum('openHazards'),
    overdueHazards: sum('overdueHazards'),
    openMajor: sum('openMajor'),
    openSecond: sum('openSecond'),
    openThird: sum('openThird'),
    noLoginCount: sum('noLoginCount'),
    noFilingCount: sum('noFilingCount'),
    keyTargetCount: sum('keyTargetCount'),
    ...riskSums,
    checkCompletionRate: checks.value,
    checkCompletionRateDetail: checks,
  };
}

/** The departments a scope reaches, each with the part of the scope inside it. */
async function departmentsOf(
  em: EntityManager,
  scope: Scope,
): Promise<Array<{ department: Department; scope: Scope }>> {
  if (scope.kind === 'enterprise') {
    const enterprise = await em.findOne(Enterprise, { id: scope.enterpriseId }, { populate: ['department'] });
    return enterprise ? [{ department: enterprise.department.getEntity(), scope }] : [];
  }
  const where = scope.kind === 'all' ? {} : { id: { $in: [...scope.departmentIds] } };
  const departments = await em.find(Department, where, { orderBy: { number: 'asc' } });
  return departments.map((department) => ({
    department,
    scope: { kind: 'departments', departmentIds: [department.id] },
  }));
}

/**
 * The wallboard of a scope (R6, R10), in SQL aggregates: counted per department (a scope is a
 * union of departments, or one enterprise) and summed, so the 一级抓一级 table and the headline
 * figures always agree.
 */
export async function computeWallboard(em: EntityManager, scope: Scope, env: Windows, now: Date): Promise<Wallboard> {
  const parts = await departmentsOf(em, scope);
  const rows = await Promise.all(parts.map((part) => countsFor(em, part.scope, env, now)));
  const byDepartment: DepartmentSummary[] = parts.map(({ department }, i) => ({
    ...rows[i]!,
    departmentId: department.id,
    leaderId: department.leader?.id ?? null,
    chiefId: department.chief?.id ?? null,
  }));
  return { asOf: now, ...total(rows), byDepartment };
}
