import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseKind } from '../config/env.js';

/** Where tests find PostgreSQL: the machine's own server unless TEST_POSTGRES_URL says otherwise. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TEST_DB_PREFIX = 'hl_test_';

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
    return { kind, url: `sqlite:${file}`, drop: () => rm(file, { force: true }) };
  }
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { kind, url: url.toString(), drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** Older than this, a test database is an interrupted run's leftover; younger, it may be a parallel run's (another worktree). */
const STALE_AFTER_MS = 3 * 3_600_000;

/** Drops what earlier, interrupted runs left behind, leaving alone the databases of runs still going. */
export async function dropStaleTestDatabases(now = Date.now()): Promise<void> {
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like '${TEST_DB_PREFIX}%'`);
    for (const { datname } of rows) {
      const created = parseInt(datname.slice(TEST_DB_PREFIX.length).split('_')[0] ?? '', 36);
      if (Number.isFinite(created) && now - created < STALE_AFTER_MS) continue;
      await c.query(`drop database if exists ${datname} with (force)`);
    }
  });
}
