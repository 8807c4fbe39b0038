import type { FilterQuery } from '@mikro-orm/core';
import type { Orm } from '../../config/database.js';
import { log } from '../../config/log.js';
import {
  enterpriseScopeWhere,
  eventScopeWhere,
  hazardScopeWhere,
  scopeAllowsEvent,
  type Scope,
} from '../auth/scope.js';
import { AsyncQueue } from '../common/async-queue.js';
import { Alert } from '../alert/alert.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { EventRecord } from './event-record.entity.js';
import { alertIdOf, toLiveEvent, type LiveEvent, type LiveEvents } from './live-event.js';

const REPLAY_PAGE = 200;
/** Replay pauses while this many events wait to be sent, so a slow client cannot make the server buffer the whole log. */
const REPLAY_HIGH_WATER = 2_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const yieldToOthers = () => new Promise((resolve) => setImmediate(resolve));

export interface StreamOptions {
  /** True while the subscriber's socket still holds too much unsent data: replay waits (bounded memory). */
  congested?: () => boolean;
}

/** A page's enterprises, hazards and alerts in three statements, within scope, instead of three per event. */
async function preload(orm: Orm, scope: Scope, events: LiveEvent[]): Promise<void> {
  const em = orm.em.fork();
  const enterpriseIds = [...new Set(events.map((e) => e.enterpriseId).filter((id): id is string => !!id))];
  const hazardIds = [...new Set(events.map((e) => e.hazardId).filter((id): id is string => !!id))];
  const alertIds = [...new Set(events.map(alertIdOf).filter((id): id is string => !!id))];
  const [enterprises, hazards, alerts] = await Promise.all([
    enterpriseIds.length
      ? em.find(Enterprise, { $and: [{ id: { $in: enterpriseIds } }, enterpriseScopeWhere(scope)] })
      : [],
    hazardIds.length ? em.find(Hazard, { $and: [{ id: { $in: hazardIds } }, hazardScopeWhere(scope)] }) : [],
    alertIds.length
      ? em.find(Alert, {
          $and: [{ id: { $in: alertIds } }, { enterprise: enterpriseScopeWhere(scope) }],
        } as FilterQuery<Alert>)
      : [],
  ]);
  const enterpriseById = new Map(enterprises.map((e) => [e.id, e]));
  const hazardById = new Map(hazards.map((h) => [h.id, h]));
  const alertById = new Map(alerts.map((a) => [a.id, a]));
  for (const event of events) {
    const alertId = alertIdOf(event);
    event.preloaded = {
      enterprise: event.enterpriseId ? (enterpriseById.get(event.enterpriseId) ?? null) : null,
      hazard: event.hazardId ? (hazardById.get(event.hazardId) ?? null) : null,
      alert: alertId ? (alertById.get(alertId) ?? null) : null,
    };
  }
}

/**
 * One subscriber's `events(since)`: the stored events after `since` that the scope may see, in seq
 * order, then the live ones, with no gap and no duplicate. Live events are listened for before the
 * replay reads the log and are held until it ends; everything is sent at most once, in increasing
 * seq (the bus delivers in seq order, and seq order is commit order).
 */
export function eventStream(
  orm: Orm,
  bus: LiveEvents,
  scope: Scope,
  since: number | null,
  { congested = () => false }: StreamOptions = {},
): AsyncQueue<LiveEvent> {
  let sent = since ?? Number.NEGATIVE_INFINITY;
  let replaying = since !== null;
  const held: LiveEvent[] = [];

  const send = (event: LiveEvent) => {
    if (event.seq <= sent) return;
    sent = event.seq;
    queue.push(event);
  };

  const stopListening = bus.onEvent((event) => {
    if (!scopeAllowsEvent(scope, event)) return;
    if (replaying) held.push(event);
    else send(event);
  });
  const queue = new AsyncQueue<LiveEvent>(stopListening);

  if (since !== null) {
    void (async () => {
      let after = Math.max(since, 0);
      for (;;) {
        const rows = await orm.em
          .fork()
          .find(
            EventRecord,
            { $and: [{ seq: { $gt: after } }, eventScopeWhere(scope) as FilterQuery<EventRecord>] },
            { orderBy: { seq: 'asc' }, limit: REPLAY_PAGE },
          );
        const events = rows.map(toLiveEvent);
        await preload(orm, scope, events);
        for (const event of events) send(event);
        if (rows.length < REPLAY_PAGE || queue.closed) break;
        after = Number(rows[rows.length - 1]!.seq);
        while ((queue.size > REPLAY_HIGH_WATER || congested()) && !queue.closed) await pause(20);
        // Between pages, other requests (and /healthz) get their turn on the database and the event loop.
        await yieldToOthers();
      }
      replaying = false;
      for (const event of held.splice(0)) send(event);
    })().catch((error) => {
      log.error('events: replay failed', error);
      queue.end();
    });
  }
  return queue;
}
