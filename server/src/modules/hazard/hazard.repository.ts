import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { hazardScopeWhere, type Scope } from '../auth/scope.js';
import { isUuid, requireId } from '../common/ids.js';
import { paginate, type PageArgs } from '../common/pagination.js';
import { Hazard } from './hazard.entity.js';
import type { HazardFilter } from './hazard.inputs.js';
import { notOverdueWhere, overdueWhere } from './overdue.js';

type DateField = 'filedAt' | 'discoveredAt' | 'deadline' | 'closedAt';

function range(field: DateField, from?: Date | null, to?: Date | null): FilterQuery<Hazard> | null {
  if (!from && !to) return null;
  return { [field]: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } } as FilterQuery<Hazard>;
}

export function hazardWhere(scope: Scope, filter: HazardFilter | undefined | null, now: Date): FilterQuery<Hazard> {
  const conditions: Array<FilterQuery<Hazard> | null> = [hazardScopeWhere(scope)];
  if (filter) {
    if (filter.enterpriseId) conditions.push({ enterprise: requireId('enterpriseId', filter.enterpriseId) });
    if (filter.search?.trim()) {
      const like = `%${filter.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conditions.push({
        $or: [
          { title: { $like: like } },
          { location: { $like: like } },
          { description: { $like: like } },
          { enterprise: { name: { $like: like } } },
          { enterprise: { code: { $like: like } } },
        ],
      });
    }
    if (filter.departmentId)
      conditions.push({ enterprise: { department: requireId('departmentId', filter.departmentId) } });
    if (filter.townshipId) conditions.push({ enterprise: { township: requireId('townshipId', filter.townshipId) } });
    if (filter.industry) conditions.push({ enterprise: { industry: filter.industry } });
    if (filter.grade?.length) conditions.push({ grade: { $in: filter.grade } });
    if (filter.status?.length) conditions.push({ status: { $in: filter.status } });
    if (filter.source) conditions.push({ source: filter.source });
    if (filter.overdue === true) conditions.push(overdueWhere(now));
    if (filter.overdue === false) conditions.push(notOverdueWhere(now));
    if (filter.rectifiedOnSpot != null) conditions.push({ rectifiedOnSpot: filter.rectifiedOnSpot });
    if (filter.backfilled != null) conditions.push({ backfilled: filter.backfilled });
    conditions.push(range('filedAt', filter.filedFrom, filter.filedTo));
    conditions.push(range('discoveredAt', filter.discoveredFrom, filter.discoveredTo));
    conditions.push(range('deadline', filter.deadlineFrom, filter.deadlineTo));
    conditions.push(range('closedAt', filter.closedFrom, filter.closedTo));
  }
  return { $and: conditions.filter((c): c is FilterQuery<Hazard> => c !== null) };
}

/** Newest filing first. */
export function listHazards(
  em: EntityManager,
  scope: Scope,
  filter: HazardFilter | undefined | null,
  page: PageArgs,
  now: Date,
) {
  return paginate(em, Hazard, hazardWhere(scope, filter, now), page, {
    field: 'filedAt',
    direction: 'desc',
    type: 'date',
  });
}

export async function findHazardInScope(em: EntityManager, scope: Scope, id: string): Promise<Hazard | null> {
  if (!isUuid(id)) return null;
  return em.findOne(Hazard, { $and: [{ id }, hazardScopeWhere(scope)] });
}
