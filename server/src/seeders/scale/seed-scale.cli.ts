/**
 * `pnpm --filter @hazardloop/server seed:scale -- --enterprises N --hazards M [--now ISO] [--no-alerts]`:
 * fills the empty database of DATABASE_URL (SQLite or PostgreSQL) with province-scale data
 * (issue 16). It migrates the database first and refuses one that already has users.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../config/database.js';
import { EnvError, loadEnv } from '../../config/env.js';
import { hashPassword } from '../../modules/auth/password.js';
import { DEMO_PASSWORD } from '../organisation.js';
import { seedScale } from './scale.seed.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    enterprises: { type: 'string', default: '10000' },
    hazards: { type: 'string', default: '100000' },
    now: { type: 'string' },
    'no-alerts': { type: 'boolean', default: false },
  },
});

function count(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) {
    console.error(`--${name} must be a whole number from 1 to 10,000,000 (got "${text}")`);
    process.exit(2);
  }
  return n;
}

try {
  const env = loadEnv();
  const enterprises = count('enterprises', String(values.enterprises));
  const hazards = count('hazards', String(values.hazards));
  const now = values.now ? new Date(values.now) : (env.fakeNow ?? new Date());
  if (Number.isNaN(now.getTime())) throw new EnvError([`--now must be an ISO instant (got "${values.now}")`]);
  const orm = await openDatabase(env);
  try {
    const knex = orm.em.getKnex();
    const users = Number(((await knex('app_user').count({ n: '*' })) as Array<{ n: unknown }>)[0]!.n);
    if (users > 0) {
      console.error('seed:scale fills an empty database only; this one already has users.');
      process.exitCode = 1;
    } else {
      console.log(
        `seed:scale: ${enterprises} enterprises, ${hazards} hazards, now ${now.toISOString()} (${env.database.kind})`,
      );
      const summary = await seedScale(knex, env.database.kind, {
        enterprises,
        hazards,
        now,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        noLoginWindowMs: env.noLoginWindowMs,
        noFilingWindowMs: env.noFilingWindowMs,
        alerts: !values['no-alerts'],
        progress: (line) => console.log(`  ${line}`),
      });
      console.log(`seed:scale done in ${(summary.ms / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
    }
  } finally {
    await orm.close();
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
