import { randomUUID } from 'node:crypto';
import { COUNTED_ENTERPRISE, COUNTED_HAZARD } from '../enterprise/standing.js';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import { enterpriseScopeWhere, type Scope } from '../auth/scope.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { EventKind } from '../event/event-kind.js';
import { runChange, type Change, type EventPublisher } from '../event/change.js';
import type { AlertFacts, EventFacts, HazardFacts } from '../event/event-payloads.js';
import { EventRecord } from '../event/event-record.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { notOverdueWhere, overdueWhere } from '../hazard/overdue.js';
import { AlertKind } from './alert-kind.js';
import { activeKeyOf, Alert } from './alert.entity.js';
import {
  checksMissedSince,
  checksMissedWhere,
  enterprisesMissingChecks,
  notQuietWhere,
  QUIET_FIELD,
  quietDueAt,
  quietWhere,
  windowOf,
} from './alert.rules.js';

type Windows = Pick<Env, 'noLoginWindowMs' | 'noFilingWindowMs'>;

export interface ReconcileResult {
  raised: number;
  cleared: number;
}

export interface ReconcileOptions {
  /** Displays raised or cleared per transaction (a catch-up runs as many as it needs). */
  batchSize?: number;
  /** Asked between batches: true stops the pass (SIGTERM during a long catch-up). */
  shouldStop?: () => boolean;
}

/** Enough to keep each transaction, and the ledger lock it holds, short at any scale (issue 16). */
export const ALERT_BATCH = 500;

/** Enterprise or hazard ids that already have a current alert of this kind (a subquery). */
function currentSubjects(em: EntityManager, kind: AlertKind, column: 'enterprise_id' | 'hazard_id') {
  return em.createQueryBuilder(Alert, 'a').select(`a.${column}`).where({ kind, clearedAt: null }).getKnexQuery();
}

interface Step {
  /** Candidates read (a full batch means there may be more). */
  found: number;
  /** Raised or cleared after the check under the lock. */
  done: number;
}

/**
 * Brings the stored displays in line with the rules at `now` (R2, R3): raises what fell due and is
 * not raised yet, clears what no longer holds, each with its event. Set-based and incremental: each
 * step reads only what changes — enterprises gone quiet or back, hazards past or out of their
 * deadline — through their indexes, outside any transaction; then a short transaction per batch
 * re-checks those rows by id under the ledger lock (a change since the read wins) and writes them
 * in bulk. Never the whole set of current displays, never an entity flush per display.
 */
export async function reconcileAlerts(
  em: EntityManager,
  publisher: EventPublisher,
  env: Windows,
  now: Date,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const batch = options.batchSize ?? ALERT_BATCH;
  const stop = options.shouldStop ?? (() => false);
  const result: ReconcileResult = { raised: 0, cleared: 0 };
  const repeat = async (step: (em: EntityManager) => Promise<Step>, into: keyof ReconcileResult) => {
    for (;;) {
      if (stop()) return;
      // A fresh identity map per batch: a catch-up of thousands stays linear.
      const { found, done } = await step(em.fork());
      result[into] += done;
      if (found < batch || done === 0) return;
    }
  };
  for (const kind of [AlertKind.NO_LOGIN, AlertKind.NO_FILING] as const) {
    await repeat((e) => clearQuiet(e, publisher, kind, env, now, batch), 'cleared');
    await repeat((e) => raiseQuiet(e, publisher, kind, env, now, batch), 'raised');
  }
  await repeat((e) => clearOverdue(e, publisher, now, batch), 'cleared');
  await repeat((e) => raiseOverdue(e, publisher, now, batch), 'raised');
  await repeat((e) => clearChecksMissed(e, publisher, now, batch), 'cleared');
  await repeat((e) => raiseChecksMissed(e, publisher, now, batch), 'raised');
  return result;
}

