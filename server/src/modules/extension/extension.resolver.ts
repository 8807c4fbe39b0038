import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { User } from '../auth/user.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { ExtensionRequest } from './extension-request.entity.js';
import { decideExtension, requestExtension } from './extension.service.js';

@Resolver(() => ExtensionRequest)
export class ExtensionResolver {
  @Mutation(() => Hazard, {
    description: 'The enterprise asks for a later deadline, before the current one passes (R8).',
  })
  requestExtension(
    @Arg('hazardId', () => ID) hazardId: string,
    @Arg('until') until: Date,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    return requestExtension(ctx, hazardId, until, reason);
  }

  @Mutation(() => Hazard, {
    description:
      'The confirming level for the grade approves (the deadline moves) or refuses the open extension request, with a reason, before the deadline passes (R8).',
  })
  decideExtension(
    @Arg('hazardId', () => ID) hazardId: string,
    @Arg('approved') approved: boolean,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    return decideExtension(ctx, hazardId, approved, reason);
  }

  @FieldResolver(() => User, { description: 'Who asked.' })
  requestedBy(@Root() request: ExtensionRequest): Promise<User> {
    return request.requestedBy.loadOrFail();
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who decided.' })
  async decidedBy(@Root() request: ExtensionRequest): Promise<User | null> {
    return (await request.decidedBy?.load()) ?? null;
  }
}

@Resolver(() => Hazard)
export class HazardExtensionsResolver {
  @FieldResolver(() => [ExtensionRequest], {
    description: 'Deadline-extension requests and their decisions, oldest first (R8).',
  })
  extensions(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<ExtensionRequest[]> {
    return ctx.em.find(ExtensionRequest, { hazard: hazard.id }, { orderBy: { requestedAt: 'asc' } });
  }
}
