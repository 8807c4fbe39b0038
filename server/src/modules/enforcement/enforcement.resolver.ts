import { Arg, Ctx, FieldResolver, Float, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { User } from '../auth/user.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { EnforcementAction } from './enforcement.entity.js';
import { EnforcementInput } from './enforcement.inputs.js';
import { CLOSURE_PENALTIES, majorPenaltiesWithinWindow, recordEnforcement } from './enforcement.service.js';

@Resolver(() => EnforcementAction)
export class EnforcementResolver {
  @Mutation(() => EnforcementAction, {
    description:
      'Records a summons, case filed, penalty (amount, yuan) or suspension (days) against an enterprise in scope, optionally tied to its hazards (R9).',
  })
  recordEnforcement(
    @Arg('input', () => EnforcementInput) input: EnforcementInput,
    @Ctx() ctx: Context,
  ): Promise<EnforcementAction> {
    return recordEnforcement(ctx, input);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'PENALTY: the amount in yuan.' })
  amount(@Root() action: EnforcementAction): number | null {
    return action.amountFen == null ? null : Number(action.amountFen) / 100;
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() action: EnforcementAction): Promise<Enterprise> {
    return action.enterprise.loadOrFail();
  }

  @FieldResolver(() => User, { nullable: true })
  async recordedBy(@Root() action: EnforcementAction): Promise<User | null> {
    return (await action.recordedBy?.load()) ?? null;
  }

  @FieldResolver(() => [Hazard], { description: 'The hazards the action is about.' })
  async hazards(@Root() action: EnforcementAction): Promise<Hazard[]> {
    return (await action.hazards.load()).getItems();
  }
}

@Resolver(() => Enterprise)
export class EnterpriseEnforcementResolver {
  @FieldResolver(() => [EnforcementAction], {
    description: 'Enforcement actions against this enterprise, latest first.',
  })
  enforcementActions(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<EnforcementAction[]> {
    return ctx.em.find(
      EnforcementAction,
      { enterprise: enterprise.id },
      { orderBy: { recordedAt: 'desc', id: 'asc' } },
    );
  }

  @FieldResolver(() => Boolean, {
    description: `Collected ${CLOSURE_PENALTIES} or more penalties for major hazards within 180 days: closure may be proposed (Work Safety Law).`,
  })
  async closureProposed(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<boolean> {
    return (await majorPenaltiesWithinWindow(ctx.em, enterprise.id, ctx.deps.clock.now())) >= CLOSURE_PENALTIES;
  }
}
