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
  return (await appendEvents(em, [facts]))[0]!;
}

/** Appends events in one statement (an import registers a thousand enterprises at once). */
export async function appendEvents(em: EntityManager, list: readonly EventFacts[]): Promise<EventRecord[]> {
  if (list.length === 0) return [];
  await takeLedgerLock(em);
  const rows = await em.createQueryBuilder(EventRecord).select('seq').orderBy({ seq: 'desc' }).limit(1).execute('all');
  const first = Number((rows[0] as { seq?: number } | undefined)?.seq ?? 0) + 1;
  const records = list.map((facts, i) =>
    em.create(EventRecord, {
      seq: first + i,
      kind: facts.kind,
      at: facts.at,
      enterpriseId: facts.enterpriseId ?? undefined,
      departmentId: facts.departmentId ?? undefined,
      hazardId: facts.hazardId ?? undefined,
      payload: facts.payload ? JSON.stringify(facts.payload) : undefined,
    }),
  );
  // SQLite takes at most 32,766 bound values in one statement; 500 rows stay far below.
  for (let i = 0; i < records.length; i += 500) await em.insertMany(EventRecord, records.slice(i, i + 500));
  return records;
}

/** Emits one event, or several in one statement. */
export type Emit = (facts: EventFacts | readonly EventFacts[]) => Promise<void>;

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
    return work(tx, async (facts) => {
      emitted.push(...(await appendEvents(tx, Array.isArray(facts) ? facts : [facts as EventFacts])));
    });
  });
  publisher.publish(emitted);
  return result;
}
