import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import type { Page } from '../common/pagination.js';
import { Department } from '../department/department.entity.js';
import { HazardConnection } from '../hazard/hazard.connection.js';
import type { Hazard } from '../hazard/hazard.entity.js';
import { HazardFilter } from '../hazard/hazard.inputs.js';
import { listHazards } from '../hazard/hazard.repository.js';
import { Township } from '../township/township.entity.js';
import { EnterpriseConnection } from './enterprise.connection.js';
import { Enterprise } from './enterprise.entity.js';
import { EnterpriseFilter } from './enterprise.inputs.js';
import { findEnterpriseInScope, listEnterprises } from './enterprise.repository.js';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => EnterpriseConnection, {
    description: 'The enterprises you may see (R6), by code. `first` is at most 200.',
  })
  enterprises(
    @Ctx() ctx: Context,
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter?: EnterpriseFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<Enterprise>> {
    return listEnterprises(ctx.em, requireViewer(ctx).scope, filter, { first, after });
  }

  @Query(() => Enterprise, {
    nullable: true,
    description: 'One enterprise, or null if it does not exist or is outside your scope.',
  })
  enterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return findEnterpriseInScope(ctx.em, requireViewer(ctx).scope, id);
  }

  @FieldResolver(() => Township)
  async township(@Root() enterprise: Enterprise): Promise<Township> {
    return enterprise.township.loadOrFail();
  }

  @FieldResolver(() => Department, { description: 'The department that supervises this enterprise.' })
  async department(@Root() enterprise: Enterprise): Promise<Department> {
    return enterprise.department.loadOrFail();
  }

  @FieldResolver(() => HazardConnection, { description: 'This enterprise’s hazards (its ledger, 台账), newest first.' })
  hazards(
    @Root() enterprise: Enterprise,
    @Ctx() ctx: Context,
    @Arg('filter', () => HazardFilter, { nullable: true }) filter?: HazardFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<Hazard>> {
    const scoped = { ...filter, enterpriseId: enterprise.id } as HazardFilter;
    return listHazards(ctx.em, requireViewer(ctx).scope, scoped, { first, after }, ctx.deps.clock.now());
  }
}
