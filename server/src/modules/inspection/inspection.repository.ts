import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { ownedByEnterpriseWhere, type Scope } from '../auth/scope.js';
import { requireId } from '../common/ids.js';
import { Inspection, InspectionFinding } from './inspection.entity.js';
import { InspectionKind } from './inspection.enums.js';
import type { InspectionFilter } from './inspection.inputs.js';

export function inspectionWhere(scope: Scope, filter: InspectionFilter | null | undefined): FilterQuery<Inspection> {
  const conditions: FilterQuery<Inspection>[] = [ownedByEnterpriseWhere<Inspection>(scope)];
  if (filter?.enterpriseId) conditions.push({ enterprise: requireId('enterpriseId', filter.enterpriseId) });
  if (filter?.kind) conditions.push({ kind: filter.kind });
  if (filter?.from) conditions.push({ inspectedAt: { $gte: filter.from } });
  if (filter?.to) conditions.push({ inspectedAt: { $lte: filter.to } });
  return { $and: conditions };
}

export interface CrossCheckCounts {
  regulatorInspections: number;
  discrepancies: number;
  falseRectifications: number;
}

/** Cross-check (比对) figures over the inspections that took place in [from, to], within scope; SQL counts only. */
export async function crossCheckCounts(
  em: EntityManager,
  scope: Scope,
  from: Date,
  to: Date,
  enterpriseId?: string,
): Promise<CrossCheckCounts> {
  const inspections = inspectionWhere(scope, { from, to, kind: InspectionKind.REGULATOR_INSPECTION, enterpriseId });
  const findings = (flag: 'discrepancy' | 'falseRectification'): FilterQuery<InspectionFinding> =>
    ({ [flag]: true, inspection: inspections }) as FilterQuery<InspectionFinding>;
  const [regulatorInspections, discrepancies, falseRectifications] = await Promise.all([
    em.count(Inspection, inspections),
    em.count(InspectionFinding, findings('discrepancy')),
    em.count(InspectionFinding, findings('falseRectification')),
  ]);
  return { regulatorInspections, discrepancies, falseRectifications };
}
