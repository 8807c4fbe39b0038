import { registerEnumType } from 'type-graphql';

export enum Role {
  ENTERPRISE = 'ENTERPRISE',
  INSPECTOR = 'INSPECTOR',
  SECTION_CHIEF = 'SECTION_CHIEF',
  DEPUTY_LEADER = 'DEPUTY_LEADER',
  DIRECTOR = 'DIRECTOR',
  ANALYST = 'ANALYST',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user is in the chain of command; it decides what they see (R6) and what they may confirm (R5).',
  valuesConfig: {
    ENTERPRISE: { description: "An enterprise's safety officer: sees and acts on their own enterprise only." },
    INSPECTOR: {
      description: 'Staff of a department (科员): sees that department; may confirm THIRD hazards for the chief.',
    },
    SECTION_CHIEF: { description: 'Head of a department (科长): sees that department; confirms THIRD hazards.' },
    DEPUTY_LEADER: {
      description: 'Deputy leader (分管领导): sees the departments under them; confirms SECOND hazards.',
    },
    DIRECTOR: { description: 'Bureau director (局长): sees all; confirms MAJOR hazards.' },
    ANALYST: { description: 'Sees all, read-only.' },
    ADMIN: { description: 'Administers the system; sees all.' },
  },
});

/** Roles of the bureau's own staff, who supervise enterprises. */
export const SUPERVISOR_ROLES: ReadonlySet<Role> = new Set([
  Role.INSPECTOR,
  Role.SECTION_CHIEF,
  Role.DEPUTY_LEADER,
  Role.DIRECTOR,
  Role.ADMIN,
]);

/** An enterprise's own account (R6): the role an import gives the accounts it opens, and analytics' "filed by the enterprise". */
export const ENTERPRISE_ROLE = Role.ENTERPRISE;

/** R6: the section chief and the inspectors work inside one department; their accounts name it. */
export function roleBelongsToDepartment(role: Role): boolean {
  return role === Role.SECTION_CHIEF || role === Role.INSPECTOR;
}

/** R6: an enterprise account acts for one enterprise; the account names it. */
export function roleBelongsToEnterprise(role: Role): boolean {
  return role === ENTERPRISE_ROLE;
}

/** R5: a department's deputy leader (分管领导) confirms its SECOND hazards; only this role may lead a department. */
export const DEPARTMENT_LEADER_ROLE = Role.DEPUTY_LEADER;

/** R5: a department's section chief (科长) confirms its THIRD hazards; only this role may head a department. */
export const DEPARTMENT_CHIEF_ROLE = Role.SECTION_CHIEF;

/** Who may be named a department's deputy leader: an enabled deputy leader account. */
export function mayLeadDepartment(user: { role: Role; active: boolean }): boolean {
  return user.active && user.role === DEPARTMENT_LEADER_ROLE;
}

/** Who may be named a department's section chief: an enabled section chief account. */
export function mayHeadDepartment(user: { role: Role; active: boolean }): boolean {
  return user.active && user.role === DEPARTMENT_CHIEF_ROLE;
}

/** R2/R10: a filing counts for the "no filing" display and the filing rate only when the enterprise's own account made it. */
export const FILED_BY_ENTERPRISE = { role: ENTERPRISE_ROLE } as const;

/** What the administration pages need to know of a role, so that they hold no role rule of their own. */
export interface RoleFacts {
  role: Role;
  belongsToDepartment: boolean;
  belongsToEnterprise: boolean;
  leadsDepartments: boolean;
  headsDepartment: boolean;
}

/** Every role, in the chain-of-command order of the enum, with the facts above. */
export function roleFacts(): RoleFacts[] {
  return Object.values(Role).map((role) => ({
    role,
    belongsToDepartment: roleBelongsToDepartment(role),
    belongsToEnterprise: roleBelongsToEnterprise(role),
    leadsDepartments: role === DEPARTMENT_LEADER_ROLE,
    headsDepartment: role === DEPARTMENT_CHIEF_ROLE,
  }));
}
