/**
 * THE ONE ADAPTER between a snapshot and the wallboard figures it freezes.
 *
 * Until the real-time wallboard service (issue 4, modules/wallboard/) is merged, the figures are
 * computed here from modules/analytics/rates.ts and plain counts, with the three displays worked
 * out from enterprise.lastLoginAt/lastFilingAt/registeredAt against the env windows and the one
 * overdue rule (overdue.ts). At merge, point `readSnapshotSource` at the wallboard service
 * (bureau-wide scope) and the alert lists; nothing else in modules/snapshot/ needs to change.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import { filingRate, loginRate, onTimeRate, type Rate } from '../analytics/rates.js';
import type { Scope } from '../auth/scope.js';
import { DAY_MS } from '../common/duration.js';
import { Department } from '../department/department.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardGrade, HazardStatus } from '../hazard/hazard.enums.js';
import { isOverdue, overdueWhere } from '../hazard/overdue.js';
import type { SnapshotData, SnapshotDepartmentSummary, SnapshotEnterpriseAlert, SnapshotFraction, SnapshotOverdueHazard } from './snapshot.types.js';

type Windows = Pick<Env, 'noLoginWindowMs' | 'noFilingWindowMs'>;

/** Raw rows carry instants as Dates (PostgreSQL) or epoch milliseconds (SQLite). */
const rowDate = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number)));

const fraction = (r: Rate): SnapshotFraction => ({ numerator: r.numerator, denominator: r.denominator });

/** Enterprises whose last login (or, without one, registration) is older than the window: the NO_LOGIN display. */
export function silentWhere(field: 'lastLoginAt' | 'lastFilingAt', now: Date, windowMs: number): FilterQuery<Enterprise> {
  const cutoff = new Date(now.getTime() - windowMs);
  return {
    registeredAt: { $lte: cutoff },
    $or: [{ [field]: { $lte: cutoff } }, { [field]: null }],
  } as FilterQuery<Enterprise>;
}

interface DepartmentInfo {
  id: string;
  number: number;
  name: string;
  leaderName: string | null;
  chiefName: string | null;
}

export async function departmentsWithPeople(em: EntityManager): Promise<DepartmentInfo[]> {
  const departments = await em.find(Department, {}, { orderBy: { number: 'asc' }, populate: ['leader', 'chief'] });
  return departments.map((d) => ({
    id: d.id,
    number: d.number,
    name: d.name,
    leaderName: d.leader?.getEntity().displayName ?? null,
    chiefName: d.chief?.getEntity().displayName ?? null,
  }));
}

/** The enterprises of one silent display, oldest silence first. */
export async function silentEnterprises(em: EntityManager, field: 'lastLoginAt' | 'lastFilingAt', now: Date, windowMs: number, departments: DepartmentInfo[]): Promise<SnapshotEnterpriseAlert[]> {
  const rows = await em.find(Enterprise, silentWhere(field, now, windowMs), { orderBy: { code: 'asc' } });
  const byId = new Map(departments.map((d) => [d.id, d]));
  return rows
    .map((e) => {
      const last = e[field] ?? null;
      const department = byId.get(e.department.id);
      return {
        enterpriseId: e.id,
        code: e.code,
        name: e.name,
        departmentNumber: department?.number ?? 0,
        departmentName: department?.name ?? '',
        leaderName: department?.leaderName ?? null,
        since: new Date((last ?? e.registeredAt).getTime() + windowMs),
        lastAt: last,
        keyTarget: e.keyTarget,
      };
    })
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.code.localeCompare(b.code));
}

export async function overdueHazards(em: EntityManager, now: Date, departments: DepartmentInfo[]): Promise<SnapshotOverdueHazard[]> {
  const rows = await em.find(Hazard, overdueWhere(now), { populate: ['enterprise'], orderBy: { deadline: 'asc', id: 'asc' } });
  const byId = new Map(departments.map((d) => [d.id, d]));
  return rows.map((h) => {
    const enterprise = h.enterprise.getEntity();
    return {
      hazardId: h.id,
      title: h.title,
      grade: h.grade,
      enterpriseId: enterprise.id,
      enterpriseCode: enterprise.code,
      enterpriseName: enterprise.name,
      departmentName: byId.get(enterprise.department.id)?.name ?? '',
      deadline: h.deadline!,
      daysOverdue: Math.floor((now.getTime() - h.deadline!.getTime()) / DAY_MS),
    };
  });
}

