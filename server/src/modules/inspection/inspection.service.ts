import type { EntityManager } from '@mikro-orm/knex';
import { requireViewer, type Context, type Viewer } from '../../graphql/context.js';
import { badInput, UserError } from '../../graphql/errors.js';
import { BUREAU_LOCALE, renderMessage } from '../../messages/render.js';
import { assertMayRecordInspection } from '../auth/permissions.js';
import { isUuid } from '../common/ids.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import { idempotencyOf, once, rememberResult, type Idempotency } from '../field/idempotency.js';
import { checkQueuedAt, offlineAudit } from '../field/outbox.rules.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { checkFiling, FUTURE_TOLERANCE_MS, text } from '../hazard/filing.rules.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardSource, HazardStatus } from '../hazard/hazard.enums.js';
import type { FileHazardInput } from '../hazard/hazard.inputs.js';
import { createHazard, filingEnterprise } from '../hazard/hazard.service.js';
import { emitHazardEvent } from '../hazard/lifecycle.service.js';
import { requireTransition } from '../hazard/lifecycle.js';
import { Inspection, InspectionFinding } from './inspection.entity.js';
import { FindingOutcome, InspectionKind } from './inspection.enums.js';
import type { FindingInput, InspectionInput } from './inspection.inputs.js';

const MAX_FINDINGS = 200;

/** Runs a check whose BAD_USER_INPUT names a field of one finding, so that the client sees which. */
async function within<T>(prefix: string, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof UserError && error.extensions.code === 'BAD_USER_INPUT') {
      throw badInput(error.messageKey, error.messageParams, `${prefix}.${String(error.extensions.field)}`);
    }
    throw error;
  }
}

async function hazardOfEnterprise(
  tx: EntityManager,
  enterprise: Enterprise,
  hazardId: string | undefined,
  field: string,
): Promise<Hazard> {
  if (!hazardId) throw badInput('inspection.hazardIdRequired', {}, field);
  const hazard = isUuid(hazardId)
    ? await tx.findOne(Hazard, { id: hazardId.toLowerCase(), enterprise: enterprise.id })
    : null;
  if (!hazard) throw badInput('inspection.hazardNotOfEnterprise', {}, field);
  return hazard;
}

/**
 * Records an inspection with its findings, all or nothing. A self-inspection files its findings as the
 * enterprise's hazards; an on-site inspection cross-checks (比对): a finding the enterprise had not filed
 * becomes a REGULATOR_INSPECTION hazard and a discrepancy, one reported closed but not rectified reopens.
 */
export async function recordInspection(ctx: Context, input: InspectionInput): Promise<Inspection> {
  const viewer = requireViewer(ctx);
  assertMayRecordInspection(viewer, input.kind);
  const { em, deps } = ctx;
  const now = deps.clock.now();
  const enterprise = await filingEnterprise(ctx, viewer, input.enterpriseId);

  const { idempotencyKey, ...rest } = input;
  const idem = idempotencyOf(viewer, 'recordInspection', idempotencyKey, { ...rest, enterpriseId: enterprise.id });
  return once(
    em,
    idem,
    (id) => em.findOneOrFail(Inspection, id),
    () => writeInspection(ctx, viewer, enterprise, input, now, idem),
  );
}

