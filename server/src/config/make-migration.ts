/**
 * `pnpm --filter @hazardloop/server migration:create`: writes the next migration for both dialects
 * by comparing the entities with each folder's committed `.snapshot.json` (introspecting SQLite
 * cannot see enum checks, so the snapshot, not the database, is the reference), and updates it.
 */
import { MikroORM } from '@mikro-orm/core';
import { createTestDatabase } from '../testing/databases.js';
import { loadEnv, type DatabaseKind } from './env.js';
import { ormConfig } from './mikro-orm.config.js';

for (const kind of ['sqlite', 'postgresql'] as DatabaseKind[]) {
  const db = await createTestDatabase(kind);
  try {
    const env = loadEnv({ DATABASE_URL: db.url });
    const config = ormConfig(env);
    const orm = await MikroORM.init({ ...config, migrations: { ...config.migrations, snapshot: true } });
    try {
      const initial = (await orm.migrator.getPendingMigrations()).length === 0;
      const result = await orm.migrator.createMigration(undefined, false, initial);
      console.log(result.fileName ? `${kind}: wrote ${result.fileName}` : `${kind}: no changes`);
    } finally {
      await orm.close();
    }
  } finally {
    await db.drop();
  }
}
