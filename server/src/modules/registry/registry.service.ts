import type { EntityManager } from '@mikro-orm/knex';
import type { Context, Viewer } from '../../graphql/context.js';
import type { MessageKey } from '../../messages/render.js';
import { badInput, conflict, notFound } from '../../graphql/errors.js';
import { closeSockets, revokeSessions } from '../account/account.service.js';
import { clearAlertsOf } from '../alert/alert.service.js';
import { assertMayAdminister } from '../auth/permissions.js';
import { mayHeadDepartment, mayLeadDepartment } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import { isUuid } from '../common/ids.js';
import { Department } from '../department/department.entity.js';
import { creditCodeProblem } from '../enterprise/credit-code.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { Township } from '../township/township.entity.js';
import { nextEnterpriseCodes, normaliseCreditCode } from './enterprise-codes.js';
import type { DepartmentInput, RegisterEnterpriseInput, UpdateEnterpriseInput } from './registry.inputs.js';

const optional = (value: string | null | undefined) => value?.trim() || undefined;

function requireReason(reason: string): string {
  const why = reason.trim();
  if (!why) throw badInput('registry.reasonRequired', {}, 'reason');
  return why;
}

async function township(em: EntityManager, id: string): Promise<Township> {
  const found = isUuid(id) ? await em.findOne(Township, id) : null;
  if (!found) throw badInput('registry.noTownship', {}, 'townshipId');
  return found;
}

async function department(em: EntityManager, id: string): Promise<Department> {
  const found = isUuid(id) ? await em.findOne(Department, id) : null;
  if (!found) throw badInput('registry.noDepartment', {}, 'departmentId');
  return found;
}

async function checkCreditCode(em: EntityManager, raw: string, exceptId?: string): Promise<string> {
  const code = normaliseCreditCode(raw);
  const problem = creditCodeProblem(code);
  if (problem) throw badInput(problem.key, problem.params, 'creditCode');
  const taken = await em.findOne(Enterprise, { creditCode: code });
  if (taken && taken.id !== exceptId)
    throw conflict('registry.creditCodeTaken', { code, name: taken.name, enterprise: taken.code });
  return code;
}

/** R13: a new enterprise on the registry; its department sees it from now on, its windows count from now. */
export async function registerEnterprise(ctx: Context, viewer: Viewer, input: RegisterEnterpriseInput) {
  assertMayAdminister(viewer);
  const now = ctx.deps.clock.now();
  const name = input.name.trim();
  if (!name) throw badInput('registry.enterpriseNameRequired', {}, 'name');
  const creditCode = await checkCreditCode(ctx.em, input.creditCode);
  const [town, dept] = [await township(ctx.em, input.townshipId), await department(ctx.em, input.departmentId)];
  const id = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const [code] = await nextEnterpriseCodes(tx, 1);
    const enterprise = tx.create(Enterprise, {
      code: code!,
      name,
      creditCode,
      industry: input.industry,
      township: town.id,
      department: dept.id,
      registeredAt: now,
      address: optional(input.address),
      contactName: optional(input.contactName),
      contactPhone: optional(input.contactPhone),
      keyTarget: false,
      active: true,
    });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'enterprise.registered',
      subjectType: 'enterprise',
      subjectId: enterprise.id,
      data: { code: enterprise.code, name, creditCode, departmentId: dept.id, townshipId: town.id },
    });
    await change.emit({
      kind: EventKind.ENTERPRISE_REGISTERED,
      at: now,
      enterpriseId: enterprise.id,
      departmentId: dept.id,
      payload: { code: enterprise.code, name },
    });
    return enterprise.id;
  });
  return ctx.em.findOneOrFail(Enterprise, id);
}

type Change = [from: unknown, to: unknown];

