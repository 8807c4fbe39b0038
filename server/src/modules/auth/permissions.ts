import type { Viewer } from '../../graphql/context.js';
import { forbidden } from '../../graphql/errors.js';
import { Role, SUPERVISOR_ROLES } from './role.js';

/** Analysts read everything and change nothing (R6). */
export function assertMayWrite(viewer: Viewer): void {
  if (viewer.user.role === Role.ANALYST)
    throw forbidden('Analysts have read-only access; ask a supervisor to make this change.');
}

export function isSupervisor(viewer: Viewer): boolean {
  return SUPERVISOR_ROLES.has(viewer.user.role);
}

/** Taking a snapshot or issuing a dispatch or bulletin on demand: the director and admins only. */
export function assertMayIssueReminders(viewer: Viewer): void {
  if (viewer.user.role !== Role.DIRECTOR && viewer.user.role !== Role.ADMIN) {
    throw forbidden(
      'Only the director or an admin may take snapshots or issue dispatches and bulletins on demand; they are also issued on schedule.',
    );
  }
}

/** Editing an assessment scheme or closing a period (R16): the director and admins only. */
export function assertMayManageAssessment(viewer: Viewer): void {
  if (viewer.user.role !== Role.DIRECTOR && viewer.user.role !== Role.ADMIN) {
    throw forbidden('只有局长或管理员可以修改考核方案或关闭考核期。');
  }
}
