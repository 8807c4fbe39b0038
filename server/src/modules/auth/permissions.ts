import type { Viewer } from '../../graphql/context.js';
import { forbidden } from '../../graphql/errors.js';
import { Role, SUPERVISOR_ROLES } from './role.js';

/** Analysts read everything and change nothing (R6). */
export function assertMayWrite(viewer: Viewer): void {
  if (viewer.user.role === Role.ANALYST) throw forbidden('Analysts have read-only access; ask a supervisor to make this change.');
}

export function isSupervisor(viewer: Viewer): boolean {
  return SUPERVISOR_ROLES.has(viewer.user.role);
}
