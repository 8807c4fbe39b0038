import type { FilterQuery } from '@mikro-orm/core';
import { HazardStatus } from './hazard.enums.js';
import type { Hazard } from './hazard.entity.js';

/**
 * R4: a hazard is open from its filing until it is closed, being rectified or awaiting verification.
 * The one home of "open": the wallboard, the dispatch, the agenda and the bulletin read it here.
 */
export const OPEN_STATUSES: readonly HazardStatus[] = [HazardStatus.RECTIFYING, HazardStatus.PENDING_VERIFICATION];

/** Open hazards as a filter: "not closed", the form the partial index hazard_open_index serves. */
export const OPEN_HAZARD: FilterQuery<Hazard> = { status: { $ne: HazardStatus.CLOSED } };

/** OPEN_HAZARD in hand-written SQL over the hazard table under `alias`. */
export function openSql(alias: string): string {
  return `${alias}.status <> '${HazardStatus.CLOSED}'`;
}
