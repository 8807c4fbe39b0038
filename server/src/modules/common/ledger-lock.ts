import type { EntityManager } from '@mikro-orm/knex';
import { isPostgres } from './dialect.js';

/** Any fixed number: the key of the transaction-scoped advisory lock that orders ledger appends. */
const LEDGER_LOCK_KEY = 7_340_021;

/**
 * Serialises appends to the audit chain and the event log until the transaction ends, so that
 * `seq` order is commit order and no two entries name the same previous hash. SQLite needs
 * nothing: its single connection already serialises writers.
 */
export async function takeLedgerLock(em: EntityManager): Promise<void> {
  if (!isPostgres(em)) return;
  await em
    .getConnection()
    .execute(`select pg_advisory_xact_lock(${LEDGER_LOCK_KEY})`, [], 'all', em.getTransactionContext());
}
