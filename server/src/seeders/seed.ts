import type { EntityManager } from '@mikro-orm/knex';
import { EnvError, type Env } from '../config/env.js';
import { log } from '../config/log.js';
import { hashPassword, verifyPassword } from '../modules/auth/password.js';
import { Role } from '../modules/auth/role.js';
import { runChange } from '../modules/event/change.js';
import { User } from '../modules/auth/user.entity.js';
import type { Clock } from '../modules/common/clock.js';
import { seedDemo } from './demo.seed.js';
import { DEMO_PASSWORD } from './organisation.js';
import { seedRuichang } from './ruichang.seed.js';

/** Applies `SEED` to an empty database only: a database with any user in it is never touched. */
export async function seedIfEmpty(
  em: EntityManager,
  env: Pick<Env, 'seed' | 'initialAdminPassword' | 'risk'>,
  clock: Clock,
): Promise<void> {
  if ((await em.count(User)) > 0) return;
  if (env.seed === 'none') return createFirstAdmin(em, env, clock);
  const started = Date.now();
  // One hash for every demo account: they share the published demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  switch (env.seed) {
    case 'demo':
      await seedDemo(em, clock.now(), passwordHash, env.risk.bands);
      break;
    case 'ruichang-2017':
      // Fixed historical dates: the clock only has to be past the pilot's end.
      await seedRuichang(em, clock.now(), passwordHash, env.risk.bands);
      break;
  }
  log.info(`seeded ${env.seed} data in ${Date.now() - started} ms`);
}

/** R12: the first administrator of a real installation, from INITIAL_ADMIN_PASSWORD, to be changed at first sign-in. */
async function createFirstAdmin(em: EntityManager, env: Pick<Env, 'initialAdminPassword'>, clock: Clock) {
  if (!env.initialAdminPassword)
    throw new EnvError([
      'INITIAL_ADMIN_PASSWORD must be set on the first start with SEED=none: the database has no user yet, and it becomes the password of the account admin (to be changed at first sign-in)',
    ]);
  const now = clock.now();
  const admin = em.create(User, {
    username: 'admin',
    displayName: '系统管理员',
    role: Role.ADMIN,
    passwordHash: await hashPassword(env.initialAdminPassword),
    createdAt: now,
    active: true,
    mustChangePassword: true,
  });
  // Nothing listens yet at first start: the change has no event to publish.
  await runChange(em, { publish: () => undefined }, async (change) => {
    change.tx.persist(admin);
    await change.audit({
      at: now,
      actorId: null,
      action: 'user.created',
      subjectType: 'user',
      subjectId: admin.id,
      data: { username: 'admin', role: Role.ADMIN, from: 'INITIAL_ADMIN_PASSWORD' },
    });
  });
  log.info('created the account admin from INITIAL_ADMIN_PASSWORD; it must change its password at first sign-in');
}

/**
 * The demo accounts share a published password: true when the database holds an account that still
 * signs in with it. Seeded accounts share one hash, so the most common hash is the one to try.
 */
export async function holdsDemoAccounts(em: EntityManager): Promise<boolean> {
  const rows = await em
    .getConnection()
    .execute<Array<{ password_hash: string }>>(
      'select password_hash from app_user group by password_hash order by count(*) desc limit 1',
    );
  const hash = (rows[0] as { password_hash?: string } | undefined)?.password_hash;
  return hash ? verifyPassword(hash, DEMO_PASSWORD) : false;
}
