import type { EntityManager } from '@mikro-orm/knex';
import { requireViewer, type Context, type Viewer } from '../../graphql/context.js';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { assertMayGivePlan, assertMayRegrade, assertMayWrite, isMilder, mayGradeDown } from '../auth/permissions.js';
import { isPostgres } from '../common/dialect.js';
import { requireId } from '../common/ids.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { EventKind } from '../event/event-kind.js';
import { runChange, type Change } from '../event/change.js';
import type { EventPayloads, HazardEventKind, HazardFacts } from '../event/event-payloads.js';
import { idempotencyOf, once, rememberResult } from '../field/idempotency.js';
import { checkQueuedAt, offlineAudit } from '../field/outbox.rules.js';
import { PhotoPhase } from '../photo/photo.entity.js';
import { attachPhotos } from '../photo/photo.service.js';
import { assertMayConfirm } from '../auth/confirmer.js';
import { checkGovernancePlan, text } from './filing.rules.js';
import { Hazard } from './hazard.entity.js';
import { HazardGrade } from './hazard.enums.js';
import type { GovernancePlanInput } from './hazard.inputs.js';
import { findHazardInScope } from './hazard.repository.js';
import { requireTransition } from './lifecycle.js';

/**
 * The hazard a write is about, read inside the write's transaction (row-locked on PostgreSQL, so that two
 * confirmers cannot both act on the same state). Outside the viewer's scope it is FORBIDDEN if it exists,
 * as for filing.
 */
export async function hazardForChange(
  tx: EntityManager,
  viewer: Viewer,
  hazardId: string,
  field = 'hazardId',
): Promise<{ hazard: Hazard; enterprise: Enterprise }> {
  const id = requireId(field, hazardId);
  if (isPostgres(tx)) {
    await tx
      .getConnection()
      .execute('select id from hazard where id = ? for update', [id], 'all', tx.getTransactionContext());
  }
  const hazard = await findHazardInScope(tx, viewer.scope, id);
  if (!hazard) {
    if ((await tx.count(Hazard, { id })) > 0) throw forbidden('hazard.outsideScope');
    throw notFound('hazard.notFound');
  }
  await tx.refresh(hazard);
  // Not hazard.enterprise.load(): a reference the request already held would load outside this transaction,
  // and on SQLite's single connection that waits for the transaction itself.
  return { hazard, enterprise: await tx.findOneOrFail(Enterprise, hazard.enterprise.id) };
}

/** Emits an event about a hazard with the ids and payload every subscriber filters on. */
export function emitHazardEvent<K extends HazardEventKind>(
  change: Change,
  kind: K,
  hazard: Hazard,
  enterprise: Enterprise,
  at: Date,
  ...[extra]: Record<string, never> extends Omit<EventPayloads[K], keyof HazardFacts>
    ? [extra?: Omit<EventPayloads[K], keyof HazardFacts>]
    : [extra: Omit<EventPayloads[K], keyof HazardFacts>]
): Promise<void> {
  const payload = { grade: hazard.grade, title: hazard.title, ...extra } as EventPayloads[K];
  return change.emit({
    kind,
    at,
    enterpriseId: enterprise.id,
    departmentId: enterprise.department.id,
    hazardId: hazard.id,
    payload,
  } as Parameters<Change['emit']>[0]);
}

/** What the field app adds to an operation it queued offline (R17): its idempotency key and when it was queued. */
export interface QueuedSend {
  idempotencyKey?: string | null;
  queuedAt?: Date | null;
}

/** R4: the enterprise (or a supervisor in scope) reports the rectification done, with after-photos. */
export async function submitRectification(
  ctx: Context,
  hazardId: string,
  note: string | null | undefined,
  photoIds: readonly string[] | null | undefined,
  sent: QueuedSend = {},
): Promise<Hazard> {
  const viewer = requireViewer(ctx);
  assertMayWrite(viewer);
  const now = ctx.deps.clock.now();
  const input = { hazardId, note: note ?? null, photoIds: photoIds ?? [], queuedAt: sent.queuedAt ?? null };
  const idem = idempotencyOf(viewer, 'submitRectification', sent.idempotencyKey, input);
  return once(
    ctx.em,
    idem,
    (id) => ctx.em.findOneOrFail(Hazard, id),
    () => {
      const offline = checkQueuedAt(sent.queuedAt, now, ctx.deps.env.backfillWindowMs);
      return runChange(ctx.em, ctx.deps.publisher, async (change) => {
        const { tx } = change;
        const { hazard, enterprise } = await hazardForChange(tx, viewer, hazardId);
        const status = requireTransition(hazard.status, 'submit');
        const checkedNote = text('note', note, 5000, null);
        const late = !!hazard.deadline && now > hazard.deadline;
        tx.assign(hazard, { status, submittedAt: now, submittedLate: late });
        await tx.flush();
        const photos = await attachPhotos(tx, viewer, photoIds, hazard.id, PhotoPhase.AFTER, now);
        await change.audit({
          at: now,
          actorId: viewer.user.id,
          action: 'hazard.submitted',
          subjectType: 'hazard',
          subjectId: hazard.id,
          data: { note: checkedNote, late, ...(photos.length ? { photos } : {}), ...offlineAudit(offline) },
        });
        await emitHazardEvent(change, EventKind.RECTIFICATION_SUBMITTED, hazard, enterprise, now, { late });
        if (idem) await rememberResult(tx, idem, hazard.id, now);
        return hazard;
      });
    },
  );
}

