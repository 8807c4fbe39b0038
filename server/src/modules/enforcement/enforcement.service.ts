import type { EntityManager } from '@mikro-orm/knex';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput, forbidden, notFound } from '../../graphql/errors.js';
import { assertMayRecordEnforcement } from '../auth/permissions.js';
import { DAY_MS } from '../common/duration.js';
import { isUuid, requireId } from '../common/ids.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { findEnterpriseInScope } from '../enterprise/enterprise.repository.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { text } from '../hazard/filing.rules.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardGrade } from '../hazard/hazard.enums.js';
import { EnforcementAction, EnforcementKind } from './enforcement.entity.js';
import type { EnforcementInput } from './enforcement.inputs.js';

/** Work Safety Law: three penalties for major hazards within 180 days is the threshold for proposing closure. */
export const CLOSURE_PENALTIES = 3;
export const CLOSURE_WINDOW_MS = 180 * DAY_MS;

const MAX_AMOUNT_YUAN = 100_000_000;
const MAX_SUSPENSION_DAYS = 3650;

/** R9: bureau staff in scope record a summons, case, penalty (amount) or suspension (days), with its legal basis. */
export async function recordEnforcement(ctx: Context, input: EnforcementInput): Promise<EnforcementAction> {
  const viewer = requireViewer(ctx);
  assertMayRecordEnforcement(viewer);
  const { em, deps } = ctx;
  const now = deps.clock.now();

  const enterpriseId = requireId('enterpriseId', input.enterpriseId);
  const enterprise = await findEnterpriseInScope(em, viewer.scope, enterpriseId);
  if (!enterprise) {
    if ((await em.count(Enterprise, { id: enterpriseId })) > 0) throw forbidden('enterprise.outsideScope');
    throw notFound('enterprise.notFound');
  }
  const basis = text('basis', input.basis, 2000, 'enforcement.basisRequired')!;
  const note = text('note', input.note, 5000, null);

  let amountFen: number | undefined;
  if (input.kind === EnforcementKind.PENALTY) {
    const amount = input.amount;
    if (amount == null) throw badInput('enforcement.amountRequired', {}, 'amount');
    amountFen = Math.round(amount * 100);
    if (
      !Number.isFinite(amount) ||
      amount <= 0 ||
      amount > MAX_AMOUNT_YUAN ||
      Math.abs(amountFen - amount * 100) > 1e-6
    ) {
      throw badInput('enforcement.amountInvalid', { max: MAX_AMOUNT_YUAN }, 'amount');
    }
  } else if (input.amount != null) {
    throw badInput('enforcement.amountOnlyPenalty', {}, 'amount');
  }
  let suspensionDays: number | undefined;
  if (input.kind === EnforcementKind.SUSPENSION) {
    suspensionDays = input.suspensionDays ?? undefined;
    if (
      suspensionDays == null ||
      !Number.isInteger(suspensionDays) ||
      suspensionDays < 1 ||
      suspensionDays > MAX_SUSPENSION_DAYS
    ) {
      throw badInput('enforcement.suspensionDaysInvalid', { max: MAX_SUSPENSION_DAYS }, 'suspensionDays');
    }
  } else if (input.suspensionDays != null) {
    throw badInput('enforcement.suspensionDaysOnlySuspension', {}, 'suspensionDays');
  }

  const hazardIds = [...new Set(input.hazardIds ?? [])];
  if (!hazardIds.every(isUuid)) throw badInput('enforcement.hazardIdsInvalid', {}, 'hazardIds');
  const hazards = hazardIds.length
    ? await em.find(Hazard, { id: { $in: hazardIds.map((id) => id.toLowerCase()) }, enterprise: enterprise.id })
    : [];
  if (hazards.length !== hazardIds.length) throw badInput('enforcement.hazardIdsForeign', {}, 'hazardIds');
  const forMajorHazard = hazards.some((h) => h.grade === HazardGrade.MAJOR);

  return runChange(em, deps.publisher, async (change) => {
    const { tx } = change;
    const action = tx.create(EnforcementAction, {
      enterprise: enterprise.id,
      kind: input.kind,
      basis,
      amountFen,
      suspensionDays,
      note: note ?? undefined,
      recordedAt: now,
      recordedBy: viewer.user.id,
      forMajorHazard,
    });
    for (const hazard of hazards) action.hazards.add(tx.getReference(Hazard, hazard.id));
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'enforcement.recorded',
      subjectType: 'enforcement',
      subjectId: action.id,
      data: {
        enterpriseId: enterprise.id,
        kind: input.kind,
        basis,
        amountFen: amountFen ?? null,
        suspensionDays: suspensionDays ?? null,
        hazardIds: hazards.map((h) => h.id),
        note,
        forMajorHazard,
      },
    });
    await change.emit({
      kind: EventKind.ENFORCEMENT_RECORDED,
      at: now,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department.id,
      hazardId: hazards[0]?.id ?? null,
      payload: {
        kind: input.kind,
        enforcementId: action.id,
        hazardIds: hazards.map((h) => h.id),
        ...(hazards[0] ? { grade: hazards[0].grade, title: hazards[0].title } : {}),
      },
    });
    return action;
  });
}

/** Penalties for major hazards this enterprise collected in the 180 days up to `now`. */
export function majorPenaltiesWithinWindow(em: EntityManager, enterpriseId: string, now: Date): Promise<number> {
  return em.count(EnforcementAction, {
    enterprise: enterpriseId,
    kind: EnforcementKind.PENALTY,
    forMajorHazard: true,
    recordedAt: { $gt: new Date(now.getTime() - CLOSURE_WINDOW_MS), $lte: now },
  });
}
