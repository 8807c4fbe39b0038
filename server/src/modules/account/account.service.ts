import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Context, Viewer } from '../../graphql/context.js';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { AuthSession } from '../auth/auth-session.entity.js';
import { hashOneTimePassword, hashPassword, verifyPassword } from '../auth/password.js';
import { generateOneTimePassword, MIN_PASSWORD_LENGTH, passwordProblem } from '../auth/password-rules.js';
import { assertMayAdminister, assertMayReadAdministration } from '../auth/permissions.js';
import { roleBelongsToDepartment, roleBelongsToEnterprise } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import { isUuid, requireId } from '../common/ids.js';
import { paginate, type PageArgs } from '../common/pagination.js';
import { Department } from '../department/department.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { runChange } from '../event/change.js';
import type { CreateUserInput, UserFilter } from './account.inputs.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** Revokes a user's open sessions (all, or all but one) inside the caller's transaction; returns their ids. */
export async function revokeSessions(tx: EntityManager, userIds: string[], now: Date, keep?: string) {
  if (userIds.length === 0) return [];
  const open = await tx.find(AuthSession, {
    user: { $in: userIds },
    revokedAt: null,
    expiresAt: { $gt: now },
    ...(keep ? { id: { $ne: keep } } : {}),
  });
  for (const session of open) session.revokedAt = now;
  return open.map((s) => s.id);
}

/** Sockets opened with these sessions close now, in every process. */
export function closeSockets(ctx: Context, sessionIds: string[]): void {
  for (const id of sessionIds) ctx.deps.sessions.sessionRevoked(id);
}

/** R12: the signed-in user changes their own password; every other session of theirs ends. */
export async function changePassword(ctx: Context, viewer: Viewer, currentPassword: string, newPassword: string) {
  if (viewer.kiosk) throw forbidden('account.kioskNoPassword');
  const now = ctx.deps.clock.now();
  const user = await ctx.em.findOneOrFail(User, viewer.user.id, { populate: ['passwordHash'] });
  if (!(await verifyPassword(user.passwordHash, currentPassword)))
    throw badInput('account.currentPasswordWrong', {}, 'currentPassword');
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw badInput(problem, { min: MIN_PASSWORD_LENGTH }, 'newPassword');
  if (newPassword === currentPassword) throw badInput('account.samePassword', {}, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  const revoked = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const row = await tx.findOneOrFail(User, user.id);
    row.passwordHash = passwordHash;
    row.mustChangePassword = false;
    row.passwordChangedAt = now;
    const ids = await revokeSessions(tx, [user.id], now, viewer.sessionId);
    await change.audit({
      at: now,
      actorId: user.id,
      action: 'user.password_changed',
      subjectType: 'user',
      subjectId: user.id,
      data: { endedSessions: ids.length },
    });
    return ids;
  });
  viewer.user.mustChangePassword = false;
  closeSockets(ctx, revoked);
}

async function departmentFor(em: EntityManager, input: CreateUserInput): Promise<Department | null> {
  if (!roleBelongsToDepartment(input.role)) return null;
  if (!input.departmentId) throw badInput('account.departmentRequired', {}, 'departmentId');
  const department = isUuid(input.departmentId) ? await em.findOne(Department, input.departmentId) : null;
  if (!department) throw badInput('registry.noDepartment', {}, 'departmentId');
  return department;
}

async function enterpriseFor(em: EntityManager, input: CreateUserInput): Promise<Enterprise | null> {
  if (!roleBelongsToEnterprise(input.role)) return null;
  if (!input.enterpriseId) throw badInput('account.enterpriseRequired', {}, 'enterpriseId');
  const enterprise = isUuid(input.enterpriseId) ? await em.findOne(Enterprise, input.enterpriseId) : null;
  if (!enterprise) throw badInput('registry.noEnterprise', {}, 'enterpriseId');
  if (!enterprise.active) throw badInput('account.enterpriseRetired', {}, 'enterpriseId');
  return enterprise;
}

