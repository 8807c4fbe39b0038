import { isBureauWide } from '../auth/scope.js';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Ctx,
  FieldResolver,
  Info,
  Int,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { badInput } from '../../graphql/errors.js';
import { requireViewer, type Context } from '../../graphql/context.js';
import { selectedFields } from '../../graphql/selection.js';
import { User } from '../auth/user.entity.js';
import { Department } from '../department/department.entity.js';
import { computeWallboard, RISK_FIELDS } from './wallboard.service.js';
import { MAX_TREND_DAYS, TrendDay, wallboardTrend } from './wallboard-trend.js';
import { DepartmentSummary, Wallboard } from './wallboard.type.js';

function subscribeWallboard({ context }: SubscribeResolverData<unknown, object, Context>) {
  return context.deps.wallboards.watch(requireViewer(context).scope);
}

@Resolver(() => Wallboard)
export class WallboardResolver {
  @Query(() => Wallboard, {
    description: 'Your wallboard: the headline figures and the 一级抓一级 table within your scope (R6), now.',
  })
  wallboard(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Wallboard> {
    const { env, clock } = ctx.deps;
    const read = [...selectedFields(info), ...selectedFields(info, ['byDepartment'])];
    const risk = RISK_FIELDS.some((field) => read.includes(field));
    return computeWallboard(ctx.em, requireViewer(ctx).scope, env, clock.now(), { risk });
  }

  @Subscription(() => Wallboard, {
    name: 'wallboard',
    subscribe: subscribeWallboard,
    description:
      'Your wallboard, now and again after every change in your scope (coalesced: at most a few updates a second).',
  })
  wallboardUpdates(@Root() board: Wallboard, @Ctx() ctx: Context): Wallboard {
    ctx.em = ctx.deps.orm.em.fork();
    return board;
  }

  @FieldResolver(() => [TrendDay], {
    description:
      'Hazards filed and closed per bureau day, oldest first, ending today (at most 90 days), within your scope.',
  })
  trend(
    @Root() board: Wallboard,
    @Ctx() ctx: Context,
    @Arg('days', () => Int, { defaultValue: 30 }) days: number,
  ): Promise<TrendDay[]> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS)
      throw badInput('common.daysRange', { max: MAX_TREND_DAYS }, 'days');
    return wallboardTrend(ctx.em, requireViewer(ctx).scope, new Date(board.asOf), ctx.deps.env.bureauTz, days);
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when the wallboard covers the whole bureau (director, analysts, admins); otherwise it covers byDepartment’s departments or one enterprise.',
  })
  bureauWide(@Ctx() ctx: Context): boolean {
    return isBureauWide(requireViewer(ctx).scope);
  }
}

@Resolver(() => DepartmentSummary)
export class DepartmentSummaryResolver {
  @FieldResolver(() => Department)
  department(@Root() summary: DepartmentSummary, @Ctx() ctx: Context): Promise<Department> {
    // References load through the per-request batch loader: one statement for every row of the table.
    return ctx.em.getReference(Department, summary.departmentId, { wrapped: true }).loadOrFail();
  }

  @FieldResolver(() => User, { nullable: true, description: 'The deputy leader over the department (分管领导).' })
  leader(@Root() summary: DepartmentSummary, @Ctx() ctx: Context): Promise<User | null> | null {
    return summary.leaderId ? ctx.em.getReference(User, summary.leaderId, { wrapped: true }).load() : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The section chief (科长).' })
  chief(@Root() summary: DepartmentSummary, @Ctx() ctx: Context): Promise<User | null> | null {
    return summary.chiefId ? ctx.em.getReference(User, summary.chiefId, { wrapped: true }).load() : null;
  }
}
