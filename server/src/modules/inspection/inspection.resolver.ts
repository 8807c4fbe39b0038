import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { User } from '../auth/user.entity.js';
import { MAX_PAGE } from '../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { Inspection, InspectionFinding } from './inspection.entity.js';
import { InspectionKind } from './inspection.enums.js';
import { InspectionFilter, InspectionInput } from './inspection.inputs.js';
import { crossCheckCounts, inspectionWhere } from './inspection.repository.js';
import { recordInspection } from './inspection.service.js';

/** All time, for per-enterprise totals. */
const EPOCH = new Date(0);
const FOREVER = new Date('9999-12-31T23:59:59Z');

@ObjectType({
  description:
    'Cross-check (比对) figures: what the bureau’s on-site inspections found against what enterprises filed.',
})
export class CrossCheckSummary {
  @Field(() => Int)
  regulatorInspections!: number;

  @Field(() => Int, { description: 'Findings on site that the enterprise had not filed.' })
  discrepancies!: number;

  @Field(() => Int, { description: 'Hazards reported closed that were found not really rectified.' })
  falseRectifications!: number;
}

@Resolver(() => Inspection)
export class InspectionResolver {
  @Mutation(() => Inspection, {
    description:
      'Records an inspection with its findings: an enterprise’s self-inspection, or the bureau’s on-site inspection with its cross-check.',
  })
  recordInspection(
    @Arg('input', () => InspectionInput) input: InspectionInput,
    @Ctx() ctx: Context,
  ): Promise<Inspection> {
    return recordInspection(ctx, input);
  }

  @Query(() => [Inspection], { description: 'Inspections you may see (R6), latest first; `first` at most 200.' })
  inspections(
    @Ctx() ctx: Context,
    @Arg('filter', () => InspectionFilter, { nullable: true }) filter?: InspectionFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
  ): Promise<Inspection[]> {
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
      throw badInput('common.pageSize', { max: MAX_PAGE }, 'first');
    return ctx.em.find(Inspection, inspectionWhere(requireViewer(ctx).scope, filter), {
      orderBy: { inspectedAt: 'desc', id: 'asc' },
      limit,
    });
  }

  @Query(() => CrossCheckSummary, {
    description: 'Discrepancies and false rectifications found by on-site inspections in [from, to], in your scope.',
  })
  crossCheck(@Arg('from') from: Date, @Arg('to') to: Date, @Ctx() ctx: Context): Promise<CrossCheckSummary> {
    if (from > to) throw badInput('common.toBeforeFrom', {}, 'to');
    return crossCheckCounts(ctx.em, requireViewer(ctx).scope, from, to);
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() inspection: Inspection): Promise<Enterprise> {
    return inspection.enterprise.loadOrFail();
  }

  @FieldResolver(() => User, { nullable: true })
  async recordedBy(@Root() inspection: Inspection): Promise<User | null> {
    return (await inspection.recordedBy?.load()) ?? null;
  }

  @FieldResolver(() => [InspectionFinding])
  findings(@Root() inspection: Inspection, @Ctx() ctx: Context): Promise<InspectionFinding[]> {
    return ctx.em.find(InspectionFinding, { inspection: inspection.id }, { orderBy: { position: 'asc' } });
  }
}

@Resolver(() => InspectionFinding)
export class InspectionFindingResolver {
  @FieldResolver(() => Hazard, { description: 'The hazard the finding is about (matched, new or reopened).' })
  hazard(@Root() finding: InspectionFinding): Promise<Hazard> {
    return finding.hazard.loadOrFail();
  }
}

@Resolver(() => Enterprise)
export class EnterpriseCrossCheckResolver {
  @FieldResolver(() => Int, {
    description: 'Hazards the bureau found on site that this enterprise had not filed (all time).',
  })
  async discrepancies(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<number> {
    return (await crossCheckCounts(ctx.em, requireViewer(ctx).scope, EPOCH, FOREVER, enterprise.id)).discrepancies;
  }

  @FieldResolver(() => Int, {
    description: 'Hazards this enterprise reported closed that were found not really rectified (all time).',
  })
  async falseRectifications(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<number> {
    return (await crossCheckCounts(ctx.em, requireViewer(ctx).scope, EPOCH, FOREVER, enterprise.id))
      .falseRectifications;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When this enterprise last recorded a self-inspection.' })
  async lastSelfInspectionAt(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<Date | null> {
    const latest = await ctx.em.findOne(
      Inspection,
      { enterprise: enterprise.id, kind: InspectionKind.SELF_INSPECTION },
      { orderBy: { inspectedAt: 'desc' } },
    );
    return latest?.inspectedAt ?? null;
  }
}