/** R4/R5: the confirming level accepts (CLOSED) or sends back (RECTIFYING, reason kept) a reported rectification. */
export async function verifyRectification(
  ctx: Context,
  hazardId: string,
  accepted: boolean,
  comment: string | null | undefined,
): Promise<Hazard> {
  const viewer = requireViewer(ctx);
  assertMayWrite(viewer);
  const now = ctx.deps.clock.now();
  return runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const { hazard, enterprise } = await hazardForChange(tx, viewer, hazardId);
    await assertMayConfirm(tx, viewer.user, hazard.grade, enterprise.department.id, 'verify');
    const status = requireTransition(hazard.status, accepted ? 'accept' : 'reject');
    if (accepted) {
      const checked = text('comment', comment, 5000, null);
      tx.assign(hazard, { status, closedAt: now });
      await tx.flush();
      await change.audit({
        at: now,
        actorId: viewer.user.id,
        action: 'hazard.closed',
        subjectType: 'hazard',
        subjectId: hazard.id,
        data: { accepted: true, comment: checked },
      });
      await emitHazardEvent(change, EventKind.HAZARD_CLOSED, hazard, enterprise, now);
    } else {
      const reason = text('comment', comment, 5000, 'hazard.rejectReasonRequired')!;
      tx.assign(hazard, { status, rejectionReason: reason });
      await tx.flush();
      await change.audit({
        at: now,
        actorId: viewer.user.id,
        action: 'hazard.rejected',
        subjectType: 'hazard',
        subjectId: hazard.id,
        data: { reason },
      });
      await emitHazardEvent(change, EventKind.RECTIFICATION_REJECTED, hazard, enterprise, now, { reason });
    }
    return hazard;
  });
}

/**
 * R5: a supervisor in scope regrades with a reason; the confirming level follows the grade. Moving a hazard
 * to a milder grade takes its current confirming level (or the director), so that nobody regrades a hazard
 * down into their own hands. Grading up to MAJOR never waits for a plan: the plan is the enterprise's to
 * write, so the hazard is MAJOR at once and owes it (`governancePlan` null, on the director's agenda)
 * until `submitGovernancePlan`; a plan given here, or with the filing, is kept.
 */
export async function regradeHazard(
  ctx: Context,
  hazardId: string,
  grade: HazardGrade,
  reason: string,
  governancePlan?: GovernancePlanInput | null,
): Promise<Hazard> {
  const viewer = requireViewer(ctx);
  assertMayRegrade(viewer);
  const now = ctx.deps.clock.now();
  return runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const { hazard, enterprise } = await hazardForChange(tx, viewer, hazardId);
    const checkedReason = text('reason', reason, 2000, 'hazard.regradeReasonRequired')!;
    requireTransition(hazard.status, 'regrade');
    const previous = hazard.grade;
    if (grade === previous) throw badInput('hazard.alreadyGrade', { grade }, 'grade');
    if (isMilder(grade, previous) && !(await mayGradeDown(tx, viewer, previous, enterprise.department.id))) {
      throw forbidden('hazard.gradeDownConfirmer', { grade: previous });
    }
    const plan = governancePlan ? checkGovernancePlan(governancePlan) : null;
    tx.assign(hazard, {
      grade,
      ...(plan
        ? { planObjectives: plan.objectives, planFunding: plan.funding, planEmergencyMeasures: plan.emergencyMeasures }
        : {}),
    });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'hazard.regraded',
      subjectType: 'hazard',
      subjectId: hazard.id,
      data: { from: previous, to: grade, reason: checkedReason, ...(plan ? { governancePlan: plan } : {}) },
    });
    await emitHazardEvent(change, EventKind.HAZARD_REGRADED, hazard, enterprise, now, { previousGrade: previous });
    return hazard;
  });
}

/**
 * R5: the governance plan a MAJOR hazard owes, given by the enterprise (or staff in scope for it)
 * once; the hazard leaves the agenda's "plan owed" list. Audited with the plan (R7).
 */
export async function submitGovernancePlan(
  ctx: Context,
  hazardId: string,
  input: GovernancePlanInput,
): Promise<Hazard> {
  const viewer = requireViewer(ctx);
  assertMayGivePlan(viewer);
  const now = ctx.deps.clock.now();
  const plan = checkGovernancePlan(input);
  return runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const { hazard } = await hazardForChange(tx, viewer, hazardId);
    requireTransition(hazard.status, 'submitPlan');
    if (hazard.grade !== HazardGrade.MAJOR) throw conflict('hazard.planNotMajor');
    if (hazard.planObjectives) throw conflict('hazard.planAlreadyGiven');
    tx.assign(hazard, {
      planObjectives: plan.objectives,
      planFunding: plan.funding,
      planEmergencyMeasures: plan.emergencyMeasures,
    });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'hazard.planSubmitted',
      subjectType: 'hazard',
      subjectId: hazard.id,
      data: { governancePlan: plan },
    });
    return hazard;
  });
}
