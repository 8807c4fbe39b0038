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
  enterprise: { id: string; department: { id: string; leader?: { id: string } | null } };
}

/**
 * R5 in one place for the dashboard: MAJOR → the director; SECOND → the deputy leader over the
 * enterprise's department; THIRD → that department's section chief, or its inspector acting for them.
 * The server decides again; this only hides the buttons a user may not use.
 */
export function mayConfirm(viewer: RightsViewer, hazard: RightsHazard): boolean {
  switch (hazard.grade) {
    case 'MAJOR':
      return viewer.role === 'DIRECTOR';
    case 'SECOND':
      return viewer.role === 'DEPUTY_LEADER' && hazard.enterprise.department.leader?.id === viewer.id;
    case 'THIRD':
      return (viewer.role === 'SECTION_CHIEF' || viewer.role === 'INSPECTOR') && viewer.department?.id === hazard.enterprise.department.id;
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

export function hazardRights(viewer: RightsViewer, hazard: RightsHazard): HazardRights {
  const ownEnterprise = viewer.role === 'ENTERPRISE' && viewer.enterprise?.id === hazard.enterprise.id;
  const confirms = mayConfirm(viewer, hazard);
  const supervises = ['INSPECTOR', 'SECTION_CHIEF', 'DEPUTY_LEADER', 'DIRECTOR'].includes(viewer.role);
  return {
    submitRectification: ownEnterprise && hazard.status === 'RECTIFYING',
    requestExtension: ownEnterprise && hazard.status === 'RECTIFYING',
    verify: confirms && hazard.status === 'PENDING_VERIFICATION',
    regrade: supervises && hazard.status !== 'CLOSED',
    decideExtension: confirms && hazard.status === 'RECTIFYING',
  };
}
