import { Redis } from 'ioredis';
import { postgresAnswers, REDIS_TEST_URL } from './databases.js';
import type { DatabaseKind } from '../config/env.js';

/** CI sets REQUIRE_SERVICES=1: then a missing PostgreSQL or Redis fails the run instead of skipping. */
export const servicesRequired = process.env.REQUIRE_SERVICES === '1';

/** The dialects this run can test: SQLite always, PostgreSQL when it answers (or must). */
export async function testDialects(): Promise<DatabaseKind[]> {
  if (await postgresAnswers()) return ['sqlite', 'postgresql'];
  if (servicesRequired) throw new Error('REQUIRE_SERVICES=1 but PostgreSQL does not answer at 127.0.0.1:5432.');
  console.warn('skipping the PostgreSQL runs: PostgreSQL does not answer at 127.0.0.1:5432');
  return ['sqlite'];
}

export async function redisAnswers(): Promise<boolean> {
  const client = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Whether this run tests what needs both PostgreSQL and Redis (several processes); fails under REQUIRE_SERVICES=1 when one is missing. */
export async function sharedServicesAnswer(): Promise<boolean> {
  const [pg, redis] = await Promise.all([postgresAnswers(), redisAnswers()]);
  if (pg && redis) return true;
  const missing = [pg ? null : 'PostgreSQL (127.0.0.1:5432)', redis ? null : 'Redis (127.0.0.1:6379)']
    .filter(Boolean)
    .join(' and ');
  if (servicesRequired) throw new Error(`REQUIRE_SERVICES=1 but ${missing} does not answer.`);
  console.warn(`skipping the several-process runs: ${missing} does not answer`);
  return false;
}
