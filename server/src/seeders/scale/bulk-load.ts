import type { Knex } from '@mikro-orm/knex';
import type { DatabaseKind } from '../../config/env.js';

/**
 * PostgreSQL loads a million rows several times faster without its foreign-key triggers and
 * secondary indexes: each row otherwise probes the referenced table and updates every index.
 * The generator fills an empty database, so it drops both first and puts them back after, when
 * building an index is one sort and validating a key one hash join. The definitions are read from
 * the catalogue, so the schema's migrations stay the one description of them.
 */
export async function withoutKeysAndIndexes<T>(
  knex: Knex,
  kind: DatabaseKind,
  work: () => Promise<T>,
  restored: (ms: number) => void = () => undefined,
): Promise<T> {
  if (kind !== 'postgresql') return work();
  const keys = (await knex.raw(`
    select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
    from pg_constraint where contype = 'f' and connamespace = current_schema()::regnamespace`)) as {
    rows: Array<{ tbl: string; name: string; def: string }>;
  };
  const indexes = (await knex.raw(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indrelid
    where c.relnamespace = current_schema()::regnamespace
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`)) as {
    rows: Array<{ name: string; def: string }>;
  };
  for (const k of keys.rows) await knex.raw(`alter table ${k.tbl} drop constraint "${k.name}"`);
  for (const i of indexes.rows) await knex.raw(`drop index ${i.name}`);
  try {
    return await work();
  } finally {
    const started = Date.now();
    for (const i of indexes.rows) await knex.raw(i.def);
    for (const k of keys.rows) await knex.raw(`alter table ${k.tbl} add constraint "${k.name}" ${k.def}`);
    restored(Date.now() - started);
  }
}
