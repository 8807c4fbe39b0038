import type { EntityManager } from '@mikro-orm/knex';
import { dateParam, num, runSql } from '../common/raw-sql.js';
import { InspectionFinding } from '../inspection/inspection.entity.js';
import { CheckTaskStatus } from '../risk/risk.enums.js';
import type { MessageKey } from '../../messages/render.js';
import type { BulletinSentence } from './bulletin-text.js';
import { bureauDay } from './reminder-text.js';

/** An enterprise whose filings did not match what inspectors found on site (比对; the bulletin criteria, R11 in docs/rules.md). */
export interface Discrepancy {
  enterpriseId: string;
  parts: BulletinSentence[];
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
    const part = (flag: 'discrepancy' | 'falseRectification', key: MessageKey): BulletinSentence | null => {
      const mine = list.filter((f) => f[flag]);
      if (mine.length === 0) return null;
      return {
        key,
        params: { n: mine.length },
        items: mine.slice(0, QUOTED).map((f) => ({
          key: 'bulletin.foundItem',
          params: { title: f.hazard.getEntity().title, day: bureauDay(f.inspection.getEntity().inspectedAt, timeZone) },
        })),
        more: mine.length > QUOTED,
      };
    };
    const parts = [part('discrepancy', 'bulletin.unfiled'), part('falseRectification', 'bulletin.notRectified')].filter(
      (p): p is BulletinSentence => p !== null,
    );
    return { enterpriseId, parts };
  });
}

/** An enterprise whose check tasks (R14) ended unrecorded in a period. */
export interface ChecksMissed {
  enterpriseId: string;
  count: number;
  parts: BulletinSentence[];
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
    return {
      enterpriseId,
      count,
      parts: [
        {
          key: 'bulletin.checksMissed' as const,
          params: { n: count },
          items: measures
            .slice(0, QUOTED)
            .map((m) => ({ key: 'bulletin.missedItem' as const, params: { description: m.description, n: m.n } })),
          more: measures.length > QUOTED,
        },
      ],
    };
  });
}
