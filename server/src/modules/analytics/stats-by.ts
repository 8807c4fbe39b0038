import type { EntityManager } from '@mikro-orm/knex';
import { Field, ObjectType } from 'type-graphql';
import { badInput } from '../../graphql/errors.js';
import { enterpriseScopeSql, type Scope } from '../auth/scope.js';
import { HazardGrade, HazardSource } from '../hazard/hazard.enums.js';
import { StatsDimension, type StatsFilter } from './stats-dimension.js';
import { DIMENSION_VALUE_LABELS } from './stats-labels.js';
import { groupedFigures, partsFor, type StatsWindows } from './stats-sql.js';
import { Stats } from './stats.service.js';

@ObjectType({
  description:
    'One group of `statsBy`: its counts add up, over the groups of a dimension, to those of `stats` for the same period.',
})
export class StatsGroup {
  @Field({
    description:
      'The id (department, deputy leader, township, enterprise) or enum value (industry, grade, source); `none` for no deputy leader.',
  })
  key!: string;

  @Field({ description: 'What the bureau calls it (Chinese).' })
  label!: string;

  @Field(() => Stats)
  stats!: Stats;
}

interface Candidate {
  key: string;
  label: string;
}

/** Every group the viewer may see, even one with nothing in the period, in the order a table lists them. */
async function candidates(em: EntityManager, scope: Scope, by: StatsDimension): Promise<Candidate[]> {
  if (by === StatsDimension.GRADE)
    return Object.values(HazardGrade).map((g) => ({ key: g, label: DIMENSION_VALUE_LABELS[g] }));
  if (by === StatsDimension.SOURCE) {
    return Object.values(HazardSource).map((s) => ({ key: s, label: DIMENSION_VALUE_LABELS[s] }));
  }
  const where = enterpriseScopeSql(scope, 'e');
  const from = `enterprise e join department d on d.id = e.department_id`;
  const queries: Record<string, string> = {
    [StatsDimension.DEPARTMENT]: `select distinct d.id as k, d.name as label, d.number as ord from ${from} where ${where.sql} order by ord`,
    [StatsDimension.LEADER]: `select distinct coalesce(cast(d.leader_id as text), 'none') as k, u.display_name as label from ${from} left join app_user u on u.id = d.leader_id where ${where.sql} order by label`,
    [StatsDimension.TOWNSHIP]: `select distinct t.id as k, t.name as label from ${from} join township t on t.id = e.township_id where ${where.sql} order by label`,
    [StatsDimension.INDUSTRY]: `select distinct e.industry as k from ${from} where ${where.sql} order by k`,
    [StatsDimension.ENTERPRISE]: `select e.id as k, e.name as label, e.code as ord from ${from} where ${where.sql} order by ord`,
  };
  const rows: Array<{ k: string; label?: string | null }> = await em.execute(queries[by]!, where.bindings);
  return rows.map((r) => ({
    key: String(r.k),
    label:
      r.label ?? DIMENSION_VALUE_LABELS[String(r.k)] ?? (r.k === 'none' ? DIMENSION_VALUE_LABELS.none! : String(r.k)),
  }));
}

/** `statsBy`: all groups from the same few statements, whatever their number. */
export async function computeStatsBy(
  em: EntityManager,
  scope: Scope,
  windows: StatsWindows,
  from: Date,
  to: Date,
  by: StatsDimension,
  filter: StatsFilter | null | undefined,
  now: Date,
  fields?: ReadonlySet<string>,
): Promise<StatsGroup[]> {
  if (to < from) throw badInput('common.toBeforeFrom', {}, 'to');
  const until = to < now ? to : now;
  const period = { start: from, end: new Date(to.getTime() + 1), at: until };
  const [groups, figures] = await Promise.all([
    candidates(em, scope, by),
    groupedFigures(
      em,
      scope,
      windows,
      filter,
      [period],
      { kind: 'dimension', dimension: by },
      from,
      until,
      partsFor(fields),
    ),
  ]);
  // A record under a group the listing missed (it cannot happen within scope) still counts, never silently dropped.
  const listed = new Set(groups.map((g) => g.key));
  const extra = figures
    .keys()
    .filter((k) => !listed.has(k))
    .map((key) => ({ key, label: key }));
  return [...groups, ...extra].map(({ key, label }) => ({ key, label, stats: figures.get(key) }));
}
