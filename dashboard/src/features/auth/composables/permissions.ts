import type { MeQuery } from '../../../gql/generated.js';

/** What the viewer may open, as the server says (`me.can`). */
export type Can = Omit<NonNullable<NonNullable<MeQuery['me']>['can']>, '__typename'>;

/** A page or page-wide action the server may allow; routes name the one they need (`meta.can`). */
export type Permission = keyof Can;

/** Where a user lands after signing in: their ledger, their enterprises, or (reading only) the query page. */
export function homePathFor(can: Can | null | undefined): string {
  if (can?.ledger) return '/ledger';
  if (can?.recordInspections || !can?.graphiql) return '/enterprises';
  return '/analyst';
}
