import type { FilterQuery } from '@mikro-orm/core';
import { COUNTED_ENTERPRISE } from './standing.js';
import type { EntityManager } from '@mikro-orm/knex';
import type { Scope } from '../auth/scope.js';
import { enterpriseScopeWhere } from '../auth/scope.js';
import { isUuid, requireId } from '../common/ids.js';
import { paginate, type PageArgs } from '../common/pagination.js';
import { Enterprise } from './enterprise.entity.js';
import type { EnterpriseFilter } from './enterprise.inputs.js';

export function enterpriseWhere(scope: Scope, filter: EnterpriseFilter | undefined): FilterQuery<Enterprise> {
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

export function listEnterprises(em: EntityManager, scope: Scope, filter: EnterpriseFilter | undefined, page: PageArgs) {
  return paginate(em, Enterprise, enterpriseWhere(scope, filter), page, {
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
