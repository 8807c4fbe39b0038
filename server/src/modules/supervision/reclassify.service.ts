import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { EventKind } from '../event/event-kind.js';
import { runChange, type EventPublisher } from '../event/change.js';
import { SupervisionClassChange, SupervisionStanding } from './supervision-standing.entity.js';
import { supervisionStandings, type Standing } from './supervision.service.js';

/** Enterprises classified per transaction: keeps each one, and the ledger lock it holds, short. */
export const RECLASSIFY_BATCH = 500;

export interface ReclassifyResult {
  /** Enterprises whose class was computed. */
  classified: number;
  /** Of those, how many changed class (one SUPERVISION_CLASS_CHANGED each). */
  changed: number;
}

interface Diff {
  enterprise: Enterprise;
  standing: Standing;
  stored: SupervisionStanding | undefined;
}

const sameReasons = (stored: SupervisionStanding, standing: Standing) =>
  stored.reasons === JSON.stringify(standing.reasons);

/**
 * Brings the stored supervision classes (R15) in line with the rule table at `now`, for the given
 * enterprises or, without ids, for every enterprise that counts. In batches: the facts are read in a
 * fixed number of grouped statements per batch, outside any transaction; only what differs is written.
 * Retired enterprises keep the class they had (R13: they count no more). An enterprise's first class is recorded quietly (it is no change); a different class is a change:
 * a history row, an audit entry and a SUPERVISION_CLASS_CHANGED event with the reasons. Reasons that
 * moved under the same class (three overdue hazards become four) only refresh the stored sentence.
 */
export async function reclassify(
  em: EntityManager,
  publisher: EventPublisher,
  env: Pick<Env, 'supervision'>,
  now: Date,
  ids?: readonly string[],
  shouldStop: () => boolean = () => false,
): Promise<ReclassifyResult> {
  const result: ReclassifyResult = { classified: 0, changed: 0 };
  let after = '';
  for (let offset = 0; ; offset += RECLASSIFY_BATCH) {
    if (shouldStop()) return result;
    const read = em.fork();
    const enterprises = ids
      ? await read.find(Enterprise, { active: true, id: { $in: ids.slice(offset, offset + RECLASSIFY_BATCH) } })
      : await read.find(Enterprise, after ? { active: true, id: { $gt: after } } : { active: true }, {
          orderBy: { id: 'asc' },
          limit: RECLASSIFY_BATCH,
        });
    if (enterprises.length === 0 && (!ids || offset >= ids.length)) return result;
    after = enterprises.at(-1)?.id ?? after;
    const standings = await supervisionStandings(read, env, enterprises, now);
    const stored = await read.find(SupervisionStanding, { enterprise: { $in: enterprises.map((e) => e.id) } });
    const storedOf = new Map(stored.map((s) => [s.enterprise.id, s]));
    const diffs: Diff[] = [];
    for (const enterprise of enterprises) {
      const standing = standings.get(enterprise.id)!;
      const was = storedOf.get(enterprise.id);
      if (!was || was.supervisionClass !== standing.supervisionClass || !sameReasons(was, standing))
        diffs.push({ enterprise, standing, stored: was });
    }
    result.classified += enterprises.length;
    if (diffs.length > 0) result.changed += await write(em.fork(), publisher, diffs, now);
    if (ids ? offset + RECLASSIFY_BATCH >= ids.length : enterprises.length < RECLASSIFY_BATCH) return result;
  }
}

async function write(em: EntityManager, publisher: EventPublisher, diffs: readonly Diff[], now: Date): Promise<number> {
  return runChange(em, publisher, async (change) => {
    const { tx } = change;
    let changed = 0;
    for (const { enterprise, standing, stored } of diffs) {
      const reasons = JSON.stringify(standing.reasons);
      if (!stored) {
        tx.create(SupervisionStanding, {
          enterprise: enterprise.id,
          supervisionClass: standing.supervisionClass,
          reasons,
          since: now,
        });
        tx.create(SupervisionClassChange, {
          enterprise: enterprise.id,
          at: now,
          supervisionClass: standing.supervisionClass,
          reasonsJson: reasons,
        });
        continue;
      }
      const previousClass = stored.supervisionClass;
      if (previousClass === standing.supervisionClass) {
        await tx.nativeUpdate(SupervisionStanding, { id: stored.id }, { reasons });
        continue;
      }
      changed++;
      await tx.nativeUpdate(
        SupervisionStanding,
        { id: stored.id },
        { supervisionClass: standing.supervisionClass, reasons, since: now },
      );
      tx.create(SupervisionClassChange, {
        enterprise: enterprise.id,
        at: now,
        supervisionClass: standing.supervisionClass,
        previousClass,
        reasonsJson: reasons,
      });
      await change.audit({
        at: now,
        actorId: null,
        action: 'enterprise.supervision_class_changed',
        subjectType: 'enterprise',
        subjectId: enterprise.id,
        data: { previousClass, supervisionClass: standing.supervisionClass, reasons: standing.reasons },
      });
      await change.emit({
        kind: EventKind.SUPERVISION_CLASS_CHANGED,
        at: now,
        enterpriseId: enterprise.id,
        departmentId: enterprise.department.id,
        payload: {
          previousClass,
          supervisionClass: standing.supervisionClass,
          reason: standing.reasons.join('；'),
        },
      });
    }
    await tx.flush();
    return changed;
  });
}