async function clearQuiet(
  em: EntityManager,
  publisher: EventPublisher,
  kind: AlertKind.NO_LOGIN | AlertKind.NO_FILING,
  env: Windows,
  now: Date,
  batch: number,
): Promise<Step> {
  const field = QUIET_FIELD[kind];
  const windowMs = windowOf(kind, env);
  const where = (extra: FilterQuery<Alert>): FilterQuery<Alert> =>
    ({
      $and: [extra, { kind, clearedAt: null, enterprise: notQuietWhere(field, windowMs, now) }],
    }) as FilterQuery<Alert>;
  const candidates = await em.find(Alert, where({}), { orderBy: { id: 'asc' }, limit: batch });
  if (candidates.length === 0) return { found: 0, done: 0 };
  const done = await runChange(em, publisher, async (change) => {
    const { tx } = change;
    const still = await tx.find(Alert, where({ id: { $in: candidates.map((a) => a.id) } }), {
      populate: ['enterprise'],
      orderBy: { id: 'asc' },
    });
    await clearAll(change, still, now, () => ({}));
    return still.length;
  });
  return { found: candidates.length, done };
}

async function raiseQuiet(
  em: EntityManager,
  publisher: EventPublisher,
  kind: AlertKind.NO_LOGIN | AlertKind.NO_FILING,
  env: Windows,
  now: Date,
  batch: number,
): Promise<Step> {
  const field = QUIET_FIELD[kind];
  const windowMs = windowOf(kind, env);
  const where = (e: EntityManager, extra: FilterQuery<Enterprise>): FilterQuery<Enterprise> => ({
    $and: [
      extra,
      quietWhere(field, windowMs, now),
      COUNTED_ENTERPRISE,
      { id: { $nin: currentSubjects(e, kind, 'enterprise_id') } } as unknown as FilterQuery<Enterprise>,
    ],
  });
  const candidates = await em.find(Enterprise, where(em, {}), { orderBy: { code: 'asc' }, limit: batch });
  if (candidates.length === 0) return { found: 0, done: 0 };
  const done = await runChange(em, publisher, async (change) => {
    const { tx } = change;
    const still = await tx.find(Enterprise, where(tx, { id: { $in: candidates.map((e) => e.id) } }), {
      orderBy: { code: 'asc' },
    });
    await raiseAll(
      change,
      now,
      still.map((enterprise) => ({
        kind,
        enterprise,
        since: quietDueAt(enterprise, field, windowMs),
        payload: { lastAt: enterprise[field]?.toISOString() ?? null },
      })),
    );
    return still.length;
  });
  return { found: candidates.length, done };
}

async function clearOverdue(em: EntityManager, publisher: EventPublisher, now: Date, batch: number): Promise<Step> {
  const where = (extra: FilterQuery<Alert>): FilterQuery<Alert> =>
    ({
      $and: [
        extra,
        { kind: AlertKind.OVERDUE, clearedAt: null },
        { $or: [{ hazard: null }, { hazard: notOverdueWhere(now) }] },
      ],
    }) as FilterQuery<Alert>;
  const candidates = await em.find(Alert, where({}), { orderBy: { id: 'asc' }, limit: batch });
  if (candidates.length === 0) return { found: 0, done: 0 };
  const done = await runChange(em, publisher, async (change) => {
    const { tx } = change;
    const still = await tx.find(Alert, where({ id: { $in: candidates.map((a) => a.id) } }), {
      populate: ['enterprise', 'hazard'],
      orderBy: { id: 'asc' },
    });
    await clearAll(change, still, now, (alert) => {
      const hazard = alert.hazard?.getEntity();
      return hazard ? hazardFacts(hazard) : {};
    });
    return still.length;
  });
  return { found: candidates.length, done };
}

