import { Field, ObjectType } from 'type-graphql';
import { HazardGrade } from '../hazard/hazard.enums.js';
import type { EnterprisePermissions, HazardPermissions, ViewerPermissions } from './permissions.js';
import { Role, type RoleFacts } from './role.js';

@ObjectType('HazardViewerCan', {
  description:
    'What you may do to this hazard now, by the server’s rules (R4, R5, R8); the dashboard shows only these actions.',
})
export class HazardViewerCan implements HazardPermissions {
  @Field({ description: 'Report the rectification done (your own enterprise’s hazard, being rectified).' })
  submit!: boolean;

  @Field({ description: 'Accept or send back the reported rectification (the confirming level, R5).' })
  verify!: boolean;

  @Field({ description: 'Change the grade, with a reason (bureau staff; grading down takes the confirming level).' })
  regrade!: boolean;

  @Field(() => [HazardGrade], { description: 'The grades you may move the hazard to; empty when you may not regrade.' })
  regradeTo!: HazardGrade[];

  @Field({ description: 'Ask for a later deadline (your own enterprise, before the deadline, one request at a time).' })
  requestExtension!: boolean;

  @Field({
    description: 'Approve or refuse the pending extension request (the confirming level, before the deadline).',
  })
  decideExtension!: boolean;

  @Field({
    description: 'Give the governance plan this MAJOR hazard owes (R5: the enterprise, or staff in scope for it).',
  })
  submitGovernancePlan!: boolean;
}

@ObjectType('EnterpriseViewerCan', { description: 'What you may record for this enterprise.' })
export class EnterpriseViewerCan implements EnterprisePermissions {
  @Field({ description: 'File a hazard for it.' })
  fileHazard!: boolean;

  @Field({
    description: 'Record an inspection: its self-inspection (the enterprise) or an on-site one (bureau staff).',
  })
  recordInspection!: boolean;

  @Field({ description: 'Record an enforcement action (R9, bureau staff).' })
  recordEnforcement!: boolean;
}

@ObjectType('ViewerCan', {
  description:
    'The pages and page-wide actions you may use. One boolean each; a new feature adds its own (e.g. `administer`).',
})
export class ViewerCan implements ViewerPermissions {
  @Field({ description: 'Your enterprise’s ledger (台账): enterprise accounts.' })
  ledger!: boolean;

  @Field({ description: 'File hazards for your own enterprise: enterprise accounts.' })
  fileHazards!: boolean;

  @Field({ description: 'The enterprises you supervise and their detail pages: bureau staff and analysts.' })
  enterprises!: boolean;

  @Field({ description: 'The hazards of the enterprises you see: bureau staff and analysts.' })
  supervisionHazards!: boolean;

  @Field({ description: 'The director’s major-hazard agenda: bureau staff and analysts.' })
  agenda!: boolean;

  @Field({ description: 'The live wallboard.' })
  wallboard!: boolean;

  @Field({ description: 'Daily snapshots, weekly dispatches and bulletins (R11): bureau staff and analysts.' })
  reports!: boolean;

  @Field({ description: 'Take a snapshot or issue a dispatch or bulletin on demand: the director and admins.' })
  issueReminders!: boolean;

  @Field({
    description: 'Create and revoke kiosk links for TVs: the director, admins, deputy leaders, section chiefs.',
  })
  kioskLinks!: boolean;

  @Field({ description: 'Record on-site inspections: bureau staff who supervise.' })
  recordInspections!: boolean;

  @Field({ description: 'Record enforcement actions (R9): bureau staff who supervise.' })
  recordEnforcement!: boolean;

  @Field({ description: 'The GraphiQL query page: bureau staff and analysts.' })
  graphiql!: boolean;

  @Field({ description: 'Verify the history chain (R7): bureau staff and analysts.' })
  auditChain!: boolean;

  @Field({ description: 'Read the webhook delivery log: the director, analysts and admins.' })
  deliveries!: boolean;

  @Field({ description: 'Create, reset and disable accounts; manage departments, townships and the registry (R12).' })
  administer!: boolean;

  @Field({ description: 'Read the accounts and the administration pages (the admin and the director).' })
  readAdministration!: boolean;

  @Field({
    description:
      'Keep your enterprise’s risk register and record its checks (R14), the register pages and check forms: enterprise accounts.',
  })
  riskRegister!: boolean;

  @Field({
    description:
      'Export statistics, assessments and the quarterly table as XLSX or PDF (GET /exports/…): bureau staff and analysts.',
  })
  exportReports!: boolean;

  @Field({ description: 'Edit an assessment scheme and close an assessment period (R16): the director and admins.' })
  manageAssessment!: boolean;

  @Field({
    description: 'The inspection plan and the supervision classes (R15): bureau staff and analysts, within scope.',
  })
  inspectionPlan!: boolean;
}

@ObjectType('RoleOption', {
  description:
    'A role and what an account of it is attached to (R5, R6): the administration pages read these instead of a role list of their own.',
})
export class RoleOption implements RoleFacts {
  @Field(() => Role)
  role!: Role;

  @Field({ description: 'Its accounts work inside one department and must name it (section chief, inspector).' })
  belongsToDepartment!: boolean;

  @Field({ description: 'Its accounts act for one enterprise and must name it.' })
  belongsToEnterprise!: boolean;

  @Field({ description: 'Its accounts may be named a department’s deputy leader (Department.leader).' })
  leadsDepartments!: boolean;

  @Field({ description: 'Its accounts may be named a department’s section chief (Department.chief).' })
  headsDepartment!: boolean;
}
