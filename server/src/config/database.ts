import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import type { Env } from './env.js';
import { ormConfig } from './mikro-orm.config.js';

export type Orm = MikroORM<AbstractSqlDriver>;

/** Connects and applies every committed migration; the same on SQLite and PostgreSQL. */
export async function openDatabase(env: Pick<Env, 'database' | 'logSql'>): Promise<Orm> {
  const orm = (await MikroORM.init(ormConfig(env))) as Orm;
  await orm.migrator.up();
  return orm;
}
