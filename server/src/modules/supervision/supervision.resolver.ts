import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { requestLoader } from '../../graphql/request-loader.js';
import { DateScalar } from '../../graphql/scalars/date.scalar.js';
import { assertMayReadInspectionPlan } from '../auth/permissions.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { SupervisionClassChange } from './supervision-standing.entity.js';
import { SupervisionClass } from './supervision.rules.js';
import { inspectionPlan, supervisionStandings, type Standing } from './supervision.service.js';

@ObjectType({ description: 'One line of the bureau’s inspection plan (R15) for a year.' })
export class PlannedInspection {
  @Field(() => Enterprise)
  enterprise!: Enterprise;

  @Field(() => SupervisionClass)
  supervisionClass!: SupervisionClass;

  @Field(() => [String], { description: 'Why the enterprise has this class (zh-CN sentences).' })
  reasons!: string[];

  @Field(() => Int, { description: 'On-site inspections recommended this year for its class, within INSPECTION_CAP.' })
  recommended!: number;

  @Field(() => Int, { description: 'On-site inspections (REGULATOR_INSPECTION) recorded in that year.' })
  done!: number;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'When the next visit falls due, the year’s visits spread evenly; a past date is behind schedule.',
  })
  nextDue!: string | null;

  @Field({ description: 'The class asks for more visits than INSPECTION_CAP allows.' })
  overCap!: boolean;
}

function standingOf(ctx: Context, enterprise: Enterprise): Promise<Standing | undefined> {
  const load = requestLoader(ctx, 'Enterprise.supervision', async (ids: readonly string[]) => {
    const enterprises = await ctx.em.find(Enterprise, { id: { $in: [...ids] } });
    return supervisionStandings(ctx.em, ctx.deps.env, enterprises, ctx.deps.clock.now());
  });
  return load(enterprise.id);
}

@Resolver(() => Enterprise)
export class EnterpriseSupervisionResolver {
  @FieldResolver(() => SupervisionClass, {
    description: 'Its supervision class (R15) now, from its risk level and its record over the last 12 months.',
  })
  async supervisionClass(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<SupervisionClass> {
    return (await standingOf(ctx, enterprise))!.supervisionClass;
  }

  @FieldResolver(() => [String], { description: 'Why it has that class, one zh-CN sentence per rule that decided it.' })
  async supervisionReasons(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<string[]> {
    return (await standingOf(ctx, enterprise))!.reasons;
  }

  @FieldResolver(() => [SupervisionClassChange], {
    description: 'The classes it was given, newest first: the first one, then each change (SUPERVISION_CLASS_CHANGED).',
  })
  supervisionHistory(
    @Root() enterprise: Enterprise,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<SupervisionClassChange[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('common.pageSize', { max: 100 }, 'first');
    return ctx.em.find(
      SupervisionClassChange,
      { enterprise: enterprise.id },
      { orderBy: { at: 'desc', id: 'desc' }, limit: first },
    );
  }
}

@Resolver(() => SupervisionClassChange)
export class SupervisionClassChangeResolver {
  @FieldResolver(() => [String], { description: 'Why it was given that class (zh-CN sentences).' })
  reasons(@Root() change: SupervisionClassChange): string[] {
    return JSON.parse(change.reasonsJson) as string[];
  }
}

@Resolver(() => PlannedInspection)
export class InspectionPlanResolver {
  @Query(() => [PlannedInspection], {
    description:
      'The inspection plan for a year (R15): per enterprise in your scope, its class, recommended and recorded on-site visits, the next due date and whether the cap cuts it.',
  })
  inspectionPlan(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<PlannedInspection[]> {
    const viewer = requireViewer(ctx);
    assertMayReadInspectionPlan(viewer);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('supervision.yearInvalid', {}, 'year');
    return inspectionPlan(ctx.em, ctx.deps.env, viewer.scope, year, ctx.deps.clock.now());
  }
}