/** The bureau-wide wallboard and the three displays at `now`, in the shape a snapshot stores. */
export async function readSnapshotSource(em: EntityManager, env: Windows, now: Date): Promise<SnapshotData> {
  const all: Scope = { kind: 'all' };
  const departments = await departmentsWithPeople(em);
  const [login, filing, onTime, noLogin, noFiling, overdue, open, enterprises] = await Promise.all([
    loginRate(em, all, now, env.noLoginWindowMs),
    filingRate(em, all, now, env.noFilingWindowMs),
    onTimeRate(em, all, new Date(now.getTime() - env.noLoginWindowMs), now, now),
    silentEnterprises(em, 'lastLoginAt', now, env.noLoginWindowMs, departments),
    silentEnterprises(em, 'lastFilingAt', now, env.noFilingWindowMs, departments),
    overdueHazards(em, now, departments),
    em
      .createQueryBuilder(Hazard, 'h')
      .select(['h.grade', 'h.status', 'h.deadline', 'h.submitted_late', 'e.department_id'])
      .join('h.enterprise', 'e')
      .where({ status: { $ne: HazardStatus.CLOSED } })
      .execute('all', false),
    em.createQueryBuilder(Enterprise, 'e').select(['e.department_id', 'e.key_target']).where({ registeredAt: { $lte: now } }).execute('all', false),
  ]);

  const openRows = (open as unknown as Array<Record<string, unknown>>).map((r) => ({
    grade: r.grade as HazardGrade,
    departmentId: String(r.department_id),
    overdue: isOverdue({ status: r.status as HazardStatus, deadline: r.deadline ? rowDate(r.deadline) : undefined, submittedLate: Boolean(r.submitted_late) }, now),
  }));
  const enterpriseRows = (enterprises as unknown as Array<Record<string, unknown>>).map((r) => ({ departmentId: String(r.department_id), keyTarget: Boolean(r.key_target) }));

  const byDepartment: SnapshotDepartmentSummary[] = [];
  for (const d of departments) {
    const scope: Scope = { kind: 'departments', departmentIds: [d.id] };
    const [dLogin, dFiling] = await Promise.all([loginRate(em, scope, now, env.noLoginWindowMs), filingRate(em, scope, now, env.noFilingWindowMs)]);
    const mine = openRows.filter((h) => h.departmentId === d.id);
    byDepartment.push({
      departmentId: d.id,
      number: d.number,
      name: d.name,
      leaderName: d.leaderName,
      chiefName: d.chiefName,
      enterpriseCount: enterpriseRows.filter((e) => e.departmentId === d.id).length,
      loginRate: dLogin.value,
      loginFraction: fraction(dLogin),
      filingRate: dFiling.value,
      filingFraction: fraction(dFiling),
      openHazards: mine.length,
      overdueHazards: mine.filter((h) => h.overdue).length,
      openMajor: mine.filter((h) => h.grade === HazardGrade.MAJOR).length,
      noLoginCount: noLogin.filter((e) => e.departmentNumber === d.number).length,
      noFilingCount: noFiling.filter((e) => e.departmentNumber === d.number).length,
    });
  }

  return {
    wallboard: {
      asOf: now,
      enterpriseCount: enterpriseRows.length,
      loginRate: login.value,
      loginFraction: fraction(login),
      filingRate: filing.value,
      filingFraction: fraction(filing),
      onTimeRate: onTime.value,
      onTimeFraction: fraction(onTime),
      openHazards: openRows.length,
      overdueHazards: overdue.length,
      openMajor: openRows.filter((h) => h.grade === HazardGrade.MAJOR).length,
      openSecond: openRows.filter((h) => h.grade === HazardGrade.SECOND).length,
      openThird: openRows.filter((h) => h.grade === HazardGrade.THIRD).length,
      noLoginCount: noLogin.length,
      noFilingCount: noFiling.length,
      keyTargetCount: enterpriseRows.filter((e) => e.keyTarget).length,
      noLoginWindowDays: env.noLoginWindowMs / DAY_MS,
      noFilingWindowDays: env.noFilingWindowMs / DAY_MS,
      byDepartment,
    },
    displays: { noLogin, noFiling, overdue },
  };
}
