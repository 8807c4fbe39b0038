import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Department } from '../department/department.entity.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import type { Hazard } from '../hazard/hazard.entity.js';
import { Role } from './role.js';
import type { User } from './user.entity.js';

/**
 * R6, the one answer to "which enterprises may this user see". Every query, nested field,
 * mutation and subscription asks it; nothing else decides visibility.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'departments'; departmentIds: readonly string[] }
  | { kind: 'enterprise'; enterpriseId: string };

export async function scopeOf(em: EntityManager, user: User): Promise<Scope> {
  switch (user.role) {
    case Role.DIRECTOR:
    case Role.ANALYST:
    case Role.ADMIN:
      return { kind: 'all' };
    case Role.DEPUTY_LEADER: {
      // Plain rows, not partial entities: a partial Department in the identity map would later be served as if whole.
      const rows = await em.createQueryBuilder(Department).select('id').where({ leader: user.id }).execute('all');
      return { kind: 'departments', departmentIds: rows.map((d) => d.id) };
    }
    case Role.SECTION_CHIEF:
    case Role.INSPECTOR:
      return { kind: 'departments', departmentIds: user.department ? [user.department.id] : [] };
    case Role.ENTERPRISE:
      // An enterprise account without an enterprise sees nothing: the empty id matches no row.
      return { kind: 'enterprise', enterpriseId: user.enterprise?.id ?? '' };
  }
}

export function enterpriseScopeWhere(scope: Scope): FilterQuery<Enterprise> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'departments':
      return { department: { $in: [...scope.departmentIds] } };
    case 'enterprise':
      return { id: scope.enterpriseId };
  }
}

export function hazardScopeWhere(scope: Scope): FilterQuery<Hazard> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'departments':
      return { enterprise: { department: { $in: [...scope.departmentIds] } } };
    case 'enterprise':
      return { enterprise: scope.enterpriseId };
  }
}

/** The same rule for one enterprise already in hand (events, nested fields, writes). */
export function scopeAllows(scope: Scope, enterprise: { id: string; departmentId: string }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'departments':
      return scope.departmentIds.includes(enterprise.departmentId);
    case 'enterprise':
      return scope.enterpriseId === enterprise.id;
  }
}

/** An event as far as R6 cares: the enterprise it is about, if any, and that enterprise's department then. */
export interface EventSubject {
  enterpriseId?: string | null;
  departmentId?: string | null;
  /** A move between departments (ENTERPRISE_CHANGED) names the department it left in `fromDepartmentId`. */
  payload?: object | null;
}

/**
 * The same rule for an event. Events about no enterprise (a snapshot taken) are bureau-wide news:
 * staff see them, enterprise accounts do not.
 */
export function scopeAllowsEvent(scope: Scope, event: EventSubject): boolean {
  if (!event.enterpriseId) return scope.kind !== 'enterprise';
  if (scopeAllows(scope, { id: event.enterpriseId, departmentId: event.departmentId ?? '' })) return true;
  // The department an enterprise moved out of hears of the move (R13), so its wallboard drops it at once.
  const from = event.payload && 'fromDepartmentId' in event.payload ? event.payload.fromDepartmentId : null;
  return typeof from === 'string' && scopeAllows(scope, { id: event.enterpriseId, departmentId: from });
}

/** scopeAllowsEvent in SQL, over the event log's enterprise_id and department_id columns. */
export function eventScopeWhere(scope: Scope): FilterQuery<{ enterpriseId?: string; departmentId?: string }> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'departments':
      return { $or: [{ departmentId: { $in: [...scope.departmentIds] } }, { enterpriseId: null }] };
    case 'enterprise':
      return { enterpriseId: scope.enterpriseId };
  }
}

/** A stable key per distinct scope, so that work done for one scope (a wallboard) is shared by all its viewers. */
export function scopeKey(scope: Scope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'departments':
      return `departments:${[...scope.departmentIds].sort().join(',')}`;
    case 'enterprise':
      return `enterprise:${scope.enterpriseId}`;
  }
}

/** hazardScopeWhere for any other record that belongs to an enterprise (inspections, enforcement actions). */
export function ownedByEnterpriseWhere<T extends { enterprise: unknown }>(scope: Scope): FilterQuery<T> {
  return hazardScopeWhere(scope) as unknown as FilterQuery<T>;
}

/** Whether every one of these departments is within the scope (a leader's kiosk link covers only their own). */
export function scopeCoversDepartments(scope: Scope, departmentIds: readonly string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'enterprise') return departmentIds.length === 0;
  return departmentIds.every((id) => scope.departmentIds.includes(id));
}

/** Whether a subject under these departments (a cadre, a department) shows to the scope: one in scope is enough. */
export function scopeTouchesDepartments(scope: Scope, departmentIds: readonly string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'departments') return departmentIds.some((id) => scope.departmentIds.includes(id));
  return false;
}

/** True when the scope is the whole bureau (director, analysts, admins). */
export function isBureauWide(scope: Scope): boolean {
  return scope.kind === 'all';
}

/** The departments a staff member's copy of a per-department report shows; null means all. */
export function departmentFilter(scope: Scope): readonly string[] | null {
  return scope.kind === 'departments' ? scope.departmentIds : scope.kind === 'all' ? null : [];
}

/** A raw SQL condition with its bindings, for aggregate queries written as SQL. */
export interface SqlCondition {
  sql: string;
  bindings: unknown[];
}

/** enterpriseScopeWhere as raw SQL over an enterprise alias, for the grouped statistics' aggregates. */
export function enterpriseScopeSql(scope: Scope, alias: string): SqlCondition {
  switch (scope.kind) {
    case 'all':
      return { sql: '1 = 1', bindings: [] };
    case 'departments':
      if (scope.departmentIds.length === 0) return { sql: '1 = 0', bindings: [] };
      return {
        sql: `${alias}.department_id in (${scope.departmentIds.map(() => '?').join(', ')})`,
        bindings: [...scope.departmentIds],
      };
    case 'enterprise':
      return { sql: `${alias}.id = ?`, bindings: [scope.enterpriseId] };
  }
}