/** R13: changes with a reason; a new department moves the enterprise and its whole history at once. */
export async function updateEnterprise(
  ctx: Context,
  viewer: Viewer,
  id: string,
  input: UpdateEnterpriseInput,
  reason: string,
) {
  assertMayAdminister(viewer);
  const why = requireReason(reason);
  const now = ctx.deps.clock.now();
  const current = isUuid(id) ? await ctx.em.findOne(Enterprise, id) : null;
  if (!current) throw notFound('registry.noEnterprise');
  const next: Partial<Record<keyof UpdateEnterpriseInput, string>> = {};
  if (input.name !== undefined && input.name !== null) {
    if (!input.name.trim()) throw badInput('registry.enterpriseNameRequired', {}, 'name');
    next.name = input.name.trim();
  }
  if (input.creditCode) next.creditCode = await checkCreditCode(ctx.em, input.creditCode, current.id);
  if (input.industry) next.industry = input.industry;
  if (input.townshipId) next.townshipId = (await township(ctx.em, input.townshipId)).id;
  if (input.departmentId) next.departmentId = (await department(ctx.em, input.departmentId)).id;
  for (const field of ['address', 'contactName', 'contactPhone'] as const)
    if (input[field] !== undefined && input[field] !== null) next[field] = input[field]!.trim();

  await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const enterprise = await tx.findOneOrFail(Enterprise, current.id);
    const changes: Record<string, Change> = {};
    const fromDepartmentId = enterprise.department.id;
    const set = <K extends 'name' | 'creditCode' | 'industry' | 'address' | 'contactName' | 'contactPhone'>(key: K) => {
      const value = next[key];
      if (value === undefined || value === (enterprise[key] ?? '')) return;
      changes[key] = [enterprise[key] ?? null, value || null];
      (enterprise as unknown as Record<string, unknown>)[key] = value || undefined;
    };
    (['name', 'creditCode', 'industry', 'address', 'contactName', 'contactPhone'] as const).forEach(set);
    if (next.townshipId && next.townshipId !== enterprise.township.id) {
      changes.townshipId = [enterprise.township.id, next.townshipId];
      enterprise.township = tx.getReference(Township, next.townshipId) as never;
    }
    if (next.departmentId && next.departmentId !== fromDepartmentId) {
      changes.departmentId = [fromDepartmentId, next.departmentId];
      enterprise.department = tx.getReference(Department, next.departmentId) as never;
    }
    if (Object.keys(changes).length === 0) throw badInput('registry.noChange', {}, 'input');
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: changes.departmentId ? 'enterprise.moved' : 'enterprise.changed',
      subjectType: 'enterprise',
      subjectId: enterprise.id,
      data: { reason: why, changes },
    });
    await change.emit({
      kind: EventKind.ENTERPRISE_CHANGED,
      at: now,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department.id,
      payload: {
        reason: why,
        fields: Object.keys(changes),
        ...(changes.departmentId ? { fromDepartmentId, toDepartmentId: next.departmentId } : {}),
      },
    });
  });
  ctx.em.clear();
  return ctx.em.findOneOrFail(Enterprise, current.id);
}

/**
 * R13: retiring takes the enterprise out of counts, rates, displays (cleared now, each with
 * ALERT_CLEARED), the wallboard, dispatches and bulletins, and ends its accounts' sessions;
 * restoring brings it back. Its record and history stay readable either way.
 */
export async function setEnterpriseActive(ctx: Context, viewer: Viewer, id: string, active: boolean, reason: string) {
  assertMayAdminister(viewer);
  const why = requireReason(reason);
  const now = ctx.deps.clock.now();
  const current = isUuid(id) ? await ctx.em.findOne(Enterprise, id) : null;
  if (!current) throw notFound('registry.noEnterprise');
  if (current.active === active)
    throw badInput(active ? 'registry.alreadyActive' : 'registry.alreadyRetired', {}, 'active');
  const revoked = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const enterprise = await tx.findOneOrFail(Enterprise, current.id);
    enterprise.active = active;
    enterprise.retiredAt = active ? undefined : now;
    await tx.flush();
    let sessions: string[] = [];
    let cleared = 0;
    if (!active) {
      cleared = await clearAlertsOf(change, enterprise, now);
      const accounts = await tx.find(User, { enterprise: enterprise.id });
      sessions = await revokeSessions(
        tx,
        accounts.map((u) => u.id),
        now,
      );
    }
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: active ? 'enterprise.restored' : 'enterprise.retired',
      subjectType: 'enterprise',
      subjectId: enterprise.id,
      data: { reason: why, clearedAlerts: cleared, endedSessions: sessions.length },
    });
    await change.emit({
      kind: EventKind.ENTERPRISE_CHANGED,
      at: now,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department.id,
      payload: { reason: why, fields: ['active'], active },
    });
    return sessions;
  });
  closeSockets(ctx, revoked);
  ctx.em.clear();
  return ctx.em.findOneOrFail(Enterprise, current.id);
}

