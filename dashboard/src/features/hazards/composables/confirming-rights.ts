import type { HazardGrade, HazardStatus, Role } from '../../../gql/generated.js';

/** What the rules need to know about the person looking. */
export interface RightsViewer {
  id: string;
  role: Role;
  department?: { id: string } | null;
  enterprise?: { id: string } | null;
}

/** What the rules need to know about the hazard. */
export interface RightsHazard {
  grade: HazardGrade;
  status: HazardStatus;
  deadline?: string | null;
  enterprise: { id: string; department: { id: string; leader?: { id: string } | null } };
  extensions?: readonly { status: string }[];
}

/** The server's SUPERVISOR_ROLES (modules/auth/role.ts): bureau staff who may write; analysts only read. */
const SUPERVISORS: readonly Role[] = ['INSPECTOR', 'SECTION_CHIEF', 'DEPUTY_LEADER', 'DIRECTOR', 'ADMIN'];
const SEVERITY: Record<HazardGrade, number> = { MAJOR: 3, SECOND: 2, THIRD: 1 };
export const GRADES: readonly HazardGrade[] = ['MAJOR', 'SECOND', 'THIRD'];

/**
 * R5 in one place for the dashboard, the same answer as the server's modules/hazard/confirmer.ts:
 * MAJOR → the director; SECOND → the deputy leader over the enterprise's department; THIRD → that
 * department's section chief, or its inspector acting for them. The server decides again; this only
 * hides the buttons a user may not use.
 */
export function mayConfirm(viewer: RightsViewer, hazard: RightsHazard): boolean {
  switch (hazard.grade) {
    case 'MAJOR':
      return viewer.role === 'DIRECTOR';
    case 'SECOND':
      return viewer.role === 'DEPUTY_LEADER' && hazard.enterprise.department.leader?.id === viewer.id;
    case 'THIRD':
      return (
        (viewer.role === 'SECTION_CHIEF' || viewer.role === 'INSPECTOR') &&
        viewer.department?.id === hazard.enterprise.department.id
      );
  }
}

/** The buttons a viewer is offered on a hazard's page. */
export interface HazardRights {
  submitRectification: boolean;
  requestExtension: boolean;
  verify: boolean;
  regrade: boolean;
  decideExtension: boolean;
}

const hasPendingExtension = (hazard: RightsHazard) => (hazard.extensions ?? []).some((e) => e.status === 'PENDING');
const beforeDeadline = (hazard: RightsHazard, now: number) => !!hazard.deadline && Date.parse(hazard.deadline) > now;

/**
 * The server's rules (lifecycle.ts's state table, lifecycle.service.ts, extension.service.ts), read from the
 * viewer's side: an extension is asked by the enterprise itself before the deadline, one at a time, and
 * decided by the confirming level before the deadline; a closed hazard is not regraded.
 */
export function hazardRights(viewer: RightsViewer, hazard: RightsHazard, now: number = Date.now()): HazardRights {
  const ownEnterprise = viewer.role === 'ENTERPRISE' && viewer.enterprise?.id === hazard.enterprise.id;
  const confirms = mayConfirm(viewer, hazard);
  const open = hazard.status === 'RECTIFYING' || hazard.status === 'PENDING_VERIFICATION';
  return {
    submitRectification: ownEnterprise && hazard.status === 'RECTIFYING',
    requestExtension:
      ownEnterprise && hazard.status === 'RECTIFYING' && beforeDeadline(hazard, now) && !hasPendingExtension(hazard),
    verify: confirms && hazard.status === 'PENDING_VERIFICATION',
    regrade: SUPERVISORS.includes(viewer.role) && open && regradeChoices(viewer, hazard).length > 0,
    decideExtension: confirms && open && hasPendingExtension(hazard) && beforeDeadline(hazard, now),
  };
}

/**
 * The grades a supervisor may move the hazard to: any graver one; a milder one only as its current
 * confirming level or the director (nobody grades a hazard down into their own hands).
 */
export function regradeChoices(viewer: RightsViewer, hazard: RightsHazard): HazardGrade[] {
  if (!SUPERVISORS.includes(viewer.role)) return [];
  const mayLower = viewer.role === 'DIRECTOR' || mayConfirm(viewer, hazard);
  return GRADES.filter((g) => g !== hazard.grade && (SEVERITY[g] > SEVERITY[hazard.grade] || mayLower));
}
