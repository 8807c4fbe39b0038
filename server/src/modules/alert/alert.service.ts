import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import { enterpriseScopeWhere, type Scope } from '../auth/scope.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { EventKind } from '../event/event-kind.js';
import { commitWithEvents, type Emit, type EventPublisher } from '../event/event-log.js';
import { EventRecord } from '../event/event-record.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { isOverdue, overdueWhere } from '../hazard/overdue.js';
import { AlertKind } from './alert-kind.js';
import { activeKeyOf, Alert } from './alert.entity.js';
import {
  checksMissedSince,
  checksMissedWhere,
  enterprisesMissingChecks,
  isQuiet,
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

/** Enterprise or hazard ids that already have a current alert of this kind (a subquery). */
function currentSubjects(em: EntityManager, kind: AlertKind, column: 'enterprise_id' | 'hazard_id') {
  return em.createQueryBuilder(Alert, 'a').select(`a.${column}`).where({ kind, clearedAt: null }).getKnexQuery();
}

/**
 * Brings the stored displays in line with the rules at `now` (R2, R3): raises what fell due and is
 * not raised yet, clears what no longer holds, each with its event, in one transaction. Set-based:
 * it reads the due rows through their indexes and the few current alerts, never every enterprise.
 */
export async function reconcileAlerts(
  em: EntityManager,
  publisher: EventPublisher,
  env: Windows,
  now: Date,
): Promise<ReconcileResult> {
  return commitWithEvents(em, publisher, async (tx, emit) => {
    const result: ReconcileResult = { raised: 0, cleared: 0 };
    for (const kind of [AlertKind.NO_LOGIN, AlertKind.NO_FILING] as const) {
      await reconcileQuiet(tx, emit, kind, env, now, result);
    }
    await reconcileOverdue(tx, emit, now, result);
    await reconcileChecksMissed(tx, emit, now, result);
    await tx.flush();
    return result;
  });
}

async function reconcileQuiet(
  tx: EntityManager,
  emit: Emit,
  kind: AlertKind.NO_LOGIN | AlertKind.NO_FILING,
  env: Windows,
  now: Date,
  result: ReconcileResult,
): Promise<void> {
  const field = QUIET_FIELD[kind];
  const windowMs = windowOf(kind, env);

  const current = await tx.find(Alert, { kind, clearedAt: null }, { populate: ['enterprise'] });
  for (const alert of current) {
    const enterprise = alert.enterprise.getEntity();
    if (isQuiet(enterprise, field, windowMs, now)) continue;
    await clear(tx, emit, alert, enterprise, now);
    result.cleared++;
  }

  const due = await tx.find(
    Enterprise,
    {
      $and: [
        quietWhere(field, windowMs, now),
        { id: { $nin: currentSubjects(tx, kind, 'enterprise_id') } } as unknown as FilterQuery<Enterprise>,
      ],
    },
    { orderBy: { code: 'asc' } },
  );
  for (const enterprise of due) {
    const since = quietDueAt(enterprise, field, windowMs);
    await raise(tx, emit, { kind, enterprise, since, now, payload: { lastAt: enterprise[field] ?? null } });
    result.raised++;
  }
}

async function reconcileOverdue(tx: EntityManager, emit: Emit, now: Date, result: ReconcileResult): Promise<void> {
  const kind = AlertKind.OVERDUE;
  const current = await tx.find(Alert, { kind, clearedAt: null }, { populate: ['hazard', 'enterprise'] });
  for (const alert of current) {
    const hazard = alert.hazard?.getEntity();
    if (hazard && isOverdue(hazard, now)) continue;
    await clear(tx, emit, alert, alert.enterprise.getEntity(), now, hazard ? hazardFacts(hazard) : {});
    result.cleared++;
  }

  const due = await tx.find(
    Hazard,
    {
      $and: [
        overdueWhere(now),
        { id: { $nin: currentSubjects(tx, kind, 'hazard_id') } } as unknown as FilterQuery<Hazard>,
      ],
    },
    { populate: ['enterprise'], orderBy: { deadline: 'asc' } },
  );
  for (const hazard of due) {
    const enterprise = hazard.enterprise.getEntity();
    const deadline = hazard.deadline!;
    // Announced once per deadline, even across restarts: an earlier DEADLINE_MISSED at or after it already said so.
    const announced = await tx.count(EventRecord, {
      kind: EventKind.DEADLINE_MISSED,
      hazardId: hazard.id,
      at: { $gte: deadline },
    });
    if (announced === 0) {
      await emit({
        kind: EventKind.DEADLINE_MISSED,
        at: now,
        enterpriseId: enterprise.id,
        departmentId: enterprise.department.id,
        hazardId: hazard.id,
        payload: { ...hazardFacts(hazard), deadline: deadline.toISOString() },
      });
    }
    await raise(tx, emit, { kind, enterprise, hazard, since: deadline, now, payload: hazardFacts(hazard) });
    result.raised++;
  }
}

/** The fourth display (R14): raised for an enterprise with a missed measure, cleared once each has a check after it. */
async function reconcileChecksMissed(tx: EntityManager, emit: Emit, now: Date, result: ReconcileResult): Promise<void> {
  const kind = AlertKind.CHECKS_MISSED;
  const current = await tx.find(
    Alert,
    { $and: [{ kind, clearedAt: null }, { enterprise: { $nin: enterprisesMissingChecks(tx) } }] } as FilterQuery<Alert>,
    { populate: ['enterprise'] },
  );
  for (const alert of current) {
    await clear(tx, emit, alert, alert.enterprise.getEntity(), now);
    result.cleared++;
  }
  const due = await tx.find(
    Enterprise,
    {
      $and: [
        checksMissedWhere(tx),
        { id: { $nin: currentSubjects(tx, kind, 'enterprise_id') } } as unknown as FilterQuery<Enterprise>,
      ],
    },
    { orderBy: { code: 'asc' } },
  );
  for (const enterprise of due) {
    const since = (await checksMissedSince(tx, enterprise.id)) ?? now;
    await raise(tx, emit, { kind, enterprise, since, now, payload: {} });
    result.raised++;
  }
}

function hazardFacts(hazard: Hazard): Record<string, unknown> {
  return { grade: hazard.grade, title: hazard.title };
}

interface Raise {
  kind: AlertKind;
  enterprise: Enterprise;
  hazard?: Hazard;
  since: Date;
  now: Date;
  payload: Record<string, unknown>;
}

async function raise(
  tx: EntityManager,
  emit: Emit,
  { kind, enterprise, hazard, since, now, payload }: Raise,
): Promise<Alert> {
  const alert = tx.create(Alert, {
    kind,
    enterprise,
    hazard,
    since,
    raisedAt: now,
    activeKey: activeKeyOf(kind, hazard?.id ?? enterprise.id),
  });
  await tx.flush();
  await emit({
    kind: EventKind.ALERT_RAISED,
    at: now,
    enterpriseId: enterprise.id,
    departmentId: enterprise.department.id,
    hazardId: hazard?.id ?? null,
    payload: { alertId: alert.id, alertKind: kind, since: since.toISOString(), ...payload },
  });
  return alert;
}

async function clear(
  tx: EntityManager,
  emit: Emit,
  alert: Alert,
  enterprise: Enterprise,
  now: Date,
  payload: Record<string, unknown> = {},
): Promise<void> {
  alert.clearedAt = now;
  alert.activeKey = undefined;
  await tx.flush();
  await emit({
    kind: EventKind.ALERT_CLEARED,
    at: now,
    enterpriseId: enterprise.id,
    departmentId: enterprise.department.id,
    hazardId: alert.hazard?.id ?? null,
    payload: { alertId: alert.id, alertKind: alert.kind, since: alert.since.toISOString(), ...payload },
  });
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

/** Counts of current displays within a scope, for the wallboard. */
export async function countCurrentAlerts(em: EntityManager, scope: Scope, kind: AlertKind): Promise<number> {
  return em.count(Alert, {
    $and: [{ clearedAt: null, kind }, { enterprise: enterpriseScopeWhere(scope) }],
  } as FilterQuery<Alert>);
}

/** The current displays within a scope with their enterprises and hazards loaded, for the lists that name them (snapshot, dispatch). */
export async function currentAlertsNamed(em: EntityManager, scope: Scope): Promise<Alert[]> {
  const alerts = await currentAlerts(em, scope);
  await em.populate(alerts, ['enterprise', 'hazard']);
  return alerts;
}
