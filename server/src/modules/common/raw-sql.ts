import type { EntityManager } from '@mikro-orm/knex';
import { isPostgres } from './dialect.js';

/**
 * Hand-written aggregate SQL for the few hot paths an ORM count cannot serve in one statement (the
 * wallboard's grouped counts): run in the caller's transaction, values bound, rows as plain objects.
 */
export function runSql<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, [...params], 'all', em.getTransactionContext());
}

/** A date as the column stores it: a timestamp on PostgreSQL, epoch milliseconds on SQLite. */
export function dateParam(em: EntityManager, date: Date): Date | number {
  return isPostgres(em) ? date : date.getTime();
}

/** The dialect's literal for true / false in a comparison with a boolean column. */
export function boolSql(em: EntityManager, value: boolean): string {
  if (isPostgres(em)) return value ? 'true' : 'false';
  return value ? '1' : '0';
}

/** A count as a number (PostgreSQL returns bigint sums as strings). */
export function num(value: unknown): number {
  return value == null ? 0 : Number(value);
}
