import type { EntityManager } from '@mikro-orm/knex';
import type { Viewer } from '../../graphql/context.js';
import { forbidden } from '../../graphql/errors.js';
import { HazardGrade, type HazardStatus } from '../hazard/hazard.enums.js';
import { nextStatus } from '../hazard/lifecycle.js';
import { InspectionKind } from '../inspection/inspection.enums.js';
import { mayConfirm } from './confirmer.js';
import { scopeAllows } from './scope.js';
import { Role, SUPERVISOR_ROLES } from './role.js';

/**
 * Every role decision of the server, in one file (scope.ts decides visibility, confirmer.ts R5). Services
 * and resolvers ask these questions; the dashboard reads the answers from `me.can`, `Hazard.viewerCan`
 * and `Enterprise.viewerCan` instead of copying the rules.
 */

/** Analysts read everything and change nothing (R6). */
export function mayWrite(viewer: Viewer): boolean {
  return viewer.user.role !== Role.ANALYST && !viewer.kiosk;
}

export function assertMayWrite(viewer: Viewer): void {
  if (viewer.user.role === Role.ANALYST) throw forbidden('auth.analystReadOnly');
}

/** Bureau staff who supervise enterprises (inspectors up to the director, and admins); not analysts. */
export function isSupervisor(viewer: Viewer): boolean {
  return SUPERVISOR_ROLES.has(viewer.user.role);
}

/** An enterprise's own account: it files, rectifies and self-inspects for that enterprise only. */
export function isEnterpriseAccount(viewer: Viewer): boolean {
  return viewer.user.role === Role.ENTERPRISE;
}

/** Bureau staff and analysts: everyone who is not an enterprise account. */
export function isBureauStaff(viewer: Viewer): boolean {
  return !isEnterpriseAccount(viewer);
}

/** Taking a snapshot or issuing a dispatch or bulletin on demand: the director and admins only. */
export function mayIssueReminders(viewer: Viewer): boolean {
  return viewer.user.role === Role.DIRECTOR || viewer.user.role === Role.ADMIN;
}

export function assertMayIssueReminders(viewer: Viewer): void {
  if (!mayIssueReminders(viewer)) {
    throw forbidden('auth.remindersDirectorOnly');
  }
}

/** Editing an assessment scheme or closing a period (R16): the director and admins only. */
export function assertMayManageAssessment(viewer: Viewer): void {
  if (!mayManageAssessment(viewer)) {
    throw forbidden('auth.assessmentDirectorOnly');
  }
}

/** Editing a scheme and closing a period (R16), as the dashboard asks it for its buttons. */
export function mayManageAssessment(viewer: Viewer): boolean {
  return (viewer.user.role === Role.DIRECTOR || viewer.user.role === Role.ADMIN) && !viewer.kiosk;
}

/** Statistics, assessment and quarterly exports (R16): bureau staff and analysts, within their scope. */
export function mayExportReports(viewer: Viewer): boolean {
  return mayReadReports(viewer) && !viewer.kiosk;
}

export function assertMayExportReports(viewer: Viewer): void {
  if (!mayExportReports(viewer)) throw forbidden('export.reportsStaffOnly');
}

/**
 * An enterprise's hazard ledger (台账) export: its own accounts, and the staff whose scope holds it (R6).
 * `enterprise` is null when no such enterprise exists: refused the same way, so that the refusal tells
 * nobody which ids exist outside their scope.
 */
export function assertMayExportLedger(viewer: Viewer, enterprise: { id: string; departmentId: string } | null): void {
  if (enterprise && !viewer.kiosk && scopeAllows(viewer.scope, enterprise)) return;
  throw forbidden(isEnterpriseAccount(viewer) ? 'export.ledgerOwnOnly' : 'export.ledgerOutsideScope');
}

/** Snapshots, dispatches and bulletins are bureau-wide news (R6): staff read them, enterprise accounts do not. */
export function mayReadReports(viewer: Viewer): boolean {
  return viewer.scope.kind !== 'enterprise';
}

export function assertMayReadReports(viewer: Viewer): void {
  if (!mayReadReports(viewer)) throw forbidden('auth.staffOnly');
}

/** The history chain's verification: bureau staff and analysts. */
export function assertMayVerifyAuditChain(viewer: Viewer): void {
  if (!isSupervisor(viewer) && viewer.user.role !== Role.ANALYST) throw forbidden('auth.auditStaffOnly');
}

/** The webhook delivery log: whoever sees the whole bureau (director, analysts, admins). */
export function mayReadDeliveries(viewer: Viewer): boolean {
  return viewer.scope.kind === 'all';
}

export function assertMayReadDeliveries(viewer: Viewer): void {
  if (!mayReadDeliveries(viewer)) throw forbidden('auth.deliveryLogOnly');
}

/** Photos are evidence for a change: analysts, who change nothing, upload none. */
export function mayUploadPhotos(viewer: Viewer): boolean {
  return viewer.user.role !== Role.ANALYST;
}

