import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { Context, Viewer } from '../../graphql/context.js';
import { badInput, rateLimited, unauthenticated } from '../../graphql/errors.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { LoginEvent } from '../enterprise/login-event.entity.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { AuthSession } from './auth-session.entity.js';
import { hashToken } from './token-hash.js';
import { countAttempt, forgiveAttempt, MAX_USERNAME_LENGTH } from './login-throttle.js';
import { verifyPassword } from './password.js';
import { authenticateKiosk, KIOSK_PREFIX } from '../kiosk/kiosk.service.js';
import { Role } from './role.js';
import { scopeOf } from './scope.js';
import { User } from './user.entity.js';

/**
 * The viewer a bearer token stands for, or null when it is unknown, expired or revoked. A kiosk token
 * (modules/kiosk) counts only where the caller accepts one (`allowKiosk`: GraphQL over HTTP and the
 * socket, which then limit it to the wallboard); photos, snapshots and everything else refuse it.
 */
export async function authenticate(
  em: EntityManager,
  token: string | null,
  now: Date,
  { allowKiosk = false } = {},
): Promise<Viewer | null> {
  if (!token) return null;
  if (token.startsWith(KIOSK_PREFIX)) return allowKiosk ? authenticateKiosk(em, token) : null;
  const session = await em.findOne(AuthSession, { tokenHash: hashToken(token) }, { populate: ['user'] });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const user = session.user.getEntity();
  if (!user.active) return null;
  return { user, sessionId: session.id, expiresAt: session.expiresAt, scope: await scopeOf(em, user) };
}

export async function login(
  ctx: Context,
  username: string,
  password: string,
): Promise<{ token: string; expiresAt: Date; user: User }> {
  const { em, deps } = ctx;
  const now = deps.clock.now();
  const key = username.trim().toLowerCase();

  if (key.length > MAX_USERNAME_LENGTH)
    throw badInput('common.tooLong', { field: 'username', max: MAX_USERNAME_LENGTH }, 'username');
  const address = ctx.clientAddress ?? 'unknown';

  const attempt = await countAttempt(em, key, address, now);
  if (!attempt.allowed) {
    const seconds = attempt.retryAfterSeconds;
    throw rateLimited('auth.tooManyAttempts', { seconds }, seconds);
  }

  const user = await em.findOne(User, { username: key }, { populate: ['passwordHash'] });
  // A disabled account, or one of a retired enterprise, is refused exactly like a wrong password (R12, R13).
  if (!(await verifyPassword(user?.passwordHash ?? null, password)) || !(await maySignIn(em, user!)))
    throw unauthenticated('auth.wrongCredentials');
  await forgiveAttempt(em, key, address);

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.env.sessionTtlMs);
  await runChange(em, deps.publisher, async (change) => {
    const { tx } = change;
    const session = tx.create(AuthSession, { tokenHash: hashToken(token), user: user!.id, createdAt: now, expiresAt });
    if (user!.role !== Role.ENTERPRISE || !user!.enterprise) {
      await change.audit({
        at: now,
        actorId: user!.id,
        action: 'auth.login',
        subjectType: 'user',
        subjectId: user!.id,
        data: { sessionId: session.id },
      });
    } else {
      const enterprise = await tx.findOneOrFail(Enterprise, user!.enterprise.id);
      enterprise.lastLoginAt = now;
      tx.create(LoginEvent, { enterprise, user: user!.id, at: now });
      await change.audit({
        at: now,
        actorId: user!.id,
        action: 'enterprise.login',
        subjectType: 'enterprise',
        subjectId: enterprise.id,
        data: { userId: user!.id, sessionId: session.id },
      });
      await change.emit({
        kind: EventKind.ENTERPRISE_LOGGED_IN,
        at: now,
        enterpriseId: enterprise.id,
        departmentId: enterprise.department.id,
        payload: null,
      });
    }
  });
  return { token, expiresAt, user: user! };
}

/** R12, R13: an enabled account, and for an enterprise account an enterprise still on the registry. */
async function maySignIn(em: EntityManager, user: User): Promise<boolean> {
  if (!user.active) return false;
  if (!user.enterprise) return true;
  return (await em.count(Enterprise, { id: user.enterprise.id, active: true })) > 0;
}

export async function logout(ctx: Context, viewer: Viewer): Promise<void> {
  const now = ctx.deps.clock.now();
  await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const session = await tx.findOneOrFail(AuthSession, viewer.sessionId);
    session.revokedAt = now;
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'auth.logout',
      subjectType: 'user',
      subjectId: viewer.user.id,
      data: { sessionId: session.id },
    });
    // Sockets opened with this token close now, in every process.
    change.afterCommit(() => ctx.deps.sessions.sessionRevoked(viewer.sessionId));
  });
}
