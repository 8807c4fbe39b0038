import type { FilterQuery } from '@mikro-orm/core';
import { COUNTED_ENTERPRISE } from './standing.js';
import type { EntityManager } from '@mikro-orm/knex';
import type { Scope } from '../auth/scope.js';
import { enterpriseScopeWhere } from '../auth/scope.js';
import { isUuid, requireId } from '../common/ids.js';
import { paginate, type PageArgs } from '../common/pagination.js';
import { Alert } from '../alert/alert.entity.js';
import { Enterprise } from './enterprise.entity.js';
import type { EnterpriseFilter } from './enterprise.inputs.js';

export function enterpriseWhere(
  scope: Scope,
  filter: EnterpriseFilter | undefined,
): { $and: FilterQuery<Enterprise>[] } {
  const conditions: FilterQuery<Enterprise>[] = [enterpriseScopeWhere(scope)];
  if (filter?.departmentId) conditions.push({ department: requireId('departmentId', filter.departmentId) });
  if (filter?.townshipId) conditions.push({ township: requireId('townshipId', filter.townshipId) });
  if (filter?.industry) conditions.push({ industry: filter.industry });
  if (filter?.keyTarget !== undefined && filter.keyTarget !== null) conditions.push({ keyTarget: filter.keyTarget });
  conditions.push(filter?.active === false ? { active: false } : COUNTED_ENTERPRISE);
  if (filter?.registeredFrom) conditions.push({ registeredAt: { $gte: filter.registeredFrom } });
  if (filter?.registeredTo) conditions.push({ registeredAt: { $lte: filter.registeredTo } });
  if (filter?.search?.trim()) {
    const like = `%${filter.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push({ $or: [{ name: { $like: like } }, { code: { $like: like } }, { creditCode: { $like: like } }] });
  }
  return { $and: conditions };
}

/** Enterprises with a display standing now (a current alert), as a subquery of ids. */
function alertedEnterprises(em: EntityManager) {
  return em.createQueryBuilder(Alert, 'a').select('a.enterprise_id').where({ clearedAt: null }).getKnexQuery();
}

export function listEnterprises(em: EntityManager, scope: Scope, filter: EnterpriseFilter | undefined, page: PageArgs) {
  const where = enterpriseWhere(scope, filter);
  // Filtered in the database, so that the page and totalCount are of the filtered set (issue 11).
  if (filter?.hasAlerts === true)
    where.$and.push({ id: { $in: alertedEnterprises(em) } } as unknown as FilterQuery<Enterprise>);
  if (filter?.hasAlerts === false)
    where.$and.push({ id: { $nin: alertedEnterprises(em) } } as unknown as FilterQuery<Enterprise>);
  return paginate(em, Enterprise, where, page, {
    field: 'code',
    direction: 'asc',
    type: 'string',
  });
}

/** One enterprise if it exists and the scope may see it; otherwise null, so that ids outside scope reveal nothing. */
export async function findEnterpriseInScope(em: EntityManager, scope: Scope, id: string): Promise<Enterprise | null> {
  if (!isUuid(id)) return null;
  return em.findOne(Enterprise, { $and: [{ id }, enterpriseScopeWhere(scope)] });
}
