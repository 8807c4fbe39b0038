import type { EntityManager, EntityName } from '@mikro-orm/core';

/** Inserts plain rows in chunks that stay under SQLite's bound-parameter limit. */
export async function bulkInsert<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: readonly object[],
  chunk = 400,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await em.insertMany(entity, rows.slice(i, i + chunk) as never[]);
  }
}
