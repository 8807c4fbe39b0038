import type { EntityManager } from '@mikro-orm/knex';
import { forbidden } from '../../graphql/errors.js';
import { Role } from './role.js';
import type { User } from './user.entity.js';
import { Department } from '../department/department.entity.js';
import { HazardGrade } from '../hazard/hazard.enums.js';

/** R5, the one answer to "who confirms": verification, regrading down, extension decisions and the agenda ask it. */
export const CONFIRMING_ROLE: Readonly<Record<HazardGrade, Role>> = {
  [HazardGrade.MAJOR]: Role.DIRECTOR,
  [HazardGrade.SECOND]: Role.DEPUTY_LEADER,
  [HazardGrade.THIRD]: Role.SECTION_CHIEF,
};

/** The grades the director confirms (MAJOR): the director's office agenda lists their open hazards. */
export const DIRECTORS_GRADES: readonly HazardGrade[] = (Object.keys(CONFIRMING_ROLE) as HazardGrade[]).filter(
  (g) => CONFIRMING_ROLE[g] === Role.DIRECTOR,
);

/** Whether `user` is the confirming level for a hazard of `grade` in the department `departmentId`. */
export async function mayConfirm(
  em: EntityManager,
  user: User,
  grade: HazardGrade,
  departmentId: string,
): Promise<boolean> {
  switch (grade) {
    case HazardGrade.MAJOR:
      return user.role === Role.DIRECTOR;
    case HazardGrade.SECOND: {
      if (user.role !== Role.DEPUTY_LEADER) return false;
      const rows = await em
        .createQueryBuilder(Department)
        .select('id')
        .where({ id: departmentId, leader: user.id })
        .execute('all');
      return rows.length > 0;
    }
    case HazardGrade.THIRD:
      return (user.role === Role.SECTION_CHIEF || user.role === Role.INSPECTOR) && user.department?.id === departmentId;
  }
}

/** FORBIDDEN unless `user` confirms this grade here; `what` says what was refused. */
export async function assertMayConfirm(
  em: EntityManager,
  user: User,
  grade: HazardGrade,
  departmentId: string,
  what: 'verify' | 'decideExtension',
): Promise<void> {
  if (!(await mayConfirm(em, user, grade, departmentId))) {
    throw forbidden(`hazard.confirmerOnly.${what}`, { who: grade, grade });
  }
}
