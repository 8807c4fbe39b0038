import type { EntityManager } from '@mikro-orm/knex';
import { dateParam, num, runSql } from '../common/raw-sql.js';
import { InspectionFinding } from '../inspection/inspection.entity.js';
import { CheckTaskStatus } from '../risk/risk.enums.js';
import { bureauDay } from './reminder-text.js';

/** An enterprise whose filings did not match what inspectors found on site (比对, mission.md §5). */
export interface Discrepancy {
  enterpriseId: string;
  detail: string;
}

/** How many findings a reason quotes by title before "等 n 处". */
const QUOTED = 3;

/**
 * Discrepancies found on site in [from, to) by the bureau's inspections (modules/inspection): a
 * hazard the enterprise had not filed, or one it reported rectified that was not. One entry per
 * enterprise, its reason quoting the findings with their dates.
 */
export async function discrepanciesFoundOnSite(
  em: EntityManager,
  from: Date,
  to: Date,
  timeZone: string,
): Promise<Discrepancy[]> {
  const findings = await em.find(
    InspectionFinding,
    {
      $or: [{ discrepancy: true }, { falseRectification: true }],
      inspection: { inspectedAt: { $gte: from, $lt: to } },
    },
    { populate: ['inspection', 'hazard'], orderBy: { inspection: { inspectedAt: 'asc' }, position: 'asc' } },
  );
  const byEnterprise = new Map<string, InspectionFinding[]>();
  for (const f of findings) byEnterprise.set(f.enterprise.id, [...(byEnterprise.get(f.enterprise.id) ?? []), f]);
  return [...byEnterprise].map(([enterpriseId, list]) => {
    const part = (flag: 'discrepancy' | 'falseRectification', label: string) => {
      const mine = list.filter((f) => f[flag]);
      if (mine.length === 0) return null;
      const quoted = mine
        .slice(0, QUOTED)
        .map(
          (f) => `「${f.hazard.getEntity().title}」（${bureauDay(f.inspection.getEntity().inspectedAt, timeZone)}）`,
        );
      return `${label} ${mine.length} 处：${quoted.join('、')}${mine.length > QUOTED ? ' 等' : ''}`;
    };
    const detail = [
      part('discrepancy', '现场检查发现企业未上报的隐患'),
      part('falseRectification', '现场检查发现报称已整改但未整改到位'),
    ]
      .filter(Boolean)
      .join('；');
    return { enterpriseId, detail };
  });
}

/** An enterprise whose check tasks (R14) ended unrecorded in a period. */
export interface ChecksMissed {
  enterpriseId: string;
  count: number;
  detail: string;
}

/**
 * Check tasks whose cycle ended unrecorded (MISSED) in [from, to), per enterprise: how many, and the
 * measures most often missed quoted with their count. One grouped statement over the tasks' due index.
 */
export async function checksMissedDuring(em: EntityManager, from: Date, to: Date): Promise<ChecksMissed[]> {
  const rows = await runSql(
    em,
    `select t.enterprise_id as enterprise, m.description as description, count(*) as n
     from check_task t join control_measure m on m.id = t.measure_id
     where t.status = '${CheckTaskStatus.MISSED}' and t.due_at >= ? and t.due_at < ?
     group by t.enterprise_id, m.id, m.description`,
    [dateParam(em, from), dateParam(em, to)],
  );
  const byEnterprise = new Map<string, Array<{ description: string; n: number }>>();
  for (const r of rows) {
    const id = String(r['enterprise']);
    byEnterprise.set(id, [...(byEnterprise.get(id) ?? []), { description: String(r['description']), n: num(r['n']) }]);
  }
  return [...byEnterprise].map(([enterpriseId, measures]) => {
    measures.sort((a, b) => b.n - a.n || a.description.localeCompare(b.description));
    const count = measures.reduce((sum, m) => sum + m.n, 0);
    const quoted = measures.slice(0, QUOTED).map((m) => `「${m.description}」${m.n} 次`);
    return {
      enterpriseId,
      count,
      detail: `${count} 次排查任务逾期未完成：${quoted.join('、')}${measures.length > QUOTED ? ' 等' : ''}`,
    };
  });
}
