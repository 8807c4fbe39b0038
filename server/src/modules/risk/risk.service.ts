import type { EntityManager } from '@mikro-orm/knex';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { assertMayKeepRiskRegister } from '../auth/permissions.js';
import { parseDuration } from '../common/duration.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { text } from '../hazard/filing.rules.js';
import { CheckTask } from './check-task.entity.js';
import { ControlMeasure } from './control-measure.entity.js';
import { riskLevelOf, riskScore } from './risk-bands.js';
import { RiskLevelChange, RiskPoint } from './risk-point.entity.js';
import { enterpriseRiskLevel } from './risk.repository.js';
import { CheckTaskStatus } from './risk.enums.js';
import type { ControlMeasureInput, RiskPointInput } from './risk.inputs.js';

/** The shortest check cycle: short enough to watch one in a test, long enough not to flood the log. */
const MIN_CYCLE_SECONDS = 10;
const MAX_CYCLE_SECONDS = 366 * 86_400;

function grade(field: 'likelihood' | 'severity', value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw badInput('risk.gradeRange', { field, value }, field);
  return value;
}

/**
 * Enters or re-assesses a risk point (R14): LS score and level under the configured bands, one level
 * history row when the assessment changes, an audit entry and a RISK_CHANGED event, all or nothing.
 */
export async function saveRiskPoint(ctx: Context, input: RiskPointInput): Promise<RiskPoint> {
  const viewer = requireViewer(ctx);
  const enterpriseId = assertMayKeepRiskRegister(viewer, input.enterpriseId);
  const { em, deps } = ctx;
  const now = deps.clock.now();
  const name = text('name', input.name, 200, 'risk.nameRequired')!;
  const location = text('location', input.location, 200, null);
  const responsiblePerson = text('responsiblePerson', input.responsiblePerson, 100, null);
  const likelihood = grade('likelihood', input.likelihood);
  const severity = grade('severity', input.severity);
  const score = riskScore(likelihood, severity);
  const level = riskLevelOf(score, deps.env.risk.bands);

  return runChange(em, deps.publisher, async (change) => {
    const { tx } = change;
    const enterprise = await tx.findOneOrFail(Enterprise, { id: enterpriseId });
    const enterpriseBefore = await enterpriseRiskLevel(tx, enterpriseId);
    let point: RiskPoint;
    let before: Pick<RiskPoint, 'likelihood' | 'severity' | 'level'> | null = null;
    if (input.id) {
      const found = await tx.findOne(RiskPoint, { id: input.id.toLowerCase(), enterprise: enterpriseId });
      if (!found) throw notFound('risk.noPoint');
      point = found;
      before = { likelihood: point.likelihood, severity: point.severity, level: point.level };
      tx.assign(point, {
        name,
        kind: input.kind,
        location,
        likelihood,
        severity,
        score,
        level,
        responsiblePerson,
        updatedAt: now,
      });
    } else {
      point = tx.create(RiskPoint, {
        enterprise: enterpriseId,
        name,
        kind: input.kind,
        location: location ?? undefined,
        likelihood,
        severity,
        score,
        level,
        responsiblePerson: responsiblePerson ?? undefined,
        createdAt: now,
        updatedAt: now,
      });
    }
    const reassessed = !before || before.likelihood !== likelihood || before.severity !== severity;
    if (reassessed) {
      tx.create(RiskLevelChange, {
        riskPoint: point,
        at: now,
        likelihood,
        severity,
        score,
        level,
        previousLevel: before?.level,
      });
    }
    await tx.flush();
    const enterpriseLevel = await enterpriseRiskLevel(tx, enterpriseId);
    const facts = {
      enterpriseId,
      name,
      kind: input.kind,
      location,
      likelihood,
      severity,
      score,
      level,
      responsiblePerson,
    };
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: before ? 'risk_point.changed' : 'risk_point.entered',
      subjectType: 'risk_point',
      subjectId: point.id,
      data: before ? { ...facts, before } : facts,
    });
    await change.emit({
      kind: EventKind.RISK_CHANGED,
      at: now,
      enterpriseId,
      departmentId: enterprise.department.id,
      payload: {
        riskPointId: point.id,
        name,
        score,
        level,
        previousLevel: before?.level ?? null,
        enterpriseLevel,
        previousEnterpriseLevel: enterpriseBefore,
      },
    });
    return point;
  });
}

