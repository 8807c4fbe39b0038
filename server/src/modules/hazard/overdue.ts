import type { FilterQuery } from '@mikro-orm/core';
import { HazardStatus } from './hazard.enums.js';
import type { Hazard } from './hazard.entity.js';

type OverdueFacts = Pick<Hazard, 'status' | 'deadline' | 'submittedLate'>;

/**
 * R4: a hazard is overdue once its deadline passes while it is still being rectified, and it stays
 * overdue until closed (a late submission does not clear it). The SQL form below says the same.
 */
export function isOverdue(hazard: OverdueFacts, now: Date): boolean {
  if (hazard.status === HazardStatus.CLOSED || !hazard.deadline || hazard.deadline > now) return false;
  return hazard.status === HazardStatus.RECTIFYING || hazard.submittedLate;
}

export function overdueWhere(now: Date): FilterQuery<Hazard> {
  return {
    deadline: { $lte: now },
    $or: [{ status: HazardStatus.RECTIFYING }, { status: HazardStatus.PENDING_VERIFICATION, submittedLate: true }],
  };
}

/**
 * R4 over a period, for the bulletin: hazards that were overdue at some instant of [startAt, endAt) —
 * past the deadline and still being rectified, reported rectified only after it, or closed inside
 * the period after a late report.
 */
export function overdueDuringWhere(startAt: Date, endAt: Date): FilterQuery<Hazard> {
  return {
    deadline: { $lt: endAt },
    $or: [
      { status: HazardStatus.RECTIFYING },
      { status: HazardStatus.PENDING_VERIFICATION, submittedLate: true },
      { status: HazardStatus.CLOSED, submittedLate: true, closedAt: { $gte: startAt } },
    ],
  };
}

/** R4 for the report (`stats.overdue`): hazards whose deadline passed by `until` without a timely report, closed since or not. */
export function missedDeadlineWhere(until: Date): FilterQuery<Hazard> {
  return {
    rectifiedOnSpot: false,
    deadline: { $lte: until },
    $or: [{ status: HazardStatus.RECTIFYING }, { submittedLate: true }],
  };
}

export function notOverdueWhere(now: Date): FilterQuery<Hazard> {
  return {
    $or: [
      { status: HazardStatus.CLOSED },
      { deadline: null },
      { deadline: { $gt: now } },
      { status: HazardStatus.PENDING_VERIFICATION, submittedLate: false },
    ],
  };
}

/** overdueWhere in hand-written SQL over the hazard table under `alias` (`yes` is the dialect's true). */
export function overdueSql(alias: string, nowParam: string, yes: string): string {
  return `(${alias}.deadline <= ${nowParam} and (${alias}.status = '${HazardStatus.RECTIFYING}' or (${alias}.status = '${HazardStatus.PENDING_VERIFICATION}' and ${alias}.submitted_late = ${yes})))`;
}
