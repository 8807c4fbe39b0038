import type { FilterQuery } from '@mikro-orm/core';
import {
  enterpriseScopeSql,
  enterpriseScopeWhere,
  hazardScopeWhere,
  type Scope,
  type SqlCondition,
} from '../auth/scope.js';
import type { Hazard } from '../hazard/hazard.entity.js';
import type { Enterprise } from './enterprise.entity.js';

/**
 * R13, the one rule for "does this enterprise count": only while it is active (not retired). Counts,
 * rates, displays, the wallboard, dispatches and bulletins all ask this; queries of the registry and of
 * history do not, so a retired enterprise's record stays readable.
 */
export const COUNTED_ENTERPRISE: FilterQuery<Enterprise> = { active: true };

/** Enterprises in scope that count now. */
export function countedEnterpriseWhere(scope: Scope): FilterQuery<Enterprise> {
  return { $and: [enterpriseScopeWhere(scope), COUNTED_ENTERPRISE] };
}

/** Hazards in scope of enterprises that count now. */
export function countedHazardWhere(scope: Scope): FilterQuery<Hazard> {
  return { $and: [hazardScopeWhere(scope), { enterprise: COUNTED_ENTERPRISE }] } as FilterQuery<Hazard>;
}

/** Hazards of enterprises that count now, whatever the scope (the alert watcher, reminders). */
export const COUNTED_HAZARD: FilterQuery<Hazard> = { enterprise: COUNTED_ENTERPRISE } as FilterQuery<Hazard>;

/** countedEnterpriseWhere as raw SQL over an enterprise alias, for the aggregates written as SQL. */
export function countedEnterpriseSql(scope: Scope, alias: string): SqlCondition {
  const where = enterpriseScopeSql(scope, alias);
  // `= true` reads the same on PostgreSQL (boolean) and SQLite (1/0).
  return { sql: `(${where.sql}) and ${alias}.active = true`, bindings: where.bindings };
}
