import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { selectedFields } from '../../graphql/selection.js';
import { computeStats, Stats } from './stats.service.js';

@Resolver(() => Stats)
export class StatsResolver {
  @Query(() => Stats, {
    description:
      'Counts of what happened in [from, to] within your scope, and the R10 rates (login and filing at `to`, or now if earlier; on-time over the period).',
  })
  stats(
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Stats> {
    const viewer = requireViewer(ctx);
    return computeStats(ctx.em, viewer.scope, ctx.deps.env, from, to, ctx.deps.clock.now(), selectedFields(info));
  }
}
