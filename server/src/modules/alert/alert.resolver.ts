import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { requestLoader } from '../../graphql/request-loader.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { AlertKind } from './alert-kind.js';
import { Alert } from './alert.entity.js';
import { currentAlerts } from './alert.service.js';

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => [Alert], {
    description:
      'The three displays as they stand now, within your scope (R6), oldest first; `kind` picks one display.',
  })
  alerts(@Ctx() ctx: Context, @Arg('kind', () => AlertKind, { nullable: true }) kind?: AlertKind): Promise<Alert[]> {
    return currentAlerts(ctx.em, requireViewer(ctx).scope, kind);
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise concerned.' })
  enterprise(@Root() alert: Alert): Promise<Enterprise> {
    return alert.enterprise.loadOrFail();
  }

  @FieldResolver(() => Hazard, { nullable: true, description: 'The overdue hazard (OVERDUE only).' })
  async hazard(@Root() alert: Alert): Promise<Hazard | null> {
    return (await alert.hazard?.load()) ?? null;
  }
}

@Resolver(() => Enterprise)
export class EnterpriseAlertsResolver {
  @FieldResolver(() => [Alert], {
    description: 'The displays that stand for this enterprise now (no login, no filing, overdue hazards).',
  })
  async alerts(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<Alert[]> {
    const load = requestLoader(ctx, 'Enterprise.alerts', async (ids: readonly string[]) => {
      const rows = await ctx.em.find(
        Alert,
        { enterprise: { $in: [...ids] }, clearedAt: null },
        { orderBy: { since: 'asc', id: 'asc' } },
      );
      const byEnterprise = new Map<string, Alert[]>();
      for (const row of rows)
        byEnterprise.set(row.enterprise.id, [...(byEnterprise.get(row.enterprise.id) ?? []), row]);
      return byEnterprise;
    });
    return (await load(enterprise.id)) ?? [];
  }
}
