import type { EntityManager } from '@mikro-orm/knex';
import { Department } from './department.entity.js';

/** A department with the names of its deputy leader and section chief, as reminders print them. */
export interface DepartmentPeople {
  id: string;
  number: number;
  name: string;
  leaderName: string | null;
  chiefName: string | null;
}

export async function departmentsWithPeople(em: EntityManager): Promise<DepartmentPeople[]> {
  const departments = await em.find(Department, {}, { orderBy: { number: 'asc' }, populate: ['leader', 'chief'] });
  return departments.map((d) => ({
    id: d.id,
    number: d.number,
    name: d.name,
    leaderName: d.leader?.getEntity().displayName ?? null,
    chiefName: d.chief?.getEntity().displayName ?? null,
  }));
}
