import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Scope } from '../auth/scope.js';
import { countedEnterpriseWhere, countedHazardWhere } from '../enterprise/standing.js';
import { Role } from '../auth/role.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { LoginEvent } from '../enterprise/login-event.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardStatus } from '../hazard/hazard.enums.js';

/** A share with its parts, so that nobody argues about what a percentage means (98/100). */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator; 1 when there is nothing to count. */
  value: number;
}

function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? 1 : numerator / denominator };
}

/**
 * R10, the only definitions of the three rates; the wallboard, `stats` and the snapshots all call these.
 * An enterprise counts as compliant at `end` when it logged in (filed) inside the window ending
 * there, or was registered inside it and so is not yet due (R2 counts from registration).
 */
export async function loginRate(em: EntityManager, scope: Scope, end: Date, windowMs: number): Promise<Rate> {
  const start = new Date(end.getTime() - windowMs);
  const loggedIn = em
    .createQueryBuilder(LoginEvent, 'l')
    .select('l.enterprise_id')
    .where({ at: { $gte: start, $lte: end } });
  return enterpriseRate(em, scope, end, start, {
    id: { $in: loggedIn.getKnexQuery() },
  } as unknown as FilterQuery<Enterprise>);
}

export async function filingRate(em: EntityManager, scope: Scope, end: Date, windowMs: number): Promise<Rate> {
  const start = new Date(end.getTime() - windowMs);
  const filed = em
    .createQueryBuilder(Hazard, 'h')
    .select('h.enterprise_id')
    .join('h.filedBy', 'u')
    .where({ filedAt: { $gte: start, $lte: end }, filedBy: { role: Role.ENTERPRISE } });
  return enterpriseRate(em, scope, end, start, {
    id: { $in: filed.getKnexQuery() },
  } as unknown as FilterQuery<Enterprise>);
}

async function enterpriseRate(
  em: EntityManager,
  scope: Scope,
  end: Date,
  start: Date,
  active: FilterQuery<Enterprise>,
): Promise<Rate> {
  const registered: FilterQuery<Enterprise> = {
    $and: [countedEnterpriseWhere(scope), { registeredAt: { $lte: end } }],
  };
  const [denominator, numerator] = await Promise.all([
    em.count(Enterprise, registered),
    em.count(Enterprise, { $and: [registered, { $or: [active, { registeredAt: { $gte: start } }] }] }),
  ]);
  return rate(numerator, denominator);
}

/**
 * Hazards due in [from, to] (up to now) that were reported rectified by their deadline and not sent
 * back since: closed, or awaiting confirmation, after an on-time submission.
 */
export async function onTimeRate(em: EntityManager, scope: Scope, from: Date, to: Date, now: Date): Promise<Rate> {
  const until = to < now ? to : now;
  const due: FilterQuery<Hazard> = {
    $and: [countedHazardWhere(scope), { rectifiedOnSpot: false, deadline: { $gte: from, $lte: until } }],
  };
  const [denominator, numerator] = await Promise.all([
    em.count(Hazard, due),
    em.count(Hazard, {
      $and: [due, { submittedAt: { $ne: null }, submittedLate: false, status: { $ne: HazardStatus.RECTIFYING } }],
    }),
  ]);
  return rate(numerator, denominator);
}
