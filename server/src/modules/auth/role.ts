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

/** R2/R10: a filing counts for the "no filing" display and the filing rate only when the enterprise's own account made it. */
export const FILED_BY_ENTERPRISE = { role: Role.ENTERPRISE } as const;
