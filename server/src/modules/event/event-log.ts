import type { EntityManager } from '@mikro-orm/knex';
import { takeLedgerLock } from '../common/ledger-lock.js';
import type { EventKind } from './event-kind.js';
import { EventRecord } from './event-record.entity.js';

export interface EventFacts {
  kind: EventKind;
  at: Date;
  enterpriseId?: string | null;
  departmentId?: string | null;
  hazardId?: string | null;
  payload?: Record<string, unknown>;
}

/** Whoever fans committed events out to subscribers (in-process or through Redis). */
export interface EventPublisher {
  publish(events: readonly EventRecord[]): void;
}

export const noPublisher: EventPublisher = { publish: () => undefined };

/** Appends one event inside the caller's transaction; its seq follows commit order (see takeLedgerLock). */
export async function appendEvent(em: EntityManager, facts: EventFacts): Promise<EventRecord> {
  await takeLedgerLock(em);
  const rows = await em.createQueryBuilder(EventRecord).select('seq').orderBy({ seq: 'desc' }).limit(1).execute('all');
  const seq = Number((rows[0] as { seq?: number } | undefined)?.seq ?? 0) + 1;
  const record = em.create(EventRecord, {
    seq,
    kind: facts.kind,
    at: facts.at,
    enterpriseId: facts.enterpriseId ?? undefined,
    departmentId: facts.departmentId ?? undefined,
    hazardId: facts.hazardId ?? undefined,
    payload: facts.payload ? JSON.stringify(facts.payload) : undefined,
  });
  await em.insert(EventRecord, record);
  return record;
}

export type Emit = (facts: EventFacts) => Promise<void>;

/**
 * Runs a change in one transaction with the events it emits, and publishes them only once the
 * transaction has committed: a subscriber never hears of a change that was rolled back.
 */
export async function commitWithEvents<T>(
  em: EntityManager,
  publisher: EventPublisher,
  work: (tx: EntityManager, emit: Emit) => Promise<T>,
): Promise<T> {
  const emitted: EventRecord[] = [];
  const result = await em.transactional(async (tx) => {
    // The ledger lock first, before any row: every change then takes its locks in the same order, so two
    // changes (a submission and the alert watcher, say) wait for each other instead of deadlocking.
    await takeLedgerLock(tx);
    return work(tx, async (facts) => void emitted.push(await appendEvent(tx, facts)));
  });
  publisher.publish(emitted);
  return result;
}
