import type { EnterprisesQuery, HazardGrade, OverdueHazardsQuery } from '../../../gql/generated.js';

/** The three displays (api.md `AlertKind`); taken from the generated types once `alerts` is in the schema. */
export type AlertKind = 'NO_LOGIN' | 'NO_FILING' | 'OVERDUE';

/** One alert, shaped like api.md's `Alert`, so that the `alerts` query can replace the estimate as is. */
export interface AlertView {
  kind: AlertKind;
  since: string;
  enterprise: {
    id: string;
    name: string;
    code: string;
    department: { id: string; name: string; leader?: { id: string; displayName: string } | null };
  };
  hazard: { id: string; title: string; grade: HazardGrade; deadline?: string | null } | null;
}

export type EnterpriseRow = EnterprisesQuery['enterprises']['edges'][number]['node'];
export type OverdueRow = OverdueHazardsQuery['hazards']['edges'][number]['node'];

/** R2's default window; the server's NO_LOGIN_WINDOW / NO_FILING_WINDOW decide once `alerts` lands. */
export const ALERT_WINDOW_MS = 15 * 86_400_000;

/**
 * An estimate of the three displays from `lastLoginAt` / `lastFilingAt` and the overdue hazards,
 * until the server's `alerts(kind)` query exists: the window counts from the last login (filing),
 * or from registration when there is none (R2); the alert stands since the window elapsed.
 */
export function provisionalAlerts(enterprises: readonly EnterpriseRow[], overdue: readonly OverdueRow[], now: number, windowMs = ALERT_WINDOW_MS): AlertView[] {
  const alerts: AlertView[] = [];
  for (const enterprise of enterprises) {
    for (const [kind, last] of [
      ['NO_LOGIN', enterprise.lastLoginAt],
      ['NO_FILING', enterprise.lastFilingAt],
    ] as const) {
      const from = new Date(last ?? enterprise.registeredAt).getTime();
      if (now - from > windowMs) alerts.push({ kind, since: new Date(from + windowMs).toISOString(), enterprise, hazard: null });
    }
  }
  for (const hazard of overdue) {
    alerts.push({
      kind: 'OVERDUE',
      since: hazard.deadline ?? new Date(now).toISOString(),
      enterprise: hazard.enterprise,
      hazard: { id: hazard.id, title: hazard.title, grade: hazard.grade, deadline: hazard.deadline },
    });
  }
  return alerts.sort((a, b) => a.since.localeCompare(b.since));
}
