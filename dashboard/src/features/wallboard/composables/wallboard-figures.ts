import { bureauDate, lastBureauDays } from '../../../shared/bureau-time.js';
import type { AlertView, EnterpriseRow } from '../../alerts/composables/provisional-alerts.js';
import { ALERT_WINDOW_MS } from '../../alerts/composables/provisional-alerts.js';
import type { DepartmentRow, Rate, TickerItem, TrendDay, WallboardFigures } from './wallboard-model.js';
import { TICKER_LENGTH } from './wallboard-model.js';
import type { HazardGrade, HazardStatus } from '../../../gql/generated.js';

/**
 * Client-side stand-ins for the server's R10 rates (modules/analytics/rates.ts) until the `wallboard`
 * query lands: an enterprise counts when it logged in (filed) inside the window or was registered
 * inside it.
 */
export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? 1 : numerator / denominator };
}

function activeWithin(enterprises: readonly EnterpriseRow[], last: (e: EnterpriseRow) => string | null | undefined, now: number): Rate {
  const start = now - ALERT_WINDOW_MS;
  const registered = enterprises.filter((e) => Date.parse(e.registeredAt) <= now);
  const active = registered.filter((e) => {
    const at = last(e);
    return (at && Date.parse(at) >= start) || Date.parse(e.registeredAt) >= start;
  });
  return rate(active.length, registered.length);
}

export function loginRateOf(enterprises: readonly EnterpriseRow[], now: number): Rate {
  return activeWithin(enterprises, (e) => e.lastLoginAt, now);
}

export function filingRateOf(enterprises: readonly EnterpriseRow[], now: number): Rate {
  return activeWithin(enterprises, (e) => e.lastFilingAt, now);
}

export interface DueHazard {
  status: HazardStatus;
  deadline?: string | null;
  submittedAt?: string | null;
}

/** Hazards due in the window that were reported rectified by their deadline and not sent back. */
export function onTimeRateOf(due: readonly DueHazard[]): Rate {
  const onTime = due.filter((h) => h.status !== 'RECTIFYING' && h.submittedAt && h.deadline && h.submittedAt <= h.deadline);
  return rate(onTime.length, due.length);
}

export interface OpenHazard {
  grade: HazardGrade;
  overdue: boolean;
  enterprise: { id: string; department: { id: string } };
}

export interface DepartmentInfo {
  id: string;
  number: number;
  name: string;
  leader?: { displayName: string } | null;
}

/** 一级抓一级: one row per department the viewer sees, with its deputy leader. */
export function departmentRows(departments: readonly DepartmentInfo[], enterprises: readonly EnterpriseRow[], open: readonly OpenHazard[], now: number): DepartmentRow[] {
  return departments
    .map((d) => {
      const own = enterprises.filter((e) => e.department.id === d.id);
      const hazards = open.filter((h) => h.enterprise.department.id === d.id);
      return {
        departmentId: d.id,
        number: d.number,
        department: d.name,
        leader: d.leader?.displayName ?? '—',
        enterpriseCount: own.length,
        loginRate: loginRateOf(own, now),
        filingRate: filingRateOf(own, now),
        overdueHazards: hazards.filter((h) => h.overdue).length,
        openMajor: hazards.filter((h) => h.grade === 'MAJOR').length,
      };
    })
    .filter((row) => row.enterpriseCount > 0)
    .sort((a, b) => a.number - b.number);
}

/** Filed and closed per bureau day over the last `days` days. */
export function trendDays(filed: readonly { filedAt: string }[], closed: readonly { closedAt?: string | null }[], now: number, days = 30): TrendDay[] {
  const counts = new Map(lastBureauDays(days, now).map((date) => [date, { date, filed: 0, closed: 0 }]));
  for (const h of filed) {
    const day = counts.get(bureauDate(h.filedAt));
    if (day) day.filed++;
  }
  for (const h of closed) {
    const day = h.closedAt ? counts.get(bureauDate(h.closedAt)) : undefined;
    if (day) day.closed++;
  }
  return [...counts.values()];
}

export interface RecentHazard {
  id: string;
  title: string;
  grade: HazardGrade;
  rectifiedOnSpot: boolean;
  filedAt: string;
  closedAt?: string | null;
  enterprise: { name: string };
}

/** The ticker before events(since) exists: recent filings, closures, sign-ins and missed deadlines. */
export function tickerFrom(recent: readonly RecentHazard[], enterprises: readonly EnterpriseRow[], alerts: readonly AlertView[], now: number): TickerItem[] {
  const since = now - 3 * 86_400_000;
  const items: TickerItem[] = [];
  for (const h of recent) {
    if (Date.parse(h.filedAt) >= since) items.push({ key: `f-${h.id}`, at: h.filedAt, kind: 'HAZARD_FILED', enterprise: h.enterprise.name, title: h.title, grade: h.grade });
    if (h.closedAt && !h.rectifiedOnSpot && Date.parse(h.closedAt) >= since) {
      items.push({ key: `c-${h.id}`, at: h.closedAt, kind: 'HAZARD_CLOSED', enterprise: h.enterprise.name, title: h.title, grade: h.grade });
    }
  }
  for (const e of enterprises) {
    if (e.lastLoginAt && Date.parse(e.lastLoginAt) >= since) items.push({ key: `l-${e.id}-${e.lastLoginAt}`, at: e.lastLoginAt, kind: 'ENTERPRISE_LOGGED_IN', enterprise: e.name });
  }
  for (const a of alerts) {
    if (a.kind === 'OVERDUE' && a.hazard && Date.parse(a.since) >= since) {
      items.push({ key: `m-${a.hazard.id}`, at: a.since, kind: 'DEADLINE_MISSED', enterprise: a.enterprise.name, title: a.hazard.title, grade: a.hazard.grade });
    }
  }
  const unique = new Map(items.map((item) => [item.key, item]));
  return [...unique.values()].sort((a, b) => b.at.localeCompare(a.at)).slice(0, TICKER_LENGTH);
}

export interface CountFacts {
  enterpriseCount: number;
  openMajor: number;
  openSecond: number;
  openThird: number;
  overdueHazards: number;
}

export function figuresOf(counts: CountFacts, enterprises: readonly EnterpriseRow[], due: readonly DueHazard[], alerts: readonly AlertView[], now: number): WallboardFigures {
  return {
    asOf: new Date(now).toISOString(),
    ...counts,
    loginRate: loginRateOf(enterprises, now),
    filingRate: filingRateOf(enterprises, now),
    onTimeRate: onTimeRateOf(due),
    noLoginCount: alerts.filter((a) => a.kind === 'NO_LOGIN').length,
    noFilingCount: alerts.filter((a) => a.kind === 'NO_FILING').length,
  };
}
