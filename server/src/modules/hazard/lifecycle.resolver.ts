import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { Role } from '../auth/role.js';
import { AgendaItem, majorHazardAgenda } from './agenda.js';
import { CONFIRMING_ROLE } from '../auth/confirmer.js';
import { Hazard } from './hazard.entity.js';
import { HazardGrade } from './hazard.enums.js';
import { GovernancePlanInput } from './hazard.inputs.js';
import { regradeHazard, submitGovernancePlan, submitRectification, verifyRectification } from './lifecycle.service.js';

/** The closed loop after filing (R4, R5): thin translations to lifecycle.service. */
@Resolver(() => Hazard)
export class HazardLifecycleResolver {
  @Mutation(() => Hazard, {
    description:
      'The enterprise (or a supervisor in scope) reports the rectification done: RECTIFYING → PENDING_VERIFICATION. photoIds are after-photos from POST /uploads.',
  })
  submitRectification(
    @Arg('hazardId', () => ID) hazardId: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string,
    @Arg('photoIds', () => [ID], { nullable: true }) photoIds?: string[],
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Any string unique to this report: a retry with the same key and input returns the first result.',
    })
    idempotencyKey?: string,
    @Arg('queuedAt', () => Date, {
      nullable: true,
      description: 'When the report was queued in an outbox (field app); more than 5 minutes ahead is refused.',
    })
    queuedAt?: Date,
  ): Promise<Hazard> {
    return submitRectification(ctx, hazardId, note, photoIds, { idempotencyKey, queuedAt });
  }

  @Mutation(() => Hazard, {
    description:
      'The confirming level for the grade (R5) accepts (→ CLOSED) or rejects (→ RECTIFYING; comment required) a reported rectification.',
  })
  verifyRectification(
    @Arg('hazardId', () => ID) hazardId: string,
    @Arg('accepted') accepted: boolean,
    @Ctx() ctx: Context,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ): Promise<Hazard> {
    return verifyRectification(ctx, hazardId, accepted, comment);
  }

  @Mutation(() => Hazard, {
    description:
      'A supervisor in scope changes the grade, with a reason; the confirming level follows. Grading up to MAJOR never fails for want of a plan (R5): the hazard is MAJOR at once and owes its plan (governancePlan null) until the enterprise submits it; a governancePlan given here is kept.',
  })
  regradeHazard(
    @Arg('hazardId', () => ID) hazardId: string,
    @Arg('grade', () => HazardGrade) grade: HazardGrade,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
    @Arg('governancePlan', () => GovernancePlanInput, { nullable: true }) governancePlan?: GovernancePlanInput,
  ): Promise<Hazard> {
    return regradeHazard(ctx, hazardId, grade, reason, governancePlan);
  }

  @Mutation(() => Hazard, {
    description:
      'R5: gives the governance plan a MAJOR hazard owes (objectives, funding, emergency measures), once, while it is open: the enterprise, or staff in scope for it.',
  })
  submitGovernancePlan(
    @Arg('hazardId', () => ID) hazardId: string,
    @Arg('plan', () => GovernancePlanInput) plan: GovernancePlanInput,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    return submitGovernancePlan(ctx, hazardId, plan);
  }

  @Query(() => [AgendaItem], {
    description:
      'The director’s office-meeting agenda: open MAJOR hazards you may see, nearest deadline first, with days to deadline.',
  })
  majorHazardAgenda(@Ctx() ctx: Context): Promise<AgendaItem[]> {
    const viewer = requireViewer(ctx);
    return majorHazardAgenda(ctx.em, viewer.scope, ctx.deps.clock.now(), ctx.deps.env.bureauTz);
  }

  @FieldResolver(() => Role, { description: 'Who confirms this hazard’s rectification, by its grade (R5).' })
  confirmingRole(@Root() hazard: Hazard): Role {
    return CONFIRMING_ROLE[hazard.grade];
  }
}
