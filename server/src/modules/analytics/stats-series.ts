import type { EntityManager } from '@mikro-orm/knex';
import { Field, ObjectType } from 'type-graphql';
import { badInput } from '../../graphql/errors.js';
import type { Scope } from '../auth/scope.js';
import { addDays, bureauDate, bureauDayStart, isoWeekday } from '../common/bureau-time.js';
import { StatsInterval, type StatsFilter } from './stats-dimension.js';
import { groupedFigures, partsFor, type StatsPeriod, type StatsWindows } from './stats-sql.js';
import { Stats } from './stats.service.js';

/** More points than a chart can show is a mistake in the request, not a reason for a long query. */
export const MAX_POINTS = 1000;

@ObjectType({
  description:
    'One point of `statsSeries`: the records of [start, end) (the last point: [start, `to`]); counts add up to `stats` over the whole period, rates are taken at `end` (or now if earlier).',
})
export class StatsPoint {
  @Field()
  start!: Date;

  @Field()
  end!: Date;

  @Field(() => Stats)
  stats!: Stats;
}

function nextBoundary(date: string, interval: StatsInterval): string {
  if (interval === StatsInterval.DAY) return addDays(date, 1);
  if (interval === StatsInterval.WEEK) return addDays(date, 7);
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function firstBoundary(date: string, interval: StatsInterval): string {
  if (interval === StatsInterval.DAY) return date;
  if (interval === StatsInterval.WEEK) return addDays(date, 1 - isoWeekday(date));
  return `${date.slice(0, 7)}-01`;
}

/** The points of [from, to] cut at the bureau's calendar boundaries (BUREAU_TZ). */
export function seriesPeriods(
  from: Date,
  to: Date,
  interval: StatsInterval,
  timeZone: string,
  now: Date,
): StatsPeriod[] {
  const periods: StatsPeriod[] = [];
  const stop = new Date(to.getTime() + 1);
  let date = firstBoundary(bureauDate(from, timeZone), interval);
  let start = from;
  while (start < stop) {
    date = nextBoundary(date, interval);
    const boundary = bureauDayStart(date, timeZone);
    const end = boundary < stop ? boundary : stop;
    if (end > start) {
      const last = new Date(end.getTime() - 1);
      periods.push({ start, end, at: last < now ? last : now });
    }
    start = end;
    if (periods.length > MAX_POINTS) {
      throw badInput('common.seriesTooLong', { max: MAX_POINTS }, 'interval');
    }
  }
  return periods;
}

/** `statsSeries`: every point from the same statements, whatever their number. */
export async function computeStatsSeries(
  em: EntityManager,
  scope: Scope,
  windows: StatsWindows,
  timeZone: string,
  from: Date,
  to: Date,
  interval: StatsInterval,
  filter: StatsFilter | null | undefined,
  now: Date,
  fields?: ReadonlySet<string>,
): Promise<StatsPoint[]> {
  if (to < from) throw badInput('common.toBeforeFrom', {}, 'to');
  const periods = seriesPeriods(from, to, interval, timeZone, now);
  const until = to < now ? to : now;
  const figures = await groupedFigures(
    em,
    scope,
    windows,
    filter,
    periods,
    { kind: 'period' },
    from,
    until,
    partsFor(fields),
  );
  return periods.map((p, i) => ({
    start: p.start,
    end: i === periods.length - 1 ? to : p.end,
    stats: figures.get(String(i)),
  }));
}