async function writeInspection(
  ctx: Context,
  viewer: Viewer,
  enterprise: Enterprise,
  input: InspectionInput,
  now: Date,
  idem: Idempotency | null,
): Promise<Inspection> {
  const { em, deps } = ctx;
  const offline = checkQueuedAt(input.queuedAt, now, deps.env.backfillWindowMs);
  // An inspection recorded offline took place when it was queued, unless the inspector said otherwise.
  const inspectedAt = input.inspectedAt ?? input.queuedAt ?? now;
  if (inspectedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badInput('inspection.inFuture', { at: inspectedAt.toISOString() }, 'inspectedAt');
  }
  const note = text('note', input.note, 5000, null);
  const findings = input.findings ?? [];
  if (findings.length > MAX_FINDINGS) throw badInput('inspection.tooManyFindings', { max: MAX_FINDINGS }, 'findings');
  const regulator = input.kind === InspectionKind.REGULATOR_INSPECTION;

  return runChange(em, deps.publisher, async (change) => {
    const { tx } = change;
    const inspection = tx.create(Inspection, {
      enterprise: enterprise.id,
      kind: input.kind,
      inspectedAt,
      recordedAt: now,
      recordedBy: viewer.user.id,
      note: note ?? undefined,
    });
    await tx.flush();
    const recorded: Array<{ outcome: FindingOutcome; hazardId: string }> = [];
    for (const [i, finding] of findings.entries()) {
      const prefix = `findings.${i}`;
      const hazard = await applyFinding(tx, finding, prefix);
      const findingNote = await within(prefix, () => text('note', finding.note, 2000, null));
      tx.create(InspectionFinding, {
        inspection: inspection.id,
        position: i,
        enterprise: enterprise.id,
        outcome: finding.outcome,
        hazard: hazard.id,
        discrepancy: regulator && finding.outcome === FindingOutcome.NEW_HAZARD,
        falseRectification: finding.outcome === FindingOutcome.NOT_RECTIFIED,
        note: findingNote ?? undefined,
      });
      recorded.push({ outcome: finding.outcome, hazardId: hazard.id });
    }
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'inspection.recorded',
      subjectType: 'inspection',
      subjectId: inspection.id,
      data: {
        enterpriseId: enterprise.id,
        kind: input.kind,
        inspectedAt,
        note,
        findings: recorded,
        ...offlineAudit(offline),
      },
    });
    if (idem) await rememberResult(tx, idem, inspection.id, now);
    return inspection;

    async function applyFinding(tx: EntityManager, finding: FindingInput, prefix: string): Promise<Hazard> {
      switch (finding.outcome) {
        case FindingOutcome.NEW_HAZARD: {
          if (!finding.hazard) throw badInput('inspection.hazardRequired', {}, `${prefix}.hazard`);
          const filing = {
            ...finding.hazard,
            source: regulator ? HazardSource.REGULATOR_INSPECTION : HazardSource.SELF_INSPECTION,
            discoveredAt: inspectedAt,
          } as FileHazardInput;
          const facts = await within(`${prefix}.hazard`, () => checkFiling(filing, now, deps.env.backfillWindowMs));
          return within(`${prefix}.hazard`, () =>
            createHazard(change, {
              viewer,
              enterprise,
              facts,
              now,
              photoIds: finding.hazard!.photoIds,
              auditExtra: { inspectionId: inspection.id },
            }),
          );
        }
        case FindingOutcome.MATCHED:
          if (!regulator) throw badInput('inspection.matchedNotForSelf', {}, `${prefix}.outcome`);
          return hazardOfEnterprise(tx, enterprise, finding.hazardId, `${prefix}.hazardId`);
        case FindingOutcome.NOT_RECTIFIED: {
          if (!regulator) throw badInput('inspection.falseOnlyRegulator', {}, `${prefix}.outcome`);
          const hazard = await hazardOfEnterprise(tx, enterprise, finding.hazardId, `${prefix}.hazardId`);
          const status = requireTransition(hazard.status, 'reopen');
          if (!finding.deadline) throw badInput('inspection.reopenDeadline', {}, `${prefix}.deadline`);
          if (finding.deadline <= now) throw badInput('inspection.deadlineFuture', {}, `${prefix}.deadline`);
          const reason =
            (await within(prefix, () => text('note', finding.note, 2000, null))) ??
            renderMessage(BUREAU_LOCALE, 'history.notRectifiedOnSite');
          await tx.nativeUpdate(
            Hazard,
            { id: hazard.id },
            {
              status,
              deadline: finding.deadline,
              closedAt: null,
              submittedAt: null,
              submittedLate: false,
              rectifiedOnSpot: false,
              rejectionReason: reason,
            },
          );
          await tx.refresh(hazard);
          await change.audit({
            at: now,
            actorId: viewer.user.id,
            action: 'hazard.reopened',
            subjectType: 'hazard',
            subjectId: hazard.id,
            data: { inspectionId: inspection.id, reason, deadline: finding.deadline, from: HazardStatus.CLOSED },
          });
          await emitHazardEvent(change, EventKind.RECTIFICATION_REJECTED, hazard, enterprise, now, {
            reopened: true,
            reason,
          });
          return hazard;
        }
      }
    }
  });
}
