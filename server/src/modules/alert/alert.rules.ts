import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardStatus } from '../hazard/hazard.enums.js';
import { ControlMeasure } from '../risk/control-measure.entity.js';
import { AlertKind } from './alert-kind.js';

/** The enterprise field a quiet-enterprise display watches. */
export type QuietField = 'lastLoginAt' | 'lastFilingAt';

export const QUIET_FIELD: Record<AlertKind.NO_LOGIN | AlertKind.NO_FILING, QuietField> = {
  [AlertKind.NO_LOGIN]: 'lastLoginAt',
  [AlertKind.NO_FILING]: 'lastFilingAt',
};

export function windowOf(
  kind: AlertKind.NO_LOGIN | AlertKind.NO_FILING,
  env: Pick<Env, 'noLoginWindowMs' | 'noFilingWindowMs'>,
): number {
  return kind === AlertKind.NO_LOGIN ? env.noLoginWindowMs : env.noFilingWindowMs;
}

type QuietFacts = Pick<Enterprise, 'registeredAt' | 'lastLoginAt' | 'lastFilingAt'>;

/**
 * R2: the instant an enterprise's no-login (no-filing) display falls due: the window after its last
 * login (filing), or after its registration when it has none. The SQL forms below say the same.
 */
export function quietDueAt(enterprise: QuietFacts, field: QuietField, windowMs: number): Date {
  const from = enterprise[field] ?? enterprise.registeredAt;
  return new Date(new Date(from).getTime() + windowMs);
}

/**
 * R2 over a period, for the bulletin: when, inside [startAt, endAt), the display above fell due for
 * an enterprise — a window of `windowMs` elapsed after an event (login or filing) or its
 * registration with no event since — given its events from `startAt - windowMs` on; null when it
 * never did. Returns the instant the window elapsed and the event before it.
 */
export function quietDuring(
  events: Date[],
  registeredAt: Date,
  startAt: Date,
  endAt: Date,
  windowMs: number,
): { since: Date; lastAt: Date | null } | null {
  const lookFrom = startAt.getTime() - windowMs;
  if (registeredAt.getTime() >= endAt.getTime()) return null;
  let prev: number = registeredAt.getTime() >= lookFrom ? registeredAt.getTime() : lookFrom - 1;
  let prevKnown = registeredAt.getTime() >= lookFrom;
  const points = events
    .map((d) => d.getTime())
    .filter((t) => t >= lookFrom && t < endAt.getTime())
    .sort((a, b) => a - b);
  for (const next of [...points, endAt.getTime()]) {
    const from = Math.max(startAt.getTime(), prev + windowMs);
    if (from < Math.min(endAt.getTime(), next))
      return {
        since: new Date(prev + windowMs),
        lastAt: prevKnown && prev !== registeredAt.getTime() ? new Date(prev) : null,
      };
    if (next > prev) {
      prev = next;
      prevKnown = true;
    }
  }
  return null;
}

/** Enterprises whose window has elapsed at `now`. */
export function quietWhere(field: QuietField, windowMs: number, now: Date): FilterQuery<Enterprise> {
  const cutoff = new Date(now.getTime() - windowMs);
  return {
    $or: [{ [field]: { $lte: cutoff } }, { [field]: null, registeredAt: { $lte: cutoff } }],
  } as FilterQuery<Enterprise>;
}

/** The same rule's negation, spelled out so that a null last sign-in is not lost to SQL's three-valued NOT. */
export function notQuietWhere(field: QuietField, windowMs: number, now: Date): FilterQuery<Enterprise> {
  const cutoff = new Date(now.getTime() - windowMs);
  return {
    $or: [{ [field]: { $gt: cutoff } }, { [field]: null, registeredAt: { $gt: cutoff } }],
  } as FilterQuery<Enterprise>;
}

function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The smallest value of `field` among rows matching `where`, read through its index (ORDER BY … LIMIT 1). */
async function smallest<T extends object>(
  em: EntityManager,
  entity: new () => T,
  field: string,
  where: FilterQuery<T>,
): Promise<Date | null> {
  const row = await em
    .createQueryBuilder(entity)
    .select(field)
    .where(where)
    .orderBy({ [field]: 'asc' } as never)
    .limit(1)
    .execute('get');
  return asDate((row as Record<string, unknown> | undefined)?.[field]);
}

/**
 * The next instant after `now` at which any display falls due: the earliest of every enterprise's
 * last login (filing, or registration) plus its window and every open hazard's deadline. A handful
 * of indexed MIN lookups, so the watcher can sleep until then instead of scanning.
 */
export async function nextDueAt(
  em: EntityManager,
  env: Pick<Env, 'noLoginWindowMs' | 'noFilingWindowMs'>,
  now: Date,
): Promise<Date | null> {
  const candidates: Array<Promise<Date | null>> = [];
  for (const kind of [AlertKind.NO_LOGIN, AlertKind.NO_FILING] as const) {
    const field = QUIET_FIELD[kind];
    const windowMs = windowOf(kind, env);
    const cutoff = new Date(now.getTime() - windowMs);
    const plus = (date: Date | null) => (date ? new Date(date.getTime() + windowMs) : null);
    candidates.push(
      smallest(em, Enterprise, field, { [field]: { $gt: cutoff }, active: true } as FilterQuery<Enterprise>).then(plus),
    );
    candidates.push(
      smallest(em, Enterprise, 'registeredAt', {
        [field]: null,
        active: true,
        registeredAt: { $gt: cutoff },
      } as FilterQuery<Enterprise>).then(plus),
    );
  }
  candidates.push(smallest(em, Hazard, 'deadline', { status: HazardStatus.RECTIFYING, deadline: { $gt: now } }));
  const dates = (await Promise.all(candidates)).filter((d): d is Date => d !== null);
  if (dates.length === 0) return null;
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}

/**
 * R14, the fourth display: enterprises with a control measure whose latest task was missed and that
 * has no check recorded since (its `missedAt` is set). A subquery over the measures' missedAt index.
 */
export function checksMissedWhere(em: EntityManager): FilterQuery<Enterprise> {
  return { id: { $in: enterprisesMissingChecks(em) } } as unknown as FilterQuery<Enterprise>;
}

/** The ids of those enterprises, as a subquery. */
export function enterprisesMissingChecks(em: EntityManager) {
  return em
    .createQueryBuilder(ControlMeasure, 'm')
    .select('m.enterprise_id')
    .where({ missedAt: { $ne: null } })
    .getKnexQuery();
}

/** When an enterprise's fourth display began: the earliest miss still standing among its measures. */
export async function checksMissedSince(em: EntityManager, enterpriseId: string): Promise<Date | null> {
  return smallest(em, ControlMeasure, 'missedAt', {
    enterprise: enterpriseId,
    missedAt: { $ne: null },
  } as FilterQuery<ControlMeasure>);
}
