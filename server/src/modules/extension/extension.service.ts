import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput, conflict } from '../../graphql/errors.js';
import { assertMayRequestExtension, assertMayWrite } from '../auth/permissions.js';
import { DAY_MS } from '../common/duration.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { assertMayConfirm } from '../auth/confirmer.js';
import { text } from '../hazard/filing.rules.js';
import type { Hazard } from '../hazard/hazard.entity.js';
import { emitHazardEvent, hazardForChange } from '../hazard/lifecycle.service.js';
import { requireTransition } from '../hazard/lifecycle.js';
import { ExtensionRequest, ExtensionStatus } from './extension-request.entity.js';

/** A longer extension is a new plan, not an extension. */
const MAX_EXTENSION_MS = 365 * DAY_MS;

/** R8: the enterprise asks, before the deadline, for a later one; one open request per hazard. */
export async function requestExtension(ctx: Context, hazardId: string, until: Date, reason: string): Promise<Hazard> {
  const viewer = requireViewer(ctx);
  assertMayRequestExtension(viewer);
  const now = ctx.deps.clock.now();
  return runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const { hazard } = await hazardForChange(tx, viewer, hazardId);
    requireTransition(hazard.status, 'requestExtension');
    const deadline = hazard.deadline!;
    if (deadline <= now) throw conflict('extension.deadlinePassed');
    const checkedReason = text('reason', reason, 2000, 'extension.reasonRequired')!;
    if (until <= deadline) throw badInput('extension.mustBeLater', { deadline: deadline.toISOString() }, 'until');
    if (until.getTime() > deadline.getTime() + MAX_EXTENSION_MS) throw badInput('extension.atMostYear', {}, 'until');
    if ((await tx.count(ExtensionRequest, { hazard: hazard.id, status: ExtensionStatus.PENDING })) > 0) {
      throw conflict('extension.alreadyPending');
    }
    const request = tx.create(ExtensionRequest, {
      hazard: hazard.id,
      requestedBy: viewer.user.id,
      requestedAt: now,
      previousDeadline: deadline,
      until,
      reason: checkedReason,
      status: ExtensionStatus.PENDING,
    });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'hazard.extension_requested',
      subjectType: 'hazard',
      subjectId: hazard.id,
      data: { requestId: request.id, from: deadline, until, reason: checkedReason },
    });
    return hazard;
  });
}

/** R8: the confirming level for the grade approves (the deadline moves) or refuses, with a reason, before the deadline passes. */
export async function decideExtension(
  ctx: Context,
  hazardId: string,
  approved: boolean,
  reason: string,
): Promise<Hazard> {
  const viewer = requireViewer(ctx);
  assertMayWrite(viewer);
  const now = ctx.deps.clock.now();
  return runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const { hazard, enterprise } = await hazardForChange(tx, viewer, hazardId);
    await assertMayConfirm(tx, viewer.user, hazard.grade, enterprise.department.id, 'decideExtension');
    requireTransition(hazard.status, 'decideExtension');
    const request = await tx.findOne(ExtensionRequest, { hazard: hazard.id, status: ExtensionStatus.PENDING });
    if (!request) throw conflict('extension.nonePending');
    if (hazard.deadline && hazard.deadline <= now) throw conflict('extension.tooLateToDecide');
    const checkedReason = text('reason', reason, 2000, 'extension.decisionReasonRequired')!;
    const previous = hazard.deadline ?? null;
    tx.assign(request, {
      status: approved ? ExtensionStatus.APPROVED : ExtensionStatus.REFUSED,
      decidedBy: viewer.user.id,
      decidedAt: now,
      decisionReason: checkedReason,
    });
    if (approved) tx.assign(hazard, { deadline: request.until });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: approved ? 'hazard.extension_approved' : 'hazard.extension_refused',
      subjectType: 'hazard',
      subjectId: hazard.id,
      data: { requestId: request.id, from: previous, until: request.until, reason: checkedReason },
    });
    if (approved)
      await emitHazardEvent(change, EventKind.DEADLINE_EXTENDED, hazard, enterprise, now, {
        previousDeadline: previous?.toISOString() ?? null,
        deadline: request.until.toISOString(),
      });
    return hazard;
  });
}
