import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { ownedByEnterpriseWhere, type Scope } from '../auth/scope.js';
import { isUuid } from '../common/ids.js';
import { ControlMeasure } from './control-measure.entity.js';
import { highestLevel } from './risk-bands.js';
import { RiskPoint } from './risk-point.entity.js';
import type { RiskLevel } from './risk.enums.js';

/** Each enterprise's risk level: the highest level among its points (R14); absent when it has none. */
export async function enterpriseRiskLevels(
  em: EntityManager,
  enterpriseIds: readonly string[],
): Promise<Map<string, RiskLevel>> {
  const rows = (await em
    .createQueryBuilder(RiskPoint, 'p')
    .select(['p.enterprise_id as enterprise', 'p.level as level'])
    .where({ enterprise: { $in: [...enterpriseIds] } })
    .groupBy(['p.enterprise_id', 'p.level'])
    .execute('all', false)) as unknown as Array<{ enterprise: string; level: RiskLevel }>;
  const levels = new Map<string, RiskLevel[]>();
  for (const row of rows) levels.set(row.enterprise, [...(levels.get(row.enterprise) ?? []), row.level]);
  const result = new Map<string, RiskLevel>();
  for (const [id, list] of levels) result.set(id, highestLevel(list)!);
  return result;
}

export async function enterpriseRiskLevel(em: EntityManager, enterpriseId: string): Promise<RiskLevel | null> {
  return (await enterpriseRiskLevels(em, [enterpriseId])).get(enterpriseId) ?? null;
}

/** A risk point the viewer may see (R6), or null. */
export function findRiskPointInScope(em: EntityManager, scope: Scope, id: string): Promise<RiskPoint | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return em.findOne(RiskPoint, {
    $and: [{ id: id.toLowerCase() }, ownedByEnterpriseWhere<RiskPoint>(scope)],
  } as FilterQuery<RiskPoint>);
}

export function findMeasureInScope(em: EntityManager, scope: Scope, id: string): Promise<ControlMeasure | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return em.findOne(ControlMeasure, {
    $and: [{ id: id.toLowerCase() }, ownedByEnterpriseWhere<ControlMeasure>(scope)],
  } as FilterQuery<ControlMeasure>);
}
