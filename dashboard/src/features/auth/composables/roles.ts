import type { Role } from '../../../gql/generated.js';

/** Bureau staff who supervise enterprises (R6); analysts read all but supervise none. */
export const SUPERVISOR_ROLES: readonly Role[] = ['INSPECTOR', 'SECTION_CHIEF', 'DEPUTY_LEADER', 'DIRECTOR', 'ADMIN'];
/** Everyone on the bureau side: the supervisors and the analysts. */
export const BUREAU_ROLES: readonly Role[] = [...SUPERVISOR_ROLES, 'ANALYST'];
export const ENTERPRISE_ROLES: readonly Role[] = ['ENTERPRISE'];

/** Where a user lands after signing in. */
export function homePathFor(role: Role): string {
  if (role === 'ENTERPRISE') return '/ledger';
  if (role === 'ANALYST') return '/analyst';
  return '/enterprises';
}