/** R12: an admin opens an account; it gets a one-time password, returned once and stored hashed. */
export async function createUser(ctx: Context, viewer: Viewer, input: CreateUserInput) {
  assertMayAdminister(viewer);
  const now = ctx.deps.clock.now();
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw badInput('account.usernameInvalid', {}, 'username');
  const displayName = input.displayName.trim();
  if (!displayName) throw badInput('account.displayNameRequired', {}, 'displayName');
  const department = await departmentFor(ctx.em, input);
  const enterprise = await enterpriseFor(ctx.em, input);
  const initialPassword = generateOneTimePassword();
  const passwordHash = await hashOneTimePassword(initialPassword);
  const user = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    if ((await tx.count(User, { username })) > 0) throw conflict('account.usernameTaken', { username });
    const created = tx.create(User, {
      username,
      displayName,
      role: input.role,
      passwordHash,
      department: department?.id,
      enterprise: enterprise?.id,
      createdAt: now,
      active: true,
      mustChangePassword: true,
    });
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'user.created',
      subjectType: 'user',
      subjectId: created.id,
      data: { username, role: input.role, departmentId: department?.id ?? null, enterpriseId: enterprise?.id ?? null },
    });
    return created;
  });
  return { user, initialPassword };
}

async function userOrNotFound(em: EntityManager, userId: string): Promise<User> {
  const user = isUuid(userId) ? await em.findOne(User, userId) : null;
  if (!user) throw notFound('account.notFound');
  return user;
}

/** R12: a forgotten password: a new one-time password, every session of the account ends. */
export async function resetPassword(ctx: Context, viewer: Viewer, userId: string) {
  assertMayAdminister(viewer);
  const now = ctx.deps.clock.now();
  const target = await userOrNotFound(ctx.em, userId);
  const initialPassword = generateOneTimePassword();
  const passwordHash = await hashOneTimePassword(initialPassword);
  const revoked = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const user = await tx.findOneOrFail(User, target.id);
    user.passwordHash = passwordHash;
    user.mustChangePassword = true;
    const ids = await revokeSessions(tx, [user.id], now);
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: user.id,
      data: { endedSessions: ids.length },
    });
    return ids;
  });
  closeSockets(ctx, revoked);
  return { user: await ctx.em.findOneOrFail(User, target.id, { refresh: true }), initialPassword };
}

/** R12: disabling ends the user's sessions at once; they cannot sign in until enabled again. */
export async function setUserActive(ctx: Context, viewer: Viewer, userId: string, active: boolean, reason: string) {
  assertMayAdminister(viewer);
  const why = reason.trim();
  if (!why) throw badInput('account.reasonRequired', {}, 'reason');
  const now = ctx.deps.clock.now();
  const target = await userOrNotFound(ctx.em, userId);
  if (target.id === viewer.user.id && !active) throw badInput('account.notSelf', {}, 'userId');
  const revoked = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const user = await tx.findOneOrFail(User, target.id);
    user.active = active;
    const ids = active ? [] : await revokeSessions(tx, [user.id], now);
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: active ? 'user.enabled' : 'user.disabled',
      subjectType: 'user',
      subjectId: user.id,
      data: { reason: why, endedSessions: ids.length },
    });
    return ids;
  });
  closeSockets(ctx, revoked);
  return ctx.em.findOneOrFail(User, target.id, { refresh: true });
}

export function listUsers(em: EntityManager, viewer: Viewer, filter: UserFilter | undefined, page: PageArgs) {
  assertMayReadAdministration(viewer);
  const conditions: FilterQuery<User>[] = [];
  if (filter?.role) conditions.push({ role: filter.role });
  if (filter?.departmentId) conditions.push({ department: requireId('departmentId', filter.departmentId) });
  if (filter?.enterpriseId) conditions.push({ enterprise: requireId('enterpriseId', filter.enterpriseId) });
  if (filter?.active !== undefined && filter.active !== null) conditions.push({ active: filter.active });
  if (filter?.search?.trim()) {
    const like = `%${filter.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push({ $or: [{ username: { $like: like } }, { displayName: { $like: like } }] });
  }
  return paginate(em, User, { $and: conditions }, page, { field: 'username', direction: 'asc', type: 'string' });
}