async function raiseOverdue(em: EntityManager, publisher: EventPublisher, now: Date, batch: number): Promise<Step> {
  const kind = AlertKind.OVERDUE;
  const where = (e: EntityManager, extra: FilterQuery<Hazard>): FilterQuery<Hazard> => ({
    $and: [
      extra,
      overdueWhere(now),
      COUNTED_HAZARD,
      { id: { $nin: currentSubjects(e, kind, 'hazard_id') } } as unknown as FilterQuery<Hazard>,
    ],
  });
  const candidates = await em.find(Hazard, where(em, {}), { orderBy: { deadline: 'asc', id: 'asc' }, limit: batch });
  if (candidates.length === 0) return { found: 0, done: 0 };
  const done = await runChange(em, publisher, async (change) => {
    const { tx } = change;
    const still = await tx.find(Hazard, where(tx, { id: { $in: candidates.map((h) => h.id) } }), {
      populate: ['enterprise'],
      orderBy: { deadline: 'asc', id: 'asc' },
    });
    if (still.length === 0) return 0;
    // Announced once per deadline, even across restarts: an earlier DEADLINE_MISSED at or after it already said so.
    const announcements = await tx.find(EventRecord, {
      kind: EventKind.DEADLINE_MISSED,
      hazardId: { $in: still.map((h) => h.id) },
    });
    const announced = (hazard: Hazard) =>
      announcements.some((e) => e.hazardId === hazard.id && new Date(e.at) >= hazard.deadline!);
    await raiseAll(
      change,
      now,
      still.map((hazard) => ({
        kind,
        enterprise: hazard.enterprise.getEntity(),
        hazard,
        since: hazard.deadline!,
        payload: hazardFacts(hazard),
        before: announced(hazard)
          ? undefined
          : {
              kind: EventKind.DEADLINE_MISSED,
              at: now,
              enterpriseId: hazard.enterprise.id,
              departmentId: hazard.enterprise.getEntity().department.id,
              hazardId: hazard.id,
              payload: { ...hazardFacts(hazard), deadline: hazard.deadline!.toISOString() },
            },
      })),
    );
    return still.length;
  });
  return { found: candidates.length, done };
}

/** The fourth display (R14) ends once every missed measure of the enterprise has a check recorded after it. */
async function clearChecksMissed(
  em: EntityManager,
  publisher: EventPublisher,
  now: Date,
  batch: number,
): Promise<Step> {
  const where = (e: EntityManager, extra: FilterQuery<Alert>): FilterQuery<Alert> =>
    ({
      $and: [
        extra,
        { kind: AlertKind.CHECKS_MISSED, clearedAt: null, enterprise: { $nin: enterprisesMissingChecks(e) } },
      ],
    }) as FilterQuery<Alert>;
  const candidates = await em.find(Alert, where(em, {}), { orderBy: { id: 'asc' }, limit: batch });
  if (candidates.length === 0) return { found: 0, done: 0 };
  const done = await runChange(em, publisher, async (change) => {
    const { tx } = change;
    const still = await tx.find(Alert, where(tx, { id: { $in: candidates.map((a) => a.id) } }), {
      populate: ['enterprise'],
      orderBy: { id: 'asc' },
    });
    await clearAll(change, still, now, () => ({}));
    return still.length;
  });
  return { found: candidates.length, done };
}

/** Raised for an enterprise with a measure whose latest task was missed, dated from its earliest standing miss. */
async function raiseChecksMissed(
  em: EntityManager,
  publisher: EventPublisher,
  now: Date,
  batch: number,
): Promise<Step> {
  const kind = AlertKind.CHECKS_MISSED;
  const where = (e: EntityManager, extra: FilterQuery<Enterprise>): FilterQuery<Enterprise> => ({
    $and: [
      extra,
      checksMissedWhere(e),
      { id: { $nin: currentSubjects(e, kind, 'enterprise_id') } } as unknown as FilterQuery<Enterprise>,
    ],
  });
  const candidates = await em.find(Enterprise, where(em, {}), { orderBy: { code: 'asc' }, limit: batch });
  if (candidates.length === 0) return { found: 0, done: 0 };
  const done = await runChange(em, publisher, async (change) => {
    const { tx } = change;
    const still = await tx.find(Enterprise, where(tx, { id: { $in: candidates.map((e) => e.id) } }), {
      orderBy: { code: 'asc' },
    });
    const raises: Raise[] = [];
    for (const enterprise of still)
      raises.push({ kind, enterprise, since: (await checksMissedSince(tx, enterprise.id)) ?? now, payload: {} });
    await raiseAll(change, now, raises);
    return still.length;
  });
  return { found: candidates.length, done };
}

