import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../config/env.js';
import { log } from '../config/log.js';
import { hashPassword } from '../modules/auth/password.js';
import { User } from '../modules/auth/user.entity.js';
import type { Clock } from '../modules/common/clock.js';
import { seedDemo } from './demo.seed.js';
import { DEMO_PASSWORD } from './organisation.js';
import { seedRuichang } from './ruichang.seed.js';

/** Applies `SEED` to an empty database only: a database with any user in it is never touched. */
export async function seedIfEmpty(em: EntityManager, env: Pick<Env, 'seed'>, clock: Clock): Promise<void> {
  if (env.seed === 'none' || (await em.count(User)) > 0) return;
  const started = Date.now();
  // One hash for every demo account: they share the published demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  switch (env.seed) {
    case 'demo':
      await seedDemo(em, clock.now(), passwordHash);
      break;
    case 'ruichang-2017':
      // Fixed historical dates: the clock only has to be past the pilot's end.
      await seedRuichang(em, clock.now(), passwordHash);
      break;
  }
  log.info(`seeded ${env.seed} data in ${Date.now() - started} ms`);
}
