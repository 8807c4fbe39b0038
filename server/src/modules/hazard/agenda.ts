import type { EntityManager } from '@mikro-orm/knex';
import { Field, Int, ObjectType } from 'type-graphql';
import { hazardScopeWhere, type Scope } from '../auth/scope.js';
import { bureauDate } from '../common/bureau-time.js';
import { DAY_MS } from '../common/duration.js';
import { DIRECTORS_GRADES } from '../auth/confirmer.js';
import { Hazard } from './hazard.entity.js';
import { OPEN_STATUSES } from './open.js';
import { isOverdue } from './overdue.js';

@ObjectType({ description: 'One item for the director’s office meeting (局长办公会): an open MAJOR hazard.' })
export class AgendaItem {
  @Field(() => Hazard)
  hazard!: Hazard;

  @Field(() => Int, {
    nullable: true,
    description: 'Calendar days (bureau time) from today to the deadline; 0 is today, negative is past.',
  })
  daysToDeadline!: number | null;

  @Field()
  overdue!: boolean;

  @Field({
    description:
      'R5: the hazard owes its governance plan (graded up to MAJOR, no plan submitted yet); the enterprise is to submit it.',
  })
  planOwed!: boolean;
}

/** Whole bureau-calendar days from `now` to `deadline`. */
export function daysBetween(now: Date, deadline: Date, timeZone: string): number {
  const day = (d: Date) => Date.parse(`${bureauDate(d, timeZone)}T00:00:00Z`) / DAY_MS;
  return Math.round(day(deadline) - day(now));
}

/** Open hazards of the grade the director confirms (R5), nearest deadline first, within the viewer's scope. */
export async function majorHazardAgenda(
  em: EntityManager,
  scope: Scope,
  now: Date,
  timeZone: string,
): Promise<AgendaItem[]> {
  const hazards = await em.find(
    Hazard,
    { $and: [hazardScopeWhere(scope), { grade: { $in: [...DIRECTORS_GRADES] }, status: { $in: [...OPEN_STATUSES] } }] },
    { orderBy: { deadline: 'asc', filedAt: 'asc' }, limit: 500 },
  );
  return hazards.map((hazard) => ({
    hazard,
    daysToDeadline: hazard.deadline ? daysBetween(now, hazard.deadline, timeZone) : null,
    overdue: isOverdue(hazard, now),
    planOwed: !hazard.planObjectives,
  }));
}
