import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps, Viewer } from '../../graphql/context.js';
import { computeStatsBy } from '../analytics/stats-by.js';
import { StatsDimension } from '../analytics/stats-dimension.js';
import { computeStats, type Stats } from '../analytics/stats.service.js';
import { assessment } from '../assessment/assessment.service.js';
import type { AssessmentKind } from '../assessment/assessment.enums.js';
import { countedEnterpriseSql } from '../enterprise/standing.js';
import { HazardGrade } from '../hazard/hazard.enums.js';
import { dateParam, num, runSql } from '../common/raw-sql.js';
import { percent } from './labels.js';
import type { Cell, SheetTable } from './table-xlsx.js';

export const DIMENSION_NAMES: Record<StatsDimension, string> = {
  [StatsDimension.DEPARTMENT]: '科室',
  [StatsDimension.LEADER]: '分管领导',
  [StatsDimension.TOWNSHIP]: '乡镇',
  [StatsDimension.INDUSTRY]: '行业',
  [StatsDimension.GRADE]: '隐患级别',
  [StatsDimension.SOURCE]: '隐患来源',
  [StatsDimension.ENTERPRISE]: '企业',
};

const days = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The columns of `Stats` an analyst's table carries, in the order of the bureau's reports. */
const STATS_COLUMNS: Array<{ header: string; width: number; value: (s: Stats) => Cell }> = [
  { header: '检查次数', width: 9, value: (s) => s.inspections },
  { header: '企业自查', width: 9, value: (s) => s.selfInspections },
  { header: '监管检查', width: 9, value: (s) => s.regulatorInspections },
  { header: '发现隐患', width: 9, value: (s) => s.hazardsFound },
  { header: '现场整改', width: 9, value: (s) => s.rectifiedOnSpot },
  { header: '录入整改', width: 9, value: (s) => s.hazardsEntered },
  { header: '超期', width: 7, value: (s) => s.overdue },
  { header: '闭环', width: 7, value: (s) => s.closed },
  { header: '行政处罚', width: 9, value: (s) => s.penalties },
  { header: '停产整顿', width: 9, value: (s) => s.suspensions },
  { header: '约谈', width: 7, value: (s) => s.summonses },
  { header: '立案', width: 7, value: (s) => s.casesFiled },
  { header: '漏报', width: 7, value: (s) => s.discrepancies },
  { header: '虚假整改', width: 9, value: (s) => s.falseRectifications },
  { header: '重复隐患', width: 9, value: (s) => s.repeatHazards },
  { header: '登录率', width: 8, value: (s) => percent(s.loginRate) },
  { header: '填报率', width: 8, value: (s) => percent(s.filingRate) },
  { header: '按时整改率', width: 10, value: (s) => percent(s.onTimeRate) },
  { header: '整改天数中位数', width: 13, value: (s) => days(s.medianDaysToClose) },
  { header: '整改天数90%分位', width: 14, value: (s) => days(s.p90DaysToClose) },
  { header: '企业自报率', width: 10, value: (s) => percent(s.selfReportShare) },
];

/** `GET /exports/stats.xlsx`: the groups of `statsBy`, then the whole (`stats`), which their counts add up to. */
export async function statsTable(
  em: EntityManager,
  deps: AppDeps,
  viewer: Viewer,
  by: StatsDimension,
  from: Date,
  to: Date,
): Promise<SheetTable> {
  const now = deps.clock.now();
  const [groups, total] = await Promise.all([
    computeStatsBy(em, viewer.scope, deps.env, from, to, by, null, now),
    computeStats(em, viewer.scope, deps.env, from, to, now),
  ]);
  const rows: Cell[][] = groups.map((g) => [g.label, ...STATS_COLUMNS.map((c) => c.value(g.stats))]);
  rows.push(['合计', ...STATS_COLUMNS.map((c) => c.value(total))]);
  return {
    name: `按${DIMENSION_NAMES[by]}统计`,
    columns: [{ header: DIMENSION_NAMES[by], width: 28 }, ...STATS_COLUMNS],
    rows,
    bold: new Set([rows.length - 1]),
  };
}

