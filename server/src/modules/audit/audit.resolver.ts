import { Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { User } from '../auth/user.entity.js';
import { assertMayVerifyAuditChain } from '../auth/permissions.js';
import { AuditEntry } from './audit-entry.entity.js';
import { verifyAuditChain } from './audit.service.js';

@ObjectType({ description: 'Whether the history chain is intact (R7).' })
export class AuditChainStatus {
  @Field({ description: 'True when every entry’s hash and link recompute.' })
  valid!: boolean;

  @Field(() => Int, { description: 'How many entries the chain holds.' })
  length!: number;

  @Field(() => Int, { nullable: true, description: 'The first entry that was edited, removed or reordered.' })
  firstBrokenSeq!: number | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditChainStatus, {
    description: 'Recomputes the whole history chain and reports the first broken entry, if any. Bureau staff only.',
  })
  auditChain(@Ctx() ctx: Context): Promise<AuditChainStatus> {
    const viewer = requireViewer(ctx);
    assertMayVerifyAuditChain(viewer);
    return verifyAuditChain(ctx.em);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who made the change (null for the system).' })
  async actor(@Root() entry: AuditEntry): Promise<User | null> {
    return (await entry.actor?.load()) ?? null;
  }
}
