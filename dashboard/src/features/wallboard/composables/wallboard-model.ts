import type { Ref } from 'vue';
import type { EventKind, HazardGrade, WallboardFiguresFragment } from '../../../gql/generated.js';
import type { AlertView } from '../../alerts/composables/alerts.js';

/** A share with its parts, shown as 98.0% over 98/100 (docs/wallboard.md): the server's `Rate`. */
export type Rate = WallboardFiguresFragment['loginRateDetail'];

/** The headline numbers: the server's `Wallboard`, as pushed by the `wallboard` subscription. */
export type WallboardFigures = WallboardFiguresFragment;

/** One line of the 一级抓一级 table. */
export interface DepartmentRow {
  departmentId: string;
  number: number;
  department: string;
  leader: string;
  enterpriseCount: number;
  loginRate: Rate;
  filingRate: Rate;
  overdueHazards: number;
  openMajor: number;
}

/** One day of the 30-day trend: the server's `TrendDay`. */
export type TrendDay = WallboardFiguresFragment['trend'][number];

/** One line of the ticker: one event of `events(since)`, keyed by its seq. */
export interface TickerItem {
  key: string;
  seq: number;
  at: string;
  kind: EventKind;
  enterprise: string;
  title?: string;
  grade?: HazardGrade;
  alertKind?: string;
  /** A closed hazard an inspection found not rectified (RECTIFICATION_REJECTED with `reopened`): not a verifier's rejection. */
  reopened?: boolean;
}

/** green: live; amber: reconnecting; grey: offline, with the time of the last update. */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

/** Where a wallboard's data comes from: the `wallboard` query and subscription, `alerts`, and `events(since)`. */
export interface WallboardSource {
  figures: Readonly<Ref<WallboardFigures | null>>;
  departments: Readonly<Ref<DepartmentRow[]>>;
  alerts: Readonly<Ref<AlertView[]>>;
  trend: Readonly<Ref<TrendDay[]>>;
  ticker: Readonly<Ref<TickerItem[]>>;
  connection: Readonly<Ref<ConnectionState>>;
  lastUpdate: Readonly<Ref<Date | null>>;
  start(): void;
  stop(): void;
}

/** The ticker keeps the last few dozen (wallboard.md). */
export const TICKER_LENGTH = 40;

/** The table's rows from the server's byDepartment. */
export function departmentRows(figures: WallboardFigures | null): DepartmentRow[] {
  return (figures?.byDepartment ?? []).map((d) => ({
    departmentId: d.department.id,
    number: d.department.number,
    department: d.department.name,
    leader: d.leader?.displayName ?? '—',
    enterpriseCount: d.enterpriseCount,
    loginRate: d.loginRateDetail,
    filingRate: d.filingRateDetail,
    overdueHazards: d.overdueHazards,
    openMajor: d.openMajor,
  }));
}