/** `GET /exports/assessment.xlsx`: the ranking (items' points as columns) and every item with its sentence. */
export async function assessmentTables(
  em: EntityManager,
  deps: AppDeps,
  viewer: Viewer,
  kind: AssessmentKind,
  from: Date,
  to: Date,
): Promise<SheetTable[]> {
  const scores = await assessment(em, deps, viewer, kind, from, to);
  const items = scores[0]?.items ?? [];
  const ranking: SheetTable = {
    name: '考核排名',
    columns: [
      { header: '名次', width: 6 },
      { header: '考核对象', width: 32 },
      { header: '得分', width: 8 },
      ...items.map((i) => ({ header: `${i.label}（${i.maxPoints}分）`, width: 14 })),
    ],
    rows: scores.map((s) => [s.rank, s.subjectName, s.score, ...s.items.map((i) => i.points)]),
  };
  const detail: SheetTable = {
    name: '扣分说明',
    columns: [
      { header: '名次', width: 6 },
      { header: '考核对象', width: 32 },
      { header: '考核项目', width: 20 },
      { header: '数值', width: 10 },
      { header: '得分', width: 8 },
      { header: '满分', width: 8 },
      { header: '扣分说明', width: 70 },
    ],
    rows: scores.flatMap((s) =>
      s.items.map((i) => [s.rank, s.subjectName, i.label, i.value, i.points, i.maxPoints, i.explanation ?? '']),
    ),
  };
  return [ranking, detail];
}

export interface Quarter {
  year: number;
  quarter: number;
  label: string;
  from: Date;
  to: Date;
}

/**
 * The quarterly statistics table: per department, then 合计; the columns of the bureau's 季度统计表.
 * 本季销号 counts the hazards closed in the quarter whenever they were found, so it may exceed 发现隐患.
 */
export const QUARTERLY_HEADERS = [
  '科室',
  '监管企业',
  '检查次数',
  '发现隐患',
  '重大隐患',
  '二级隐患',
  '三级隐患',
  '本季销号',
  '重大隐患本季销号',
  '超期未整改',
  '行政处罚',
] as const;

export async function quarterlyRows(
  em: EntityManager,
  deps: AppDeps,
  viewer: Viewer,
  q: Quarter,
): Promise<{ rows: Cell[][]; total: Cell[] }> {
  const now = deps.clock.now();
  const by = (grade?: HazardGrade) =>
    computeStatsBy(em, viewer.scope, deps.env, q.from, q.to, StatsDimension.DEPARTMENT, grade ? { grade } : null, now);
  const where = countedEnterpriseSql(viewer.scope, 'e');
  const [all, major, second, third, total, enterprises] = await Promise.all([
    by(),
    by(HazardGrade.MAJOR),
    by(HazardGrade.SECOND),
    by(HazardGrade.THIRD),
    computeStats(em, viewer.scope, deps.env, q.from, q.to, now),
    runSql<{ k: string; n: unknown }>(
      em,
      `select e.department_id as k, count(*) as n from enterprise e where ${where.sql} and e.registered_at <= ? group by e.department_id`,
      [...where.bindings, dateParam(em, q.to)],
    ),
  ]);
  const count = new Map(enterprises.map((r) => [String(r.k), num(r.n)]));
  const of = (list: typeof all, key: string) => list.find((g) => g.key === key)?.stats;
  const sumOf = (list: typeof all, pick: (s: Stats) => number) => list.reduce((n, g) => n + pick(g.stats), 0);
  const rows: Cell[][] = all.map((g) => [
    g.label,
    count.get(g.key) ?? 0,
    g.stats.inspections,
    g.stats.hazardsFound,
    of(major, g.key)?.hazardsFound ?? 0,
    of(second, g.key)?.hazardsFound ?? 0,
    of(third, g.key)?.hazardsFound ?? 0,
    g.stats.closed,
    of(major, g.key)?.closed ?? 0,
    g.stats.overdue,
    g.stats.penalties,
  ]);
  return {
    rows,
    total: [
      '合计',
      [...count.values()].reduce((a, b) => a + b, 0),
      total.inspections,
      total.hazardsFound,
      sumOf(major, (s) => s.hazardsFound),
      sumOf(second, (s) => s.hazardsFound),
      sumOf(third, (s) => s.hazardsFound),
      total.closed,
      sumOf(major, (s) => s.closed),
      total.overdue,
      total.penalties,
    ],
  };
}