/** Enforcement actions (R9) and on-site inspections are recorded by bureau staff. */
export function assertMayRecordEnforcement(viewer: Viewer): void {
  assertMayWrite(viewer);
  if (!isSupervisor(viewer)) throw forbidden('enforcement.staffOnly');
}

/** The one kind of inspection a viewer records: an enterprise its self-inspections, the bureau its on-site ones. */
export function inspectionKindFor(viewer: Viewer): InspectionKind {
  return isEnterpriseAccount(viewer) ? InspectionKind.SELF_INSPECTION : InspectionKind.REGULATOR_INSPECTION;
}

export function assertMayRecordInspection(viewer: Viewer, kind: InspectionKind): void {
  assertMayWrite(viewer);
  if (kind === inspectionKindFor(viewer)) return;
  if (isEnterpriseAccount(viewer)) throw forbidden('inspection.ownOnly');
  throw forbidden('inspection.selfByEnterprise');
}

/** Regrading (R5) is for bureau staff. */
export function assertMayRegrade(viewer: Viewer): void {
  assertMayWrite(viewer);
  if (!isSupervisor(viewer)) throw forbidden('hazard.regradeStaffOnly');
}

/**
 * R5: the plan a MAJOR hazard owes is the enterprise's to write; staff in scope may enter it for
 * the enterprise (api.md). Analysts and kiosk links write nothing.
 */
export function mayGivePlan(viewer: Viewer): boolean {
  return mayWrite(viewer);
}

export function assertMayGivePlan(viewer: Viewer): void {
  assertMayWrite(viewer);
}

/** R8: only the enterprise itself asks for more time. */
export function assertMayRequestExtension(viewer: Viewer): void {
  assertMayWrite(viewer);
  if (!isEnterpriseAccount(viewer)) throw forbidden('extension.enterpriseOnly');
}

/** Kiosk links (wallboards on TVs): the director, admins, deputy leaders and section chiefs, each for their own scope. */
export function mayCreateKioskLinks(viewer: Viewer): boolean {
  return (
    !viewer.kiosk && [Role.DIRECTOR, Role.ADMIN, Role.DEPUTY_LEADER, Role.SECTION_CHIEF].includes(viewer.user.role)
  );
}

/** The director and admins manage every kiosk link; the others their own. */
export function managesEveryKioskLink(viewer: Viewer): boolean {
  return viewer.user.role === Role.DIRECTOR || viewer.user.role === Role.ADMIN;
}

/** Severity order: a regrade towards a milder grade moves the hazard away from its confirming level. */
const SEVERITY: Record<HazardGrade, number> = {
  [HazardGrade.MAJOR]: 3,
  [HazardGrade.SECOND]: 2,
  [HazardGrade.THIRD]: 1,
};

export function isMilder(grade: HazardGrade, than: HazardGrade): boolean {
  return SEVERITY[grade] < SEVERITY[than];
}

/**
 * R5: anyone on the bureau's staff may grade a hazard up; grading it down takes its current confirming
 * level or the director, so that nobody regrades a hazard down into their own hands.
 */
export async function mayGradeDown(
  em: EntityManager,
  viewer: Viewer,
  grade: HazardGrade,
  departmentId: string,
): Promise<boolean> {
  return viewer.user.role === Role.DIRECTOR || mayConfirm(em, viewer.user, grade, departmentId);
}

/** The grades a viewer may move a hazard of `grade` to (none for those who may not regrade). */
export async function regradeChoices(
  em: EntityManager,
  viewer: Viewer,
  grade: HazardGrade,
  departmentId: string,
): Promise<HazardGrade[]> {
  if (!isSupervisor(viewer) || !mayWrite(viewer)) return [];
  const lower = await mayGradeDown(em, viewer, grade, departmentId);
  return Object.values(HazardGrade).filter((g) => g !== grade && (!isMilder(g, grade) || lower));
}

/** What the viewer may do to one hazard now: the server's own rules, read from the viewer's side. */
export interface HazardPermissions {
  submit: boolean;
  verify: boolean;
  regrade: boolean;
  regradeTo: HazardGrade[];
  requestExtension: boolean;
  decideExtension: boolean;
  submitGovernancePlan: boolean;
}

export interface HazardState {
  grade: HazardGrade;
  status: HazardStatus;
  deadline?: Date | null;
  enterpriseId: string;
  departmentId: string;
  pendingExtension: boolean;
  /** A MAJOR hazard without its governance plan (R5). */
  planOwed: boolean;
}

