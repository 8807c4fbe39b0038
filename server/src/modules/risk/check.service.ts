import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput, conflict, notFound, UserError } from '../../graphql/errors.js';
import { assertMayKeepRiskRegister } from '../auth/permissions.js';
import { isUuid } from '../common/ids.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { checkQueuedAt, offlineAudit } from '../field/outbox.rules.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { checkFiling, text } from '../hazard/filing.rules.js';
import type { Hazard } from '../hazard/hazard.entity.js';
import { HazardSource } from '../hazard/hazard.enums.js';
import type { FileHazardInput } from '../hazard/hazard.inputs.js';
import { createHazard } from '../hazard/hazard.service.js';
import { Inspection, InspectionFinding } from '../inspection/inspection.entity.js';
import { FindingOutcome, InspectionKind } from '../inspection/inspection.enums.js';
import { CheckTask } from './check-task.entity.js';
import { ControlMeasure } from './control-measure.entity.js';
import { CheckResult, CheckTaskStatus } from './risk.enums.js';

export interface RecordCheckArgs {
  taskId: string;
  result: CheckResult;
  note?: string | null;
  photoIds?: string[] | null;
  hazard?: FileHazardInput | null;
  idempotencyKey?: string | null;
  /** When the phone queued it, if it waited in an outbox (R17). */
  queuedAt?: Date | null;
}

/**
 * Records the check of an open task (R14). NORMAL counts as the enterprise's self-inspection;
 * HAZARD_FOUND also files the hazard (source SELF_INSPECTION) linked to the task, hence to its measure
 * and risk point. A check recorded clears the measure's missed standing (the fourth display).
 */
export async function recordCheck(ctx: Context, args: RecordCheckArgs): Promise<CheckTask> {
  const viewer = requireViewer(ctx);
  const enterpriseId = assertMayKeepRiskRegister(viewer);
  const { em, deps } = ctx;
  const now = deps.clock.now();

  const key = args.idempotencyKey?.trim() || null;
  if (key && key.length > 200)
    throw badInput('common.tooLong', { field: 'idempotencyKey', max: 200 }, 'idempotencyKey');
  if (key) {
    const earlier = await replay(ctx, viewer.user.id, key, args.taskId);
    if (earlier) return earlier;
  }
  const task = isUuid(args.taskId)
    ? await em.findOne(CheckTask, { id: args.taskId.toLowerCase(), enterprise: enterpriseId })
    : null;
  if (!task) throw notFound('risk.noTask');
  if (task.status === CheckTaskStatus.DONE) throw conflict('risk.checkDone', { at: task.doneAt!.toISOString() });
  if (task.status === CheckTaskStatus.MISSED || task.dueAt <= now)
    throw conflict('risk.cycleEnded', { at: task.dueAt.toISOString() });

  const note = text('note', args.note, 2000, null);
  if (args.result === CheckResult.NORMAL && args.hazard) throw badInput('risk.normalNoHazard', {}, 'hazard');
  if (args.result === CheckResult.NORMAL && args.photoIds?.length)
    throw badInput('risk.normalNoPhotos', {}, 'photoIds');
  if (args.result === CheckResult.HAZARD_FOUND && !args.hazard) throw badInput('risk.hazardRequired', {}, 'hazard');
  const offline = checkQueuedAt(args.queuedAt, now, deps.env.backfillWindowMs);
  // A hazard found on a check that waited in an outbox was found when it was queued (R1 checks the claim).
  const discoveredAt = args.hazard?.discoveredAt ?? args.queuedAt ?? now;
  const facts = args.hazard
    ? prefixed(() =>
        checkFiling(
          { ...args.hazard!, source: HazardSource.SELF_INSPECTION, discoveredAt },
          now,
          deps.env.backfillWindowMs,
        ),
      )
    : null;

  try {
    return await runChange(em, deps.publisher, async (change) => {
      const { tx } = change;
      const enterprise = await tx.findOneOrFail(Enterprise, { id: enterpriseId });
      const measure = await tx.findOneOrFail(ControlMeasure, { id: task.measure.id });
      // Conditional on DUE: a second recording, or the watcher marking it MISSED meanwhile, leaves nothing to win.
      const won = await tx.nativeUpdate(
        CheckTask,
        { id: task.id, status: CheckTaskStatus.DUE },
        {
          status: CheckTaskStatus.DONE,
          doneAt: now,
          result: args.result,
          note,
          recordedBy: viewer.user.id,
          idempotencyKey: key,
        },
      );
      if (won === 0) throw conflict('risk.checkRaced');

      const inspection = tx.create(Inspection, {
        enterprise: enterpriseId,
        kind: InspectionKind.SELF_INSPECTION,
        inspectedAt: now,
        recordedAt: now,
        recordedBy: viewer.user.id,
        note: `排查任务：${measure.description}${note ? `（${note}）` : ''}`,
      });
      let hazard: Hazard | null = null;
      if (facts) {
        hazard = await createHazard(change, {
          viewer,
          enterprise,
          facts,
          now,
          photoIds: args.photoIds?.length ? args.photoIds : args.hazard!.photoIds,
          offline,
          auditExtra: { checkTaskId: task.id, controlMeasureId: measure.id, riskPointId: measure.riskPoint.id },
        });
        await tx.nativeUpdate(CheckTask, { id: task.id }, { hazard: hazard.id });
        tx.create(InspectionFinding, {
          inspection,
          enterprise: enterpriseId,
          position: 0,
          outcome: FindingOutcome.NEW_HAZARD,
          hazard,
          discrepancy: false,
          falseRectification: false,
        });
      }
      measure.missedAt = undefined;
      await tx.flush();
      await change.audit({
        at: now,
        actorId: viewer.user.id,
        action: 'check.recorded',
        subjectType: 'check_task',
        subjectId: task.id,
        data: {
          controlMeasureId: measure.id,
          result: args.result,
          note,
          hazardId: hazard?.id ?? null,
          inspectionId: inspection.id,
          ...offlineAudit(offline),
        },
      });
      await change.emit({
        kind: EventKind.CHECK_RECORDED,
        at: now,
        enterpriseId,
        departmentId: enterprise.department.id,
        hazardId: hazard?.id ?? null,
        payload: {
          taskId: task.id,
          measureId: measure.id,
          riskPointId: measure.riskPoint.id,
          description: measure.description,
          result: args.result,
        },
      });
      await tx.refresh(task);
      return task;
    });
  } catch (error) {
    if (key && error instanceof UniqueConstraintViolationException) {
      const earlier = await replay(ctx, viewer.user.id, key, args.taskId);
      if (earlier) return earlier;
    }
    throw error;
  }
}

/** The same key again answers with the check it recorded; the same key for another task is a mistake. */
async function replay(ctx: Context, userId: string, key: string, taskId: string): Promise<CheckTask | null> {
  const earlier = await ctx.em.fork().findOne(CheckTask, { recordedBy: userId, idempotencyKey: key });
  if (!earlier) return null;
  if (earlier.id !== taskId.toLowerCase()) throw badInput('risk.idempotencyReused', {}, 'idempotencyKey');
  return ctx.em.findOneOrFail(CheckTask, earlier.id);
}

/** The filing's refusals name their field under `hazard.`, as the client sent it. */
function prefixed<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UserError && error.extensions.code === 'BAD_USER_INPUT')
      throw badInput(error.messageKey, error.messageParams, `hazard.${String(error.extensions.field)}`);
    throw error;
  }
}
