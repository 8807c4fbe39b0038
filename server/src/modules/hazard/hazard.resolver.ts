import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { User } from '../auth/user.entity.js';
import type { Page } from '../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { GovernancePlan } from './governance-plan.type.js';
import { HazardConnection } from './hazard.connection.js';
import { Hazard } from './hazard.entity.js';
import { FileHazardInput, HazardFilter } from './hazard.inputs.js';
import { findHazardInScope, listHazards } from './hazard.repository.js';
import { fileHazard } from './hazard.service.js';
import { isOverdue } from './overdue.js';

@Resolver(() => Hazard)
export class HazardResolver {
  @Query(() => HazardConnection, {
    description: 'Hazards you may see (R6), newest filing first. `first` is at most 200.',
  })
  hazards(
    @Ctx() ctx: Context,
    @Arg('filter', () => HazardFilter, { nullable: true }) filter?: HazardFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<Hazard>> {
    return listHazards(ctx.em, requireViewer(ctx).scope, filter, { first, after }, ctx.deps.clock.now());
  }

  @Query(() => Hazard, {
    nullable: true,
    description: 'One hazard, or null if it does not exist or is outside your scope.',
  })
  hazard(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Hazard | null> {
    return findHazardInScope(ctx.em, requireViewer(ctx).scope, id);
  }

  @Mutation(() => Hazard, {
    description: 'Files a hazard. The server stamps filedAt; a discoveredAt more than 5 minutes ahead is refused (R1).',
  })
  fileHazard(@Arg('input', () => FileHazardInput) input: FileHazardInput, @Ctx() ctx: Context): Promise<Hazard> {
    return fileHazard(ctx, input);
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() hazard: Hazard): Promise<Enterprise> {
    return hazard.enterprise.loadOrFail();
  }

  @FieldResolver(() => Boolean, {
    description: 'Past its deadline and not closed (a late submission stays overdue until closed).',
  })
  overdue(@Root() hazard: Hazard, @Ctx() ctx: Context): boolean {
    return isOverdue(hazard, ctx.deps.clock.now());
  }

  @FieldResolver(() => GovernancePlan, {
    nullable: true,
    description:
      'The governance plan (R5). Null for a MAJOR hazard means the plan is owed: the enterprise is to submit it (submitGovernancePlan).',
  })
  governancePlan(@Root() hazard: Hazard): GovernancePlan | null {
    if (!hazard.planObjectives) return null;
    return {
      objectives: hazard.planObjectives,
      funding: hazard.planFunding ?? '',
      emergencyMeasures: hazard.planEmergencyMeasures ?? '',
    };
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who filed it.' })
  async filedBy(@Root() hazard: Hazard): Promise<User | null> {
    return (await hazard.filedBy?.load()) ?? null;
  }

  @FieldResolver(() => [AuditEntry], { description: 'Every recorded change to this hazard, oldest first (R7).' })
  history(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<AuditEntry[]> {
    return ctx.em.find(AuditEntry, { subjectId: hazard.id }, { orderBy: { seq: 'asc' } });
  }
}
