import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataloaderType, type Options } from '@mikro-orm/core';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Env } from './env.js';
import { ENTITIES } from './entities.js';
import { log } from './log.js';

/** Migrations are dialect-specific: one folder per database kind, beside this file's parent (src/ or dist/). */
export function migrationsPath(kind: Env['database']['kind']): string {
  return fileURLToPath(new URL(`../migrations/${kind}`, import.meta.url));
}

export function sqliteFile(url: string): string {
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:') return path;
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

export function ormConfig(env: Pick<Env, 'database' | 'logSql'>): Options {
  const common: Options = {
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: {
      path: migrationsPath(env.database.kind),
      glob: '!(*.d).{js,ts}',
      snapshot: false,
      snapshotName: '.snapshot',
      emit: 'ts',
      transactional: true,
      // The migrator's own lines are useful at start-up, noise in a test run.
      silent: log.quiet,
      allOrNothing: true,
    },
    // MikroORM's own import() cannot load .ts migrations under vitest or swc-node without this.
    dynamicImportProvider: (id: string) => import(id),
    forceUtcTimezone: true,
    dataloader: DataloaderType.REFERENCE,
    allowGlobalContext: false,
    debug: env.logSql,
    // The ORM's own lines (migrations, LOG_SQL) go through the server's log, JSON in production like the rest.
    logger: (message: string) => log.info(message),
    colors: false,
    ignoreUndefinedInQuery: true,
  };
  if (env.database.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: env.database.url,
      // No JIT: the planner overestimates the statistics' index-probe plans at province scale, and compiling them
      // took 370 ms of a 740 ms statsSeries statement at 10k enterprises (issue 16); these are short queries.
      driverOptions: { connection: { options: '-c jit=off' } },
    };
  }
  // One connection: SQLite allows one writer, and a single connection makes transactions queue instead of failing busy.
  return {
    ...common,
    driver: LibSqlDriver,
    dbName: sqliteFile(env.database.url),
    pool: { min: 1, max: 1, afterCreate: sqliteSettings },
  };
}

/**
 * Write-ahead logging: a reader in another process (`pnpm backup`'s VACUUM INTO, an analyst's
 * sqlite3 shell) never blocks the server's writes, and sees one committed state throughout. A
 * brief lock (a checkpoint) is waited for instead of failing the write.
 */
function sqliteSettings(
  connection: { exec(sql: string): unknown; pragma(sql: string, options: { simple: true }): unknown },
  done: (error: unknown, c: unknown) => void,
): void {
  try {
    connection.exec('pragma busy_timeout = 5000');
    // Switching needs the file to itself; once switched (it stays so), a second connection asks nothing.
    if (connection.pragma('journal_mode', { simple: true }) !== 'wal') connection.exec('pragma journal_mode = wal');
    done(null, connection);
  } catch (error) {
    done(error, connection);
  }
}
