import type { EntityManager } from '@mikro-orm/knex';
import { chainEntries, lastAuditLink, type AuditFacts } from '../audit/audit.service.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { takeLedgerLock } from '../common/ledger-lock.js';
import type { EventKind } from './event-kind.js';
import { highestSeq } from './event-log.js';
import type { EventFacts } from './event-payloads.js';
import { EventRecord } from './event-record.entity.js';

/** Whoever fans committed events out to subscribers (in-process or through Redis). */
export interface EventPublisher {
  publish(events: readonly EventRecord[]): void;
}

/** What a change may do besides writing rows through `tx`; audit entries and events join its transaction. */
export interface Change {
  /** The transaction's EntityManager: every row of the change is written through it. */
  readonly tx: EntityManager;
  /** Appends an entry (or many, in few statements: an import) to the audit chain (R7). */
  audit(facts: AuditFacts | readonly AuditFacts[]): Promise<void>;
  /** Appends an event (or many, in few statements) to the log; subscribers hear of it once the change has committed. */
  emit<K extends EventKind>(facts: EventFacts<K> | readonly EventFacts<K>[]): Promise<void>;
  /** Runs once the change has committed (closing sockets, recomputing wallboards); never after a rollback. */
  afterCommit(effect: () => void): void;
}

/**
 * The one write path: runs `work` as one transaction that takes the ledger lock once, first (so that
 * every writer takes its locks in the same order and `seq` order is commit order), appends its audit
 * entries and events, and publishes the events (then runs the after-commit effects) only once it has
 * committed: a subscriber never hears of a change that was rolled back. Every service that writes
 * calls it; see docs/architecture.md.
 */
export async function runChange<T>(
  em: EntityManager,
  publisher: EventPublisher,
  work: (change: Change) => Promise<T>,
): Promise<T> {
  const emitted: EventRecord[] = [];
  const effects: Array<() => void> = [];
  const result = await em.transactional(async (tx) => {
    await takeLedgerLock(tx);
    // Under the lock nobody else appends: the chain's head and the highest seq are read once per change.
    let auditHead: { seq: number; hash: string } | null | undefined;
    let seq: number | undefined;
    const change: Change = {
      tx,
      async audit(facts) {
        const list = Array.isArray(facts) ? facts : [facts as AuditFacts];
        if (list.length === 0) return;
        if (auditHead === undefined) auditHead = await lastAuditLink(tx);
        const rows = chainEntries(auditHead, list);
        // SQLite takes at most 32,766 bound values in one statement; 400 rows stay far below.
        for (let i = 0; i < rows.length; i += 400) await tx.insertMany(AuditEntry, rows.slice(i, i + 400));
        const last = rows[rows.length - 1]!;
        auditHead = { seq: last.seq, hash: last.hash };
      },
      async emit(facts) {
        const list = (Array.isArray(facts) ? facts : [facts]) as readonly EventFacts[];
        if (list.length === 0) return;
        let next = seq ?? (await highestSeq(tx));
        const records = list.map((f) =>
          tx.create(EventRecord, {
            seq: (next += 1),
            kind: f.kind,
            at: f.at,
            enterpriseId: f.enterpriseId ?? undefined,
            departmentId: f.departmentId ?? undefined,
            hazardId: f.hazardId ?? undefined,
            payload: f.payload ? JSON.stringify(f.payload) : undefined,
          }),
        );
        seq = next;
        for (let i = 0; i < records.length; i += 500) await tx.insertMany(EventRecord, records.slice(i, i + 500));
        emitted.push(...records);
      },
      afterCommit(effect) {
        effects.push(effect);
      },
    };
    return work(change);
  });
  publisher.publish(emitted);
  for (const effect of effects) effect();
  return result;
}
