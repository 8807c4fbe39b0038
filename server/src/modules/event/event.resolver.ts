import type { FilterQuery } from '@mikro-orm/core';
import {
  Arg,
  Ctx,
  FieldResolver,
  Int,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { Alert } from '../alert/alert.entity.js';
import { enterpriseScopeWhere, eventScopeWhere } from '../auth/scope.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { findEnterpriseInScope } from '../enterprise/enterprise.repository.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { findHazardInScope } from '../hazard/hazard.repository.js';
import { highestSeq } from './event-log.js';
import { eventStream } from './event-stream.js';
import type { LiveEvent } from './live-event.js';
import { EventRecord } from './event-record.entity.js';
import { EventMessage } from './event.type.js';
import { EventKind } from './event-kind.js';
import { alertIdOf } from './live-event.js';

/** The replay horizon in whole hours, for the refusal's sentence. */
const horizonHours = (ms: number) => Math.round(ms / 3_600_000);

async function subscribeEvents({ args, context }: SubscribeResolverData<unknown, { since?: number | null }, Context>) {
  const viewer = requireViewer(context);
  const since = args.since ?? null;
  if (since !== null && since < 0) throw badInput('common.sinceInvalid', {}, 'since');
  if (since !== null) {
    // A resumption, not an export: the log older than the horizon is read through hazards and stats.
    const { env, clock } = context.deps;
    const first = await context.em.findOne(
      EventRecord,
      { $and: [{ seq: { $gt: since } }, eventScopeWhere(viewer.scope) as FilterQuery<EventRecord>] },
      { orderBy: { seq: 'asc' }, fields: ['seq', 'at'] },
    );
    if (first && new Date(first.at).getTime() < clock.now().getTime() - env.replayHorizonMs)
      throw badInput('common.sinceBeyondHorizon', { hours: horizonHours(env.replayHorizonMs) }, 'since');
  }
  return eventStream(context.deps.orm, context.deps.events, viewer.scope, since, {
    congested: context.congested,
  });
}

@Resolver(() => EventMessage)
export class EventResolver {
  @Query(() => Int, {
    description:
      'The seq of the newest event you may see (0 when none): subscribe to `events(since:)` with it to miss nothing from here on.',
  })
  async latestEventSeq(@Ctx() ctx: Context): Promise<number> {
    return highestSeq(ctx.em, eventScopeWhere(requireViewer(ctx).scope) as FilterQuery<EventRecord>);
  }

  @Subscription(() => EventMessage, {
    subscribe: subscribeEvents,
    description:
      'Events about the enterprises you may see (R6), in commit order. With `since`, first every stored event after that seq, then live ones, with no gap and no duplicate.',
  })
  events(
    @Root() event: LiveEvent,
    @Ctx() ctx: Context,
    @Arg('since', () => Int, {
      nullable: true,
      description: 'Replay stored events with a greater seq first (0: all of them).',
    })
    _since?: number,
  ): EventMessage {
    // A long-lived operation reads each event with a fresh identity map, never one cached since it started.
    ctx.em = ctx.deps.orm.em.fork();
    return event;
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: 'The enterprise it is about.' })
  enterprise(@Root() event: EventMessage, @Ctx() ctx: Context): Promise<Enterprise | null> | Enterprise | null {
    if (event.preloaded) return event.preloaded.enterprise ?? null;
    return event.enterpriseId ? findEnterpriseInScope(ctx.em, requireViewer(ctx).scope, event.enterpriseId) : null;
  }

  @FieldResolver(() => Hazard, { nullable: true, description: 'The hazard it is about, if any.' })
  hazard(@Root() event: EventMessage, @Ctx() ctx: Context): Promise<Hazard | null> | Hazard | null {
    if (event.preloaded) return event.preloaded.hazard ?? null;
    return event.hazardId ? findHazardInScope(ctx.em, requireViewer(ctx).scope, event.hazardId) : null;
  }

  @FieldResolver(() => Alert, {
    nullable: true,
    description: 'The display raised or cleared (ALERT_RAISED, ALERT_CLEARED).',
  })
  alert(@Root() event: EventMessage, @Ctx() ctx: Context): Promise<Alert | null> | Alert | null {
    if (event.preloaded) return event.preloaded.alert ?? null;
    const alertId = alertIdOf(event);
    if (!alertId) return null;
    return ctx.em.findOne(Alert, {
      $and: [{ id: alertId }, { enterprise: enterpriseScopeWhere(requireViewer(ctx).scope) }],
    } as FilterQuery<Alert>);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Kind-specific facts as JSON (grade, title, deadline, alert kind…).',
  })
  data(@Root() event: EventMessage): string | null {
    return event.payload ? JSON.stringify(event.payload) : null;
  }

  @FieldResolver(() => Boolean, {
    description:
      'A RECTIFICATION_REJECTED that an on-site inspection caused by reopening a closed hazard (R4), not a verifier’s rejection. ' +
      'A wallboard words the two apart without reading `data`, which a kiosk may not see.',
  })
  reopened(@Root() event: EventMessage): boolean {
    return event.kind === EventKind.RECTIFICATION_REJECTED && !!event.payload && 'reopened' in event.payload
      ? event.payload.reopened === true
      : false;
  }
}
