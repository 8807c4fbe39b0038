import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { selectedFields } from '../../graphql/selection.js';
import { computeStatsBy, StatsGroup } from './stats-by.js';
import { StatsDimension, StatsFilter, StatsInterval } from './stats-dimension.js';
import { computeStatsSeries, StatsPoint } from './stats-series.js';

@Resolver()
export class StatsByResolver {
  @Query(() => [StatsGroup], {
    description:
      'The `stats` of [from, to] split by a dimension, within your scope (a section chief sees their department’s groups only); counts of the groups add up to `stats`.',
  })
  statsBy(
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('by', () => StatsDimension) by: StatsDimension,
    @Arg('filter', () => StatsFilter, { nullable: true }) filter: StatsFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StatsGroup[]> {
    const viewer = requireViewer(ctx);
    const fields = selectedFields(info, ['stats']);
    return computeStatsBy(ctx.em, viewer.scope, ctx.deps.env, from, to, by, filter, ctx.deps.clock.now(), fields);
  }

  @Query(() => [StatsPoint], {
    description:
      'The `stats` of [from, to] as a series of days, weeks or months in the bureau’s time zone, within your scope; counts of the points add up to `stats`.',
  })
  statsSeries(
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('interval', () => StatsInterval) interval: StatsInterval,
    @Arg('filter', () => StatsFilter, { nullable: true }) filter: StatsFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StatsPoint[]> {
    const viewer = requireViewer(ctx);
    const { env, clock } = ctx.deps;
    const fields = selectedFields(info, ['stats']);
    return computeStatsSeries(ctx.em, viewer.scope, env, env.bureauTz, from, to, interval, filter, clock.now(), fields);
  }
}
