import { postgresAnswers } from './databases.js';
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
