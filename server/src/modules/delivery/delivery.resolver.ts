import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { requireViewer, type Context } from '../../graphql/context.js';
import { assertMayReadDeliveries } from '../auth/permissions.js';
import { paginate, type Page } from '../common/pagination.js';
import { Delivery, DeliverySubject } from './delivery.entity.js';

export const DeliveryConnection = connectionOf(Delivery, 'Delivery');

@Resolver(() => Delivery)
export class DeliveryResolver {
  @Query(() => DeliveryConnection, {
    description: 'The webhook delivery log, newest first (targets redacted). Director, analysts and admins.',
  })
  deliveries(
    @Ctx() ctx: Context,
    @Arg('subject', () => DeliverySubject, { nullable: true }) subject?: DeliverySubject,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<Delivery>> {
    assertMayReadDeliveries(requireViewer(ctx));
    return paginate(
      ctx.em,
      Delivery,
      subject ? { subject } : {},
      { first, after },
      { field: 'createdAt', direction: 'desc', type: 'date' },
    );
  }
}