/** The account named for a department post, refused with `refusal` unless `fits` it (auth/role.ts). */
async function staff(
  em: EntityManager,
  id: string | undefined | null,
  fits: (user: User) => boolean,
  field: string,
  refusal: MessageKey,
) {
  if (!id) return null;
  const user = isUuid(id) ? await em.findOne(User, id) : null;
  if (!user || !fits(user)) throw badInput(refusal, {}, field);
  return user;
}

async function saveDepartment(ctx: Context, viewer: Viewer, id: string | null, input: DepartmentInput) {
  assertMayAdminister(viewer);
  const now = ctx.deps.clock.now();
  const name = input.name.trim();
  if (!name) throw badInput('registry.departmentNameRequired', {}, 'name');
  const leader = await staff(ctx.em, input.leaderId, mayLeadDepartment, 'leaderId', 'registry.leaderInvalid');
  const chief = await staff(ctx.em, input.chiefId, mayHeadDepartment, 'chiefId', 'registry.chiefInvalid');
  const saved = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const clash = await tx.findOne(Department, { name });
    if (clash && clash.id !== id) throw conflict('registry.departmentNameTaken', { name });
    let dept: Department;
    if (id) {
      const found = isUuid(id) ? await tx.findOne(Department, id) : null;
      if (!found) throw notFound('registry.noDepartment');
      dept = found;
    } else {
      const rows = await tx
        .createQueryBuilder(Department)
        .select('number')
        .orderBy({ number: 'desc' })
        .limit(1)
        .execute('all', false);
      dept = tx.create(Department, {
        number: Number((rows[0] as { number?: number } | undefined)?.number ?? 0) + 1,
        name,
      });
    }
    const before = { name: dept.name, leaderId: dept.leader?.id ?? null, chiefId: dept.chief?.id ?? null };
    dept.name = name;
    dept.leader = leader ? (tx.getReference(User, leader.id, { wrapped: true }) as never) : undefined;
    dept.chief = chief ? (tx.getReference(User, chief.id, { wrapped: true }) as never) : undefined;
    await tx.flush();
    // A section chief works in the department they run (their scope, R6).
    if (chief) await tx.nativeUpdate(User, { id: chief.id }, { department: dept.id });
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: id ? 'department.changed' : 'department.created',
      subjectType: 'department',
      subjectId: dept.id,
      data: { before: id ? before : null, after: { name, leaderId: leader?.id ?? null, chiefId: chief?.id ?? null } },
    });
    return dept.id;
  });
  // Wallboards name each department's leader and chief.
  ctx.deps.wallboards.invalidateAll();
  ctx.em.clear();
  return ctx.em.findOneOrFail(Department, saved);
}

export const createDepartment = (ctx: Context, viewer: Viewer, input: DepartmentInput) =>
  saveDepartment(ctx, viewer, null, input);

export const updateDepartment = (ctx: Context, viewer: Viewer, id: string, input: DepartmentInput) =>
  saveDepartment(ctx, viewer, id, input);

export async function createTownship(ctx: Context, viewer: Viewer, rawName: string) {
  assertMayAdminister(viewer);
  const name = rawName.trim();
  if (!name) throw badInput('registry.townshipNameRequired', {}, 'name');
  const now = ctx.deps.clock.now();
  return runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    if ((await tx.count(Township, { name })) > 0) throw conflict('registry.townshipNameTaken', { name });
    const township = tx.create(Township, { name });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'township.created',
      subjectType: 'township',
      subjectId: township.id,
      data: { name },
    });
    return township;
  });
}
