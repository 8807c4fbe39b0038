import type { EntityManager } from '@mikro-orm/knex';
import { requireViewer, type Context, type Viewer } from '../../graphql/context.js';
import { badInput, forbidden, notFound } from '../../graphql/errors.js';
import { appendAudit } from '../audit/audit.service.js';
import { assertMayWrite, isSupervisor } from '../auth/permissions.js';
import { Role } from '../auth/role.js';
import { isPostgres } from '../common/dialect.js';
import { requireId } from '../common/ids.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { EventKind } from '../event/event-kind.js';
import { commitWithEvents, type Emit } from '../event/event-log.js';
import { idempotencyOf, once, rememberResult } from '../field/idempotency.js';
import { checkQueuedAt, offlineAudit } from '../field/outbox.rules.js';
import { PhotoPhase } from '../photo/photo.entity.js';
import { attachPhotos } from '../photo/photo.service.js';
import { assertMayConfirm, mayConfirm } from './confirmer.js';
import { checkGovernancePlan, text } from './filing.rules.js';
import { Hazard } from './hazard.entity.js';
import { HazardGrade, HazardStatus } from './hazard.enums.js';
import type { GovernancePlanInput } from './hazard.inputs.js';
import { findHazardInScope } from './hazard.repository.js';
import { requireTransition } from './lifecycle.js';

/** Severity order: a regrade towards a milder grade moves the hazard away from its confirming level. */
const SEVERITY: Record<HazardGrade, number> = {
  [HazardGrade.MAJOR]: 3,
  [HazardGrade.SECOND]: 2,
  [HazardGrade.THIRD]: 1,
};

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
    if ((await tx.count(Hazard, { id })) > 0)
      throw forbidden('This hazard belongs to an enterprise outside your supervision.');
    throw notFound('No hazard has this id.');
  }
  await tx.refresh(hazard);
  // Not hazard.enterprise.load(): a reference the request already held would load outside this transaction,
  // and on SQLite's single connection that waits for the transaction itself.
  return { hazard, enterprise: await tx.findOneOrFail(Enterprise, hazard.enterprise.id) };
}

/** Emits an event about a hazard with the ids and payload every subscriber filters on. */
export function emitHazardEvent(
  emit: Emit,
  kind: EventKind,
  hazard: Hazard,
  enterprise: Enterprise,
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  return emit({
    kind,
    at,
    enterpriseId: enterprise.id,
    departmentId: enterprise.department.id,
    hazardId: hazard.id,
    payload: { grade: hazard.grade, title: hazard.title, ...extra },
  });
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
      return commitWithEvents(ctx.em, ctx.deps.publisher, async (tx, emit) => {
        const { hazard, enterprise } = await hazardForChange(tx, viewer, hazardId);
        const status = requireTransition(hazard.status, 'submit');
        const checkedNote = text('note', note, 5000, null);
        const late = !!hazard.deadline && now > hazard.deadline;
        tx.assign(hazard, { status, submittedAt: now, submittedLate: late });
        await tx.flush();
        const photos = await attachPhotos(tx, viewer, photoIds, hazard.id, PhotoPhase.AFTER, now);
        await appendAudit(tx, {
          at: now,
          actorId: viewer.user.id,
          action: 'hazard.submitted',
          subjectType: 'hazard',
          subjectId: hazard.id,
          data: { note: checkedNote, late, ...(photos.length ? { photos } : {}), ...offlineAudit(offline) },
        });
        await emitHazardEvent(emit, EventKind.RECTIFICATION_SUBMITTED, hazard, enterprise, now, { late });
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
  return commitWithEvents(ctx.em, ctx.deps.publisher, async (tx, emit) => {
    const { hazard, enterprise } = await hazardForChange(tx, viewer, hazardId);
    await assertMayConfirm(tx, viewer.user, hazard.grade, enterprise.department.id, 'verify the rectification of');
    const status = requireTransition(hazard.status, accepted ? 'accept' : 'reject');
    if (accepted) {
      const checked = text('comment', comment, 5000, null);
      tx.assign(hazard, { status, closedAt: now });
      await tx.flush();
      await appendAudit(tx, {
        at: now,
        actorId: viewer.user.id,
        action: 'hazard.closed',
        subjectType: 'hazard',
        subjectId: hazard.id,
        data: { accepted: true, comment: checked },
      });
      await emitHazardEvent(emit, EventKind.HAZARD_CLOSED, hazard, enterprise, now);
    } else {
      const reason = text(
        'comment',
        comment,
        5000,
        'Say why the rectification is not accepted (comment), so that the enterprise knows what to do.',
      )!;
      tx.assign(hazard, { status, rejectionReason: reason });
      await tx.flush();
      await appendAudit(tx, {
        at: now,
        actorId: viewer.user.id,
        action: 'hazard.rejected',
        subjectType: 'hazard',
        subjectId: hazard.id,
        data: { reason },
      });
      await emitHazardEvent(emit, EventKind.RECTIFICATION_REJECTED, hazard, enterprise, now, { reason });
    }
    return hazard;
  });
}

/**
 * R5: a supervisor in scope regrades with a reason; the confirming level follows the grade. Moving a hazard
 * to a milder grade takes its current confirming level (or the director), so that nobody regrades a hazard
 * down into their own hands. A MAJOR hazard needs a governance plan.
 */
export async function regradeHazard(
  ctx: Context,
  hazardId: string,
  grade: HazardGrade,
  reason: string,
  governancePlan?: GovernancePlanInput | null,
): Promise<Hazard> {
  const viewer = requireViewer(ctx);
  assertMayWrite(viewer);
  if (!isSupervisor(viewer)) throw forbidden('Only bureau staff may regrade a hazard.');
  const now = ctx.deps.clock.now();
  return commitWithEvents(ctx.em, ctx.deps.publisher, async (tx, emit) => {
    const { hazard, enterprise } = await hazardForChange(tx, viewer, hazardId);
    const checkedReason = text('reason', reason, 2000, 'Say why the grade changes (reason).')!;
    requireTransition(hazard.status, 'regrade');
    const previous = hazard.grade;
    if (grade === previous) throw badInput('grade', `The hazard is already ${grade}.`);
    if (SEVERITY[grade] < SEVERITY[previous] && viewer.user.role !== Role.DIRECTOR) {
      if (!(await mayConfirm(tx, viewer.user, previous, enterprise.department.id))) {
        throw forbidden(`Only the confirming level of a ${previous} hazard (or the director) may grade it down.`);
      }
    }
    let plan = null;
    if (governancePlan) plan = checkGovernancePlan(governancePlan);
    if (grade === HazardGrade.MAJOR && !plan && !hazard.planObjectives) {
      throw badInput(
        'governancePlan',
        'A major hazard needs a governance plan: give objectives, funding and materials, and safety and emergency measures.',
      );
    }
    tx.assign(hazard, {
      grade,
      ...(plan
        ? { planObjectives: plan.objectives, planFunding: plan.funding, planEmergencyMeasures: plan.emergencyMeasures }
        : {}),
    });
    await tx.flush();
    await appendAudit(tx, {
      at: now,
      actorId: viewer.user.id,
      action: 'hazard.regraded',
      subjectType: 'hazard',
      subjectId: hazard.id,
      data: { from: previous, to: grade, reason: checkedReason, ...(plan ? { governancePlan: plan } : {}) },
    });
    await emitHazardEvent(emit, EventKind.HAZARD_REGRADED, hazard, enterprise, now, { previousGrade: previous });
    return hazard;
  });
}

export const OPEN_STATUSES = [HazardStatus.RECTIFYING, HazardStatus.PENDING_VERIFICATION];
