import type { EntityManager } from '@mikro-orm/knex';
import { InspectionFinding } from '../inspection/inspection.entity.js';
import { bureauDay } from './reminder-text.js';

/** An enterprise whose filings did not match what inspectors found on site (比对; the bulletin criteria, R11 in docs/rules.md). */
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
