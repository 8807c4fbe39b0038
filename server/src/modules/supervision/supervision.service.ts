import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import type { Scope } from '../auth/scope.js';
import { addDays, bureauDate, bureauDayStart } from '../common/bureau-time.js';
import { DAY_MS } from '../common/duration.js';
import { boolSql, dateParam, num, runSql } from '../common/raw-sql.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { countedEnterpriseWhere } from '../enterprise/standing.js';
import { EnforcementKind } from '../enforcement/enforcement.entity.js';
import { HazardStatus } from '../hazard/hazard.enums.js';
import { InspectionKind } from '../inspection/inspection.enums.js';
import type { RiskLevel } from '../risk/risk.enums.js';
import { enterpriseRiskLevels } from '../risk/risk.repository.js';
import { classify, type SupervisionClass, type SupervisionFacts } from './supervision.rules.js';

/** "In the last 12 months", as the record that decides a class counts it. */
export const RECORD_PERIOD_MS = 365 * DAY_MS;

export interface Standing {
  supervisionClass: SupervisionClass;
  reasons: string[];
}

/** Enterprise ids bound per statement: far below SQLite's limit on bound values. */
const IDS_PER_STATEMENT = 500;

/** Counts per enterprise, one grouped statement per 500 of the given enterprises. */
async function countBy(em: EntityManager, ids: readonly string[], sql: string, params: unknown[]) {
  const counts = new Map<string, number>();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const part = ids.slice(i, i + IDS_PER_STATEMENT);
    const rows = await runSql(
      em,
      `${sql} and x.enterprise_id in (${part.map(() => '?').join(', ')}) group by x.enterprise_id`,
      [...params, ...part],
    );
    for (const r of rows) counts.set(String(r['enterprise']), num(r['n']));
  }
  return counts;
}

async function riskLevels(em: EntityManager, ids: readonly string[]) {
  const levels = new Map<string, RiskLevel>();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT)
    for (const [id, level] of await enterpriseRiskLevels(em, ids.slice(i, i + IDS_PER_STATEMENT)))
      levels.set(id, level);
  return levels;
}

/** The facts R15 decides from, for some enterprises, in a fixed number of grouped statements. */
export async function supervisionFacts(
  em: EntityManager,
  enterprises: readonly Enterprise[],
  now: Date,
): Promise<Map<string, SupervisionFacts>> {
  const ids = enterprises.map((e) => e.id);
  const from = dateParam(em, new Date(now.getTime() - RECORD_PERIOD_MS));
  const until = dateParam(em, now);
  const finding = (flag: 'discrepancy' | 'false_rectification') =>
    countBy(
      em,
      ids,
      `select x.enterprise_id as enterprise, count(*) as n from inspection_finding x join inspection i on i.id = x.inspection_id
       where x.${flag} = ${boolSql(em, true)} and i.inspected_at > ? and i.inspected_at <= ?`,
      [from, until],
    );
  const enforcement = (kind: EnforcementKind) =>
    countBy(
      em,
      ids,
      `select x.enterprise_id as enterprise, count(*) as n from enforcement_action x
       where x.kind = '${kind}' and x.recorded_at > ? and x.recorded_at <= ?`,
      [from, until],
    );
  const [levels, overdue, discrepancy, falseRectification, penalty, suspension] = await Promise.all([
    riskLevels(em, ids),
    // Deadlines in the period that were missed: still rectifying past it, or reported late (R4).
    countBy(
      em,
      ids,
      `select x.enterprise_id as enterprise, count(*) as n from hazard x
       where x.deadline > ? and x.deadline <= ?
         and (x.status = '${HazardStatus.RECTIFYING}' or x.submitted_late = ${boolSql(em, true)})`,
      [from, until],
    ),
    finding('discrepancy'),
    finding('false_rectification'),
    enforcement(EnforcementKind.PENALTY),
    enforcement(EnforcementKind.SUSPENSION),
  ]);
  return new Map(
    enterprises.map((e) => [
      e.id,
      {
        riskLevel: levels.get(e.id) ?? null,
        overdue: overdue.get(e.id) ?? 0,
        discrepancy: discrepancy.get(e.id) ?? 0,
        falseRectification: falseRectification.get(e.id) ?? 0,
        penalty: penalty.get(e.id) ?? 0,
        suspension: suspension.get(e.id) ?? 0,
        keyTarget: e.keyTarget,
      },
    ]),
  );
}

export async function supervisionStandings(
  em: EntityManager,
  env: Pick<Env, 'supervision'>,
  enterprises: readonly Enterprise[],
  now: Date,
): Promise<Map<string, Standing>> {
  const facts = await supervisionFacts(em, enterprises, now);
  const result = new Map<string, Standing>();
  for (const [id, f] of facts) {
    const { supervisionClass, reasons } = classify(f, env.supervision.rules);
    result.set(id, { supervisionClass, reasons });
  }
  return result;
}

export interface PlannedInspectionRow {
  enterprise: Enterprise;
  supervisionClass: SupervisionClass;
  reasons: string[];
  recommended: number;
  done: number;
  nextDue: string | null;
  overCap: boolean;
}

/**
 * R15, the bureau's inspection plan for a year (bureau time): per enterprise in scope, its class, the
 * visits recommended for it (capped by INSPECTION_CAP, `overCap` saying the class asked for more), the
 * on-site inspections recorded that year, and when the next visit falls due, spread evenly over the
 * year from 1 January or from the enterprise's registration, whichever is later (a past date is a
 * visit behind schedule; null when the year's visits are done).
 */
export async function inspectionPlan(
  em: EntityManager,
  env: Pick<Env, 'supervision' | 'bureauTz'>,
  scope: Scope,
  year: number,
  now: Date,
): Promise<PlannedInspectionRow[]> {
  const enterprises = await em.find(Enterprise, countedEnterpriseWhere(scope), { orderBy: { code: 'asc' } });
  const standings = await supervisionStandings(em, env, enterprises, now);
  const start = bureauDayStart(`${year}-01-01`, env.bureauTz);
  const end = bureauDayStart(`${year + 1}-01-01`, env.bureauTz);
  const done = await countBy(
    em,
    enterprises.map((e) => e.id),
    `select x.enterprise_id as enterprise, count(*) as n from inspection x
     where x.kind = '${InspectionKind.REGULATOR_INSPECTION}' and x.inspected_at >= ? and x.inspected_at < ?`,
    [dateParam(em, start), dateParam(em, end)],
  );
  const cap = env.supervision.inspectionCap;
  return enterprises.map((enterprise) => {
    const standing = standings.get(enterprise.id)!;
    const asked = env.supervision.inspectionsPerYear[standing.supervisionClass];
    const recommended = cap === null ? asked : Math.min(asked, cap);
    const visits = done.get(enterprise.id) ?? 0;
    // An enterprise registered during the year has its visits spread from that day, not from 1 January.
    const registered = bureauDayStart(bureauDate(enterprise.registeredAt, env.bureauTz), env.bureauTz);
    const from = registered > start && registered < end ? registered : start;
    const days = Math.round((end.getTime() - from.getTime()) / DAY_MS);
    const nextDue =
      visits >= recommended || recommended === 0
        ? null
        : addDays(bureauDate(from, env.bureauTz), Math.floor((visits * days) / recommended));
    return {
      enterprise,
      supervisionClass: standing.supervisionClass,
      reasons: standing.reasons,
      recommended,
      done: visits,
      nextDue,
      overCap: cap !== null && asked > cap,
    };
  });
}
