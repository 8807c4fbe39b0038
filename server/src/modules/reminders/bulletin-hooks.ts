import type { EntityManager } from '@mikro-orm/knex';

/** An enterprise whose filings did not match what inspectors found on site (比对, mission.md §5). */
export interface Discrepancy {
  enterpriseId: string;
  detail: string;
}

/**
 * HOOK FOR THE CLOSED-LOOP BRANCH (issue 3, modules/inspection/): discrepancies found on site in
 * [from, to). Inspections do not exist on this branch, so nothing is found yet; at merge, return
 * one entry per enterprise whose inspection recorded a discrepancy (untimely or inaccurate filing,
 * rectification not real), with the finding as `detail`. The bulletin names them under the
 * `discrepancy` criterion.
 */
export async function discrepanciesFoundOnSite(em: EntityManager, from: Date, to: Date): Promise<Discrepancy[]> {
  void em;
  void from;
  void to;
  return [];
}
