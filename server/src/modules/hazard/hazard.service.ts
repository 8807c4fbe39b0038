import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { requireViewer, type Context, type Viewer } from '../../graphql/context.js';
import { badInput, forbidden, notFound } from '../../graphql/errors.js';
import { assertMayWrite, isEnterpriseAccount } from '../auth/permissions.js';
import { canonicalJson } from '../common/canonical-json.js';
import { isUuid } from '../common/ids.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { findEnterpriseInScope } from '../enterprise/enterprise.repository.js';
import { EventKind } from '../event/event-kind.js';
import { runChange, type Change } from '../event/change.js';
import { checkQueuedAt, offlineAudit, type OfflineFacts } from '../field/outbox.rules.js';
import { PhotoPhase } from '../photo/photo.entity.js';
import { attachPhotos } from '../photo/photo.service.js';
import { emitHazardEvent } from './lifecycle.service.js';
import { checkFiling, type FilingFacts } from './filing.rules.js';
import { Hazard } from './hazard.entity.js';
import type { FileHazardInput } from './hazard.inputs.js';

/** The enterprise a filing is for: an enterprise account's own, or one in the supervisor's scope. */
export async function filingEnterprise(
  ctx: Context,
  viewer: Viewer,
  enterpriseId: string | undefined,
): Promise<Enterprise> {
  if (isEnterpriseAccount(viewer)) {
    const own = viewer.scope.kind === 'enterprise' ? viewer.scope.enterpriseId : '';
    if (enterpriseId && enterpriseId !== own) throw forbidden('enterprise.ownOnly');
    const enterprise = await ctx.em.findOne(Enterprise, { id: own });
    if (!enterprise) throw forbidden('enterprise.notLinked');
    return enterprise;
  }
  if (!enterpriseId) throw badInput('enterprise.required', {}, 'enterpriseId');
  const enterprise = await findEnterpriseInScope(ctx.em, viewer.scope, enterpriseId);
  if (enterprise && !enterprise.active) throw badInput('enterprise.retired', {}, 'enterpriseId');
  if (enterprise) return enterprise;
  const exists = isUuid(enterpriseId) && (await ctx.em.count(Enterprise, { id: enterpriseId })) > 0;
  if (exists) throw forbidden('enterprise.filingOutsideScope');
  throw notFound('enterprise.notFound');
}

function filingHash(input: FileHazardInput, enterpriseId: string): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256')
    .update(canonicalJson({ ...rest, enterpriseId }))
    .digest('hex');
}

/** Files a hazard (R1, R4): server timestamps, validated plan, one audit entry and one event, all or nothing. */
export async function fileHazard(ctx: Context, input: FileHazardInput): Promise<Hazard> {
  const viewer = requireViewer(ctx);
  assertMayWrite(viewer);
  const { em, deps } = ctx;
  const now = deps.clock.now();
  const enterprise = await filingEnterprise(ctx, viewer, input.enterpriseId);
  const key = input.idempotencyKey?.trim() || null;
  const inputHash = key ? filingHash(input, enterprise.id) : null;
  if (key) {
    if (key.length > 200) throw badInput('hazard.idempotencyTooLong', {}, 'idempotencyKey');
    // Before the checks: a retry answers with what the first send made, even if its deadline has passed since.
    const earlier = await replayFiling(ctx, viewer, key, inputHash!);
    if (earlier) return earlier;
  }
  const offline = checkQueuedAt(input.queuedAt, now, deps.env.backfillWindowMs);
  // An outbox filing was found when it was queued, not when the signal came back.
  const discoveredAt = input.discoveredAt ?? input.queuedAt;
  const facts = checkFiling({ ...input, discoveredAt }, now, deps.env.backfillWindowMs);

  try {
    return await runChange(em, deps.publisher, (change) =>
      createHazard(change, {
        viewer,
        enterprise,
        facts,
        now,
        photoIds: input.photoIds,
        idempotencyKey: key,
        inputHash,
        offline,
      }),
    );
  } catch (error) {
    // Two retries raced past the check above: the loser answers with the winner's hazard.
    if (key && error instanceof UniqueConstraintViolationException) {
      const earlier = await replayFiling(ctx, viewer, key, inputHash!);
      if (earlier) return earlier;
    }
    throw error;
  }
}

export interface NewHazard {
  viewer: Viewer;
  enterprise: Enterprise;
  facts: FilingFacts;
  now: Date;
  photoIds?: readonly string[] | null;
  idempotencyKey?: string | null;
  inputHash?: string | null;
  /** Extra facts for the history entry, e.g. the inspection that found it. */
  auditExtra?: Record<string, unknown>;
  /** It waited in a phone's outbox (R17). */
  offline?: OfflineFacts | null;
}

/**
 * Writes a checked filing inside the caller's transaction: the hazard, its before-photos, the enterprise's
 * last filing, one audit entry and one HAZARD_FILED event. fileHazard and recordInspection both use it.
 */
export async function createHazard(change: Change, h: NewHazard): Promise<Hazard> {
  const { tx } = change;
  const { viewer, enterprise, facts, now } = h;
  const hazard = tx.create(Hazard, {
    enterprise: enterprise.id,
    title: facts.title,
    description: facts.description ?? undefined,
    location: facts.location ?? undefined,
    grade: facts.grade,
    status: facts.status,
    source: facts.source,
    rectifiedOnSpot: facts.rectifiedOnSpot,
    backfilled: facts.backfilled,
    submittedLate: false,
    discoveredAt: facts.discoveredAt,
    filedAt: now,
    deadline: facts.deadline ?? undefined,
    closedAt: facts.closedAt ?? undefined,
    measures: facts.measures ?? undefined,
    responsiblePerson: facts.responsiblePerson ?? undefined,
    planObjectives: facts.plan?.objectives,
    planFunding: facts.plan?.funding,
    planEmergencyMeasures: facts.plan?.emergencyMeasures,
    filedBy: viewer.user.id,
    idempotencyKey: h.idempotencyKey ?? undefined,
    inputHash: h.inputHash ?? undefined,
    queuedAt: h.offline?.queuedAt,
  });
  if (isEnterpriseAccount(viewer)) {
    tx.assign(tx.getReference(Enterprise, enterprise.id), { lastFilingAt: now });
  }
  await tx.flush();
  const photos = await attachPhotos(tx, viewer, h.photoIds, hazard.id, PhotoPhase.BEFORE, now);
  await change.audit({
    at: now,
    actorId: viewer.user.id,
    action: 'hazard.filed',
    subjectType: 'hazard',
    subjectId: hazard.id,
    data: {
      enterpriseId: enterprise.id,
      ...facts,
      ...(photos.length ? { photos } : {}),
      ...offlineAudit(h.offline ?? null),
      ...h.auditExtra,
    },
  });
  await emitHazardEvent(change, EventKind.HAZARD_FILED, hazard, enterprise, now, {
    rectifiedOnSpot: facts.rectifiedOnSpot,
  });
  return hazard;
}

async function replayFiling(ctx: Context, viewer: Viewer, key: string, inputHash: string): Promise<Hazard | null> {
  const earlier = await ctx.em.fork().findOne(Hazard, { filedBy: viewer.user.id, idempotencyKey: key });
  if (!earlier) return null;
  if (earlier.inputHash !== inputHash) {
    throw badInput('hazard.idempotencyReused', {}, 'idempotencyKey');
  }
  return ctx.em.findOneOrFail(Hazard, earlier.id);
}