/** What an alert's event adds to its kind, since and id: the hazard's facts, or when an enterprise last acted. */
type AlertExtra = Omit<AlertFacts, 'alertId' | 'alertKind' | 'since'>;

function hazardFacts(hazard: Hazard): HazardFacts {
  return { grade: hazard.grade, title: hazard.title };
}

interface Raise {
  kind: AlertKind;
  enterprise: Enterprise;
  hazard?: Hazard;
  since: Date;
  payload: AlertExtra;
  /** An event told before the display's own (DEADLINE_MISSED). */
  before?: EventFacts;
}

/** One INSERT for the batch, then the events in order. */
async function raiseAll(change: Change, now: Date, raises: Raise[]): Promise<void> {
  const { tx } = change;
  if (raises.length === 0) return;
  const rows = raises.map((r) => ({
    id: randomUUID(),
    kind: r.kind,
    enterprise: r.enterprise.id,
    hazard: r.hazard?.id ?? null,
    since: r.since,
    raisedAt: now,
    activeKey: activeKeyOf(r.kind, r.hazard?.id ?? r.enterprise.id),
  }));
  await tx.insertMany(Alert, rows as never[]);
  for (const [i, r] of raises.entries()) {
    if (r.before) await change.emit(r.before);
    await change.emit({
      kind: EventKind.ALERT_RAISED,
      at: now,
      enterpriseId: r.enterprise.id,
      departmentId: r.enterprise.department.id,
      hazardId: r.hazard?.id ?? null,
      payload: { alertId: rows[i]!.id, alertKind: r.kind, since: r.since.toISOString(), ...r.payload },
    });
  }
}

/** One UPDATE for the batch, then the events in order. */
async function clearAll(
  change: Change,
  alerts: Alert[],
  now: Date,
  payloadOf: (alert: Alert) => AlertExtra,
): Promise<void> {
  const { tx } = change;
  if (alerts.length === 0) return;
  await tx.nativeUpdate(Alert, { id: { $in: alerts.map((a) => a.id) } }, {
    clearedAt: now,
    activeKey: null,
  } as never);
  for (const alert of alerts) {
    await change.emit({
      kind: EventKind.ALERT_CLEARED,
      at: now,
      enterpriseId: alert.enterprise.id,
      departmentId: alert.enterprise.getEntity().department.id,
      hazardId: alert.hazard?.id ?? null,
      payload: { alertId: alert.id, alertKind: alert.kind, since: alert.since.toISOString(), ...payloadOf(alert) },
    });
  }
}

/** R13: a retired enterprise's displays clear at once, each with its ALERT_CLEARED, inside the retiring transaction. */
export async function clearAlertsOf(change: Change, enterprise: Enterprise, now: Date): Promise<number> {
  const { tx } = change;
  const current = await tx.find(
    Alert,
    { enterprise: enterprise.id, clearedAt: null },
    { populate: ['enterprise', 'hazard'], orderBy: { id: 'asc' } },
  );
  await clearAll(change, current, now, (alert) => {
    const hazard = alert.hazard?.getEntity();
    return hazard ? hazardFacts(hazard) : {};
  });
  return current.length;
}

/** The current displays within a scope (R6), oldest first. */
export function currentAlerts(em: EntityManager, scope: Scope, kind?: AlertKind | null): Promise<Alert[]> {
  return em.find(
    Alert,
    {
      $and: [{ clearedAt: null }, kind ? { kind } : {}, { enterprise: enterpriseScopeWhere(scope) }],
    } as FilterQuery<Alert>,
    { orderBy: { since: 'asc', id: 'asc' } },
  );
}

/** The current displays within a scope with their enterprises and hazards loaded, for the lists that name them (snapshot, dispatch). */
export async function currentAlertsNamed(em: EntityManager, scope: Scope): Promise<Alert[]> {
  const alerts = await currentAlerts(em, scope);
  await em.populate(alerts, ['enterprise', 'hazard']);
  return alerts;
}
