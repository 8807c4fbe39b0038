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

/** R12: only an admin creates, resets and disables accounts and manages departments, townships and the registry. */
export function mayAdminister(viewer: Viewer): boolean {
  return viewer.user.role === Role.ADMIN && !viewer.kiosk;
}

export function assertMayAdminister(viewer: Viewer): void {
  if (!mayAdminister(viewer)) throw forbidden('只有系统管理员可以管理账号、科室、乡镇和企业名录。');
}

/** R12: the director reads accounts and the registry's administration as the admin does, without changing them. */
export function mayReadAdministration(viewer: Viewer): boolean {
  return mayAdminister(viewer) || (viewer.user.role === Role.DIRECTOR && !viewer.kiosk);
}

export function assertMayReadAdministration(viewer: Viewer): void {
  if (!mayReadAdministration(viewer)) throw forbidden('只有系统管理员和局长可以查看账号。');
}

/**
 * The risk register and its checks (R14) are the enterprise's own: only its accounts write them, for
 * their own enterprise; supervisors read them within scope. Returns the enterprise written for.
 */
export function assertMayKeepRiskRegister(viewer: Viewer, enterpriseId?: string | null): string {
  if (viewer.user.role !== Role.ENTERPRISE || viewer.scope.kind !== 'enterprise' || !viewer.scope.enterpriseId)
    throw forbidden('The risk register and its checks are kept by the enterprise itself; supervisors read them.');
  if (enterpriseId && enterpriseId.toLowerCase() !== viewer.scope.enterpriseId)
    throw forbidden('An enterprise account keeps the register of its own enterprise only.');
  return viewer.scope.enterpriseId;
}
