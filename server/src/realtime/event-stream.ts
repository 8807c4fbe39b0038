import type { FilterQuery } from '@mikro-orm/core';
import type { Orm } from '../config/database.js';
import { log } from '../config/log.js';
import { eventScopeWhere, scopeAllowsEvent, type Scope } from '../modules/auth/scope.js';
import { EventRecord } from '../modules/event/event-record.entity.js';
import { AsyncQueue } from './async-queue.js';
import { toLiveEvent, type EventBus, type LiveEvent } from './pubsub.js';

const REPLAY_PAGE = 500;
/** Replay pauses while this many events wait to be sent, so a slow client cannot make the server buffer the whole log. */
const REPLAY_HIGH_WATER = 2_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One subscriber's `events(since)`: the stored events after `since` that the scope may see, in seq
 * order, then the live ones, with no gap and no duplicate. Live events are listened for before the
 * replay reads the log and are held until it ends; everything is sent at most once, in increasing
 * seq (the bus delivers in seq order, and seq order is commit order).
 */
export function eventStream(orm: Orm, bus: EventBus, scope: Scope, since: number | null): AsyncQueue<LiveEvent> {
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
        for (const row of rows) send(toLiveEvent(row));
        if (rows.length < REPLAY_PAGE || queue.closed) break;
        after = Number(rows[rows.length - 1]!.seq);
        while (queue.size > REPLAY_HIGH_WATER && !queue.closed) await pause(50);
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
