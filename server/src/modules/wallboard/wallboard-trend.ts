import type { EntityManager } from '@mikro-orm/knex';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Scope } from '../auth/scope.js';
import { countedHazardWhere } from '../enterprise/standing.js';
import { addDays, bureauDate, bureauDayStart } from '../common/bureau-time.js';
import { Hazard } from '../hazard/hazard.entity.js';

@ObjectType({ description: 'One bureau day of the wallboard trend: hazards filed and hazards closed.' })
export class TrendDay {
  @Field({ description: 'The bureau calendar date, YYYY-MM-DD.' })
  date!: string;

  @Field(() => Int, { description: 'Hazards filed that day (server time of filing).' })
  filed!: number;

  @Field(() => Int, {
    description:
      'Hazards closed that day after a verified rectification (on-the-spot closures are counted as filed only).',
  })
  closed!: number;
}

/** At most this many days: the trend is a wallboard chart, not an analysis. */
export const MAX_TREND_DAYS = 90;

/** Filed and closed per bureau day over the last `days` days up to today, within the scope (R6). */
export async function wallboardTrend(
  em: EntityManager,
  scope: Scope,
  now: Date,
  timeZone: string,
  days: number,
): Promise<TrendDay[]> {
  const today = bureauDate(now, timeZone);
  const first = addDays(today, -(days - 1));
  const from = bureauDayStart(first, timeZone);
  const where = countedHazardWhere(scope);
  // Plain rows (QB execute), not entities: only two timestamps per hazard are needed.
  const [filed, closed] = await Promise.all([
    em
      .createQueryBuilder(Hazard, 'h')
      .select(['h.filed_at'])
      .where({ $and: [where, { filedAt: { $gte: from } }] } as never)
      .execute<Array<Record<string, unknown>>>('all'),
    em
      .createQueryBuilder(Hazard, 'h')
      .select(['h.closed_at'])
      .where({ $and: [where, { closedAt: { $gte: from }, rectifiedOnSpot: false }] } as never)
      .execute<Array<Record<string, unknown>>>('all'),
  ]);
  const byDate = new Map<string, TrendDay>();
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i);
    byDate.set(date, { date, filed: 0, closed: 0 });
  }
  const at = (value: unknown) => (value instanceof Date ? value : new Date(value as string | number));
  for (const row of filed) {
    const day = byDate.get(bureauDate(at(row['filedAt'] ?? row['filed_at']), timeZone));
    if (day) day.filed++;
  }
  for (const row of closed) {
    const day = byDate.get(bureauDate(at(row['closedAt'] ?? row['closed_at']), timeZone));
    if (day) day.closed++;
  }
  return [...byDate.values()];
}
