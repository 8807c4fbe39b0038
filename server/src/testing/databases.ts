import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseKind } from '../config/env.js';

/** Where tests find PostgreSQL: the machine's own server unless TEST_POSTGRES_URL says otherwise. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * Test databases are named `hl_run_<base36 ms>_<hex>`. Checkouts before this one dropped every
 * `hl_test_%` database at the start of each run, including those of runs going on beside them;
 * the new prefix keeps this version's databases out of their reach.
 */
const TEST_DB_PREFIX = 'hl_run_';
const TEST_DB_PREFIXES = ['hl_run_', 'hl_test_'];

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function postgresAnswers(): Promise<boolean> {
  try {
    await withAdmin((c) => c.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

/** A fresh, empty database of the given kind; `drop` removes it. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const file = join(tmpdir(), `${name}.sqlite`);
    // The write-ahead log and its index sit beside the file (mikro-orm.config.ts).
    const drop = async () => {
      for (const path of [file, `${file}-wal`, `${file}-shm`]) await rm(path, { force: true });
    };
    return { kind, url: `sqlite:${file}`, drop };
  }
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Test databases younger than this may belong to a run going on beside this one (another checkout, CI job). */
const STALE_AFTER_MS = 60 * 60_000;

/** Drops what earlier, interrupted runs left behind: only databases older than an hour, never a parallel run's. */
export async function dropStaleTestDatabases(): Promise<void> {
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database where datname like 'hl\\_run\\_%' or datname like 'hl\\_test\\_%'`,
    );
    for (const { datname } of rows) {
      const prefix = TEST_DB_PREFIXES.find((p) => datname.startsWith(p))!;
      const created = parseInt(datname.slice(prefix.length).split('_')[0] ?? '', 36);
      if (Number.isFinite(created) && Date.now() - created < STALE_AFTER_MS) continue;
      await c.query(`drop database if exists ${datname} with (force)`);
    }
  });
}