export async function hazardPermissions(
  em: EntityManager,
  viewer: Viewer,
  hazard: HazardState,
  now: Date,
): Promise<HazardPermissions> {
  const none = {
    submit: false,
    verify: false,
    regrade: false,
    regradeTo: [],
    requestExtension: false,
    decideExtension: false,
    submitGovernancePlan: false,
  };
  if (!mayWrite(viewer)) return none;
  const may = (action: Parameters<typeof nextStatus>[1]) => nextStatus(hazard.status, action) !== undefined;
  const own =
    isEnterpriseAccount(viewer) &&
    viewer.scope.kind === 'enterprise' &&
    viewer.scope.enterpriseId === hazard.enterpriseId;
  const beforeDeadline = !!hazard.deadline && hazard.deadline > now;
  const confirms = await mayConfirm(em, viewer.user, hazard.grade, hazard.departmentId);
  const regradeTo = may('regrade') ? await regradeChoices(em, viewer, hazard.grade, hazard.departmentId) : [];
  return {
    submit: own && may('submit'),
    verify: confirms && may('accept'),
    regrade: regradeTo.length > 0,
    regradeTo,
    requestExtension: own && may('requestExtension') && beforeDeadline && !hazard.pendingExtension,
    decideExtension: confirms && may('decideExtension') && hazard.pendingExtension && beforeDeadline,
    submitGovernancePlan: mayGivePlan(viewer) && hazard.planOwed && may('submitPlan'),
  };
}

/** What the viewer may do for one enterprise they can see. */
export interface EnterprisePermissions {
  fileHazard: boolean;
  recordInspection: boolean;
  recordEnforcement: boolean;
}

export function enterprisePermissions(viewer: Viewer): EnterprisePermissions {
  const writes = mayWrite(viewer);
  return {
    fileHazard: writes,
    recordInspection: writes,
    recordEnforcement: writes && isSupervisor(viewer),
  };
}

/** The pages and page-wide actions of the dashboard the viewer may open; later features add theirs here. */
export interface ViewerPermissions {
  ledger: boolean;
  fileHazards: boolean;
  enterprises: boolean;
  supervisionHazards: boolean;
  agenda: boolean;
  wallboard: boolean;
  reports: boolean;
  issueReminders: boolean;
  kioskLinks: boolean;
  recordInspections: boolean;
  recordEnforcement: boolean;
  graphiql: boolean;
  auditChain: boolean;
  deliveries: boolean;
  administer: boolean;
  readAdministration: boolean;
  riskRegister: boolean;
  exportReports: boolean;
  manageAssessment: boolean;
  inspectionPlan: boolean;
}

export function viewerPermissions(viewer: Viewer): ViewerPermissions {
  const staff = isBureauStaff(viewer) && !viewer.kiosk;
  const supervises = isSupervisor(viewer) && !viewer.kiosk;
  return {
    ledger: isEnterpriseAccount(viewer),
    fileHazards: isEnterpriseAccount(viewer),
    enterprises: staff,
    supervisionHazards: staff,
    agenda: staff,
    wallboard: staff || !!viewer.kiosk,
    reports: staff && mayReadReports(viewer),
    issueReminders: !viewer.kiosk && mayIssueReminders(viewer),
    kioskLinks: mayCreateKioskLinks(viewer),
    recordInspections: supervises,
    recordEnforcement: supervises,
    graphiql: staff,
    auditChain: staff,
    deliveries: !viewer.kiosk && mayReadDeliveries(viewer),
    administer: mayAdminister(viewer),
    readAdministration: mayReadAdministration(viewer),
    riskRegister: !viewer.kiosk && mayKeepRiskRegister(viewer),
    exportReports: mayExportReports(viewer),
    manageAssessment: mayManageAssessment(viewer),
    inspectionPlan: staff,
  };
}

/** R15: the inspection plan and the supervision classes are the bureau's working papers, read within scope. */
export function assertMayReadInspectionPlan(viewer: Viewer): void {
  if (!isBureauStaff(viewer) || viewer.kiosk) throw forbidden('supervision.planStaffOnly');
}

/** R12: only an admin creates, resets and disables accounts and manages departments, townships and the registry. */
export function mayAdminister(viewer: Viewer): boolean {
  return viewer.user.role === Role.ADMIN && !viewer.kiosk;
}

export function assertMayAdminister(viewer: Viewer): void {
  if (!mayAdminister(viewer)) throw forbidden('auth.adminOnly');
}

/** R12: the director reads accounts and the registry's administration as the admin does, without changing them. */
export function mayReadAdministration(viewer: Viewer): boolean {
  return mayAdminister(viewer) || (viewer.user.role === Role.DIRECTOR && !viewer.kiosk);
}

export function assertMayReadAdministration(viewer: Viewer): void {
  if (!mayReadAdministration(viewer)) throw forbidden('auth.accountsReadOnly');
}

/**
 * The risk register and its checks (R14) are the enterprise's own: only its accounts write them, for
 * their own enterprise; supervisors read them within scope. Returns the enterprise written for.
 */
export function mayKeepRiskRegister(viewer: Viewer): boolean {
  return viewer.user.role === Role.ENTERPRISE && viewer.scope.kind === 'enterprise' && !!viewer.scope.enterpriseId;
}

export function assertMayKeepRiskRegister(viewer: Viewer, enterpriseId?: string | null): string {
  if (!mayKeepRiskRegister(viewer) || viewer.scope.kind !== 'enterprise' || !viewer.scope.enterpriseId)
    throw forbidden('risk.enterpriseOnly');
  if (enterpriseId && enterpriseId.toLowerCase() !== viewer.scope.enterpriseId) throw forbidden('risk.ownOnly');
  return viewer.scope.enterpriseId;
}
