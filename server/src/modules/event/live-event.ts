import type { Alert } from '../alert/alert.entity.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import type { Hazard } from '../hazard/hazard.entity.js';
import type { EventKind } from './event-kind.js';
import { isUuid } from '../common/ids.js';
import { parsePayload, type EventPayloads } from './event-payloads.js';
import type { EventRecord } from './event-record.entity.js';

/** A committed event as subscribers receive it: ids and the seq (entities only as a replay's local preload, never on the wire); the payload typed by kind. */
export type LiveEvent = {
  [K in EventKind]: {
    seq: number;
    kind: K;
    at: Date;
    enterpriseId: string | null;
    departmentId: string | null;
    hazardId: string | null;
    payload: EventPayloads[K] | null;
    /**
     * Set by a replay, which loads a whole page's enterprises, hazards and alerts within the
     * subscriber's scope in three statements (null: out of scope or gone); live events are resolved
     * one by one.
     */
    preloaded?: { enterprise?: Enterprise | null; hazard?: Hazard | null; alert?: Alert | null };
  };
}[EventKind];

/** The alert an ALERT_RAISED or ALERT_CLEARED is about, when its payload names a well-formed one. */
export function alertIdOf(event: Pick<LiveEvent, 'payload'>): string | null {
  const alertId = event.payload && 'alertId' in event.payload ? event.payload.alertId : null;
  return typeof alertId === 'string' && isUuid(alertId) ? alertId : null;
}

export type EventListener = (event: LiveEvent) => void;

/** Committed events as they reach this process (the event bus, realtime/pubsub.ts, is one). */
export interface LiveEvents {
  /** Calls `listener` with every event committed from now on, in seq order; returns the unsubscribe. */
  onEvent(listener: EventListener): () => void;
}

export function toLiveEvent(record: EventRecord): LiveEvent {
  return {
    seq: Number(record.seq),
    kind: record.kind,
    at: new Date(record.at),
    enterpriseId: record.enterpriseId ?? null,
    departmentId: record.departmentId ?? null,
    hazardId: record.hazardId ?? null,
    payload: parsePayload(record.kind, record.payload),
  } as LiveEvent;
}
