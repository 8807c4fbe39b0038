import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MikroORM } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../config/env.js';
import { ormConfig } from '../config/mikro-orm.config.js';
import { openDatabase } from '../config/database.js';
import { createTestDatabase } from '../testing/databases.js';
import { testDialects } from '../testing/services.js';
import { printHazardLoopSchema } from './print-schema.js';
import { buildHazardLoopSchema } from './schema.js';

const dialects = await testDialects();

describe('the committed contract', () => {
  it('schema.graphql is what the code generates (run `pnpm schema` after changing a GraphQL class)', async () => {
    const committed = await readFile(fileURLToPath(new URL('../../../schema.graphql', import.meta.url)), 'utf8');
    expect(printHazardLoopSchema(await buildHazardLoopSchema())).toBe(committed);
  });

  it('keeps every api.md name', async () => {
    const schema = await buildHazardLoopSchema();
    const query = schema.getQueryType()!.getFields();
    const mutation = schema.getMutationType()!.getFields();
    for (const name of ['me', 'enterprises', 'enterprise', 'hazards', 'hazard', 'auditChain'])
      expect(query).toHaveProperty(name);
    for (const name of ['login', 'logout', 'fileHazard']) expect(mutation).toHaveProperty(name);
    const hazard = (schema.getType('Hazard') as any).getFields();
    for (const name of [
      'id',
      'enterprise',
      'title',
      'description',
      'location',
      'grade',
      'status',
      'source',
      'rectifiedOnSpot',
      'overdue',
      'backfilled',
      'discoveredAt',
      'filedAt',
      'deadline',
      'closedAt',
      'responsiblePerson',
      'measures',
      'history',
    ]) {
      expect(hazard).toHaveProperty(name);
    }
    const enterprise = (schema.getType('Enterprise') as any).getFields();
    for (const name of [
      'id',
      'name',
      'creditCode',
      'industry',
      'township',
      'department',
      'registeredAt',
      'lastLoginAt',
      'lastFilingAt',
      'keyTarget',
    ]) {
      expect(enterprise).toHaveProperty(name);
    }
  });
});

describe.each(dialects)('migrations on %s', (dialect) => {
  it('match the entities: no migration is needed against the committed snapshot', async () => {
    const env = loadEnv({
      DATABASE_URL: dialect === 'sqlite' ? 'sqlite::memory:' : 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    const config = ormConfig(env);
    const orm = await MikroORM.init({
      ...config,
      connect: false,
      migrations: { ...config.migrations, snapshot: true },
    });
    try {
      expect(await orm.migrator.checkMigrationNeeded()).toBe(false);
    } finally {
      await orm.close();
    }
  });

  if (dialect === 'postgresql') {
    it('leave nothing for the schema to update on a freshly migrated database', async () => {
      const db = await createTestDatabase(dialect);
      const orm = await openDatabase(loadEnv({ DATABASE_URL: db.url }));
      try {
        expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
      } finally {
        await orm.close();
        await db.drop();
      }
    });
  }
});