function cycleSeconds(checkEvery: string): number {
  const ms = parseDuration(checkEvery);
  const seconds = ms === null ? NaN : ms / 1000;
  if (!Number.isInteger(seconds) || seconds < MIN_CYCLE_SECONDS || seconds > MAX_CYCLE_SECONDS)
    throw badInput('risk.cycleInvalid', { min: MIN_CYCLE_SECONDS, value: checkEvery }, 'checkEvery');
  return seconds;
}

/** Opens a measure's task for the cycle [opensAt, opensAt + cycle) inside the caller's transaction. */
export function openTask(tx: EntityManager, measure: ControlMeasure, opensAt: Date): CheckTask {
  const dueAt = new Date(opensAt.getTime() + measure.checkEverySeconds * 1000);
  const task = tx.create(CheckTask, {
    measure,
    enterprise: measure.enterprise,
    opensAt,
    dueAt,
    status: CheckTaskStatus.DUE,
  });
  measure.currentTaskId = task.id;
  measure.nextDueAt = dueAt;
  return task;
}

/**
 * Adds or changes a control measure. A new measure's first cycle starts now, its task with it; a
 * changed cycle applies from the next cycle on (the open task keeps the due time it was given).
 */
export async function saveControlMeasure(ctx: Context, input: ControlMeasureInput): Promise<ControlMeasure> {
  const viewer = requireViewer(ctx);
  const enterpriseId = assertMayKeepRiskRegister(viewer);
  const { em, deps } = ctx;
  const now = deps.clock.now();
  const description = text('description', input.description, 2000, 'risk.measureRequired')!;
  const checkEverySeconds = cycleSeconds(input.checkEvery);
  const checkEvery = input.checkEvery.trim();

  return runChange(em, deps.publisher, async (change) => {
    const { tx } = change;
    let measure: ControlMeasure;
    let before: Record<string, unknown> | null = null;
    if (input.id) {
      const found = await tx.findOne(ControlMeasure, { id: input.id.toLowerCase(), enterprise: enterpriseId });
      if (!found) throw notFound('risk.noMeasure');
      measure = found;
      before = {
        description: measure.description,
        category: measure.category,
        checkEvery: measure.checkEvery,
        checkRole: measure.checkRole,
      };
      if (input.riskPointId && input.riskPointId.toLowerCase() !== measure.riskPoint.id)
        throw badInput('risk.measureStays', {}, 'riskPointId');
      tx.assign(measure, {
        description,
        category: input.category,
        checkEvery,
        checkEverySeconds,
        checkRole: input.checkRole,
        updatedAt: now,
      });
    } else {
      if (!input.riskPointId) throw badInput('risk.pointRequired', {}, 'riskPointId');
      const point = await tx.findOne(RiskPoint, { id: input.riskPointId.toLowerCase(), enterprise: enterpriseId });
      if (!point) throw badInput('risk.notOwnPoint', {}, 'riskPointId');
      measure = tx.create(ControlMeasure, {
        riskPoint: point,
        enterprise: enterpriseId,
        description,
        category: input.category,
        checkEvery,
        checkEverySeconds,
        checkRole: input.checkRole,
        nextDueAt: now,
        createdAt: now,
        updatedAt: now,
      });
      openTask(tx, measure, now);
    }
    await tx.flush();
    const enterprise = await tx.findOneOrFail(Enterprise, { id: enterpriseId });
    const facts = {
      riskPointId: measure.riskPoint.id,
      description,
      category: input.category,
      checkEvery,
      checkRole: input.checkRole,
    };
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: before ? 'control_measure.changed' : 'control_measure.added',
      subjectType: 'control_measure',
      subjectId: measure.id,
      data: before ? { ...facts, before } : facts,
    });
    await change.emit({
      kind: EventKind.RISK_CHANGED,
      at: now,
      enterpriseId,
      departmentId: enterprise.department.id,
      payload: {
        riskPointId: measure.riskPoint.id,
        measureId: measure.id,
        checkEvery,
        nextDueAt: measure.nextDueAt.toISOString(),
      },
    });
    return measure;
  });
}
