import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import { rate, ratesNowByDepartment, type DepartmentRates, type Rate } from '../analytics/rates.js';
import type { Scope } from '../auth/scope.js';
import { countedEnterpriseSql } from '../enterprise/standing.js';
import { DAY_MS } from '../common/duration.js';
import { boolSql, dateParam, num, runSql } from '../common/raw-sql.js';
import { Department } from '../department/department.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { HazardGrade } from '../hazard/hazard.enums.js';
import { openSql } from '../hazard/open.js';
import { overdueSql } from '../hazard/overdue.js';
import { emptyRiskCounts, RISK_COUNT_KEYS, riskCountsByDepartment, type RiskCounts } from '../risk/risk-wallboard.js';
import type { DepartmentSummary, Wallboard, WallboardCounts } from './wallboard.type.js';

/** The on-time rate on a wallboard covers hazards due in this many days up to now. */
export const ON_TIME_PERIOD_MS = 30 * DAY_MS;

type Windows = Pick<Env, 'noLoginWindowMs' | 'noFilingWindowMs'>;
type Counts = Omit<WallboardCounts, never>;

interface OpenCounts {
  major: number;
  second: number;
  third: number;
  overdue: number;
}

/**
 * Open hazards by grade and the overdue ones, per department of the scope, in one grouped statement
 * that reads only open hazards (the partial index on them, issue 16).
 */
async function openByDepartment(em: EntityManager, scope: Scope, now: Date): Promise<Map<string, OpenCounts>> {
  const where = countedEnterpriseSql(scope, 'e');
  const grade = (g: HazardGrade) => `sum(case when h.grade = '${g}' then 1 else 0 end)`;
  const rows = await runSql(
    em,
    `select e.department_id as department, ${grade(HazardGrade.MAJOR)} as major, ${grade(HazardGrade.SECOND)} as second,
       ${grade(HazardGrade.THIRD)} as third, sum(case when ${overdueSql('h', '?', boolSql(em, true))} then 1 else 0 end) as overdue
     from hazard h join enterprise e on e.id = h.enterprise_id
     where ${openSql('h')} and ${where.sql} group by e.department_id`,
    [dateParam(em, now), ...where.bindings],
  );
  return new Map(
    rows.map((r) => [
      String(r['department']),
      { major: num(r['major']), second: num(r['second']), third: num(r['third']), overdue: num(r['overdue']) },
    ]),
  );
}

function countsOf(
  rates: DepartmentRates | undefined,
  open: OpenCounts | undefined,
  risk: RiskCounts | undefined,
): Counts {
  const r = risk ?? emptyRiskCounts();
  const login = rates?.login ?? rate(0, 0);
  const filing = rates?.filing ?? rate(0, 0);
  const onTime = rates?.onTime ?? rate(0, 0);
  const o = open ?? { major: 0, second: 0, third: 0, overdue: 0 };
  return {
    enterpriseCount: rates?.enterprises ?? 0,
    loginRate: login.value,
    loginRateDetail: login,
    filingRate: filing.value,
    filingRateDetail: filing,
    onTimeRate: onTime.value,
    onTimeRateDetail: onTime,
    openHazards: o.major + o.second + o.third,
    overdueHazards: o.overdue,
    openMajor: o.major,
    openSecond: o.second,
    openThird: o.third,
    noLoginCount: rates?.noLogin ?? 0,
    noFilingCount: rates?.noFiling ?? 0,
    keyTargetCount: rates?.keyTargets ?? 0,
    ...r,
    checkCompletionRate: r.checkCompletionRateDetail.value,
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

/** The wallboard's fields that come from the dual-prevention statements (R14). */
export const RISK_FIELDS: readonly string[] = [...RISK_COUNT_KEYS, 'checkCompletionRate', 'checkCompletionRateDetail'];

/**
 * The wallboard of a scope (R6, R10), in SQL aggregates: counted per department (a scope is a
 * union of departments, or one enterprise) and summed, so the 一级抓一级 table and the headline
 * figures always agree. A handful of grouped statements whatever the number of departments
 * (issue 16: never a count per department).
 */
export async function computeWallboard(
  em: EntityManager,
  scope: Scope,
  env: Windows,
  now: Date,
  options: { risk?: boolean } = {},
): Promise<Wallboard> {
  const [parts, rates, open, risk] = await Promise.all([
    departmentsOf(em, scope),
    ratesNowByDepartment(em, scope, now, {
      noLoginWindowMs: env.noLoginWindowMs,
      noFilingWindowMs: env.noFilingWindowMs,
      onTimeFrom: new Date(now.getTime() - ON_TIME_PERIOD_MS),
    }),
    openByDepartment(em, scope, now),
    // The dual-prevention figures are four statements of their own: skipped when the query reads none of them.
    options.risk === false ? Promise.resolve(new Map<string, RiskCounts>()) : riskCountsByDepartment(em, scope, now),
  ]);
  const rows = parts.map(({ department }) =>
    countsOf(rates.get(department.id), open.get(department.id), risk.get(department.id)),
  );
  const byDepartment: DepartmentSummary[] = parts.map(({ department }, i) => ({
    ...rows[i]!,
    departmentId: department.id,
    leaderId: department.leader?.id ?? null,
    chiefId: department.chief?.id ?? null,
  }));
  return { asOf: now, ...total(rows), byDepartment };
}
