import type { Ref } from 'vue';
import type { HazardGrade } from '../../../gql/generated.js';
import type { AlertView } from '../../alerts/composables/provisional-alerts.js';

/** A share with its parts, shown as 98.0% over 98/100 (wallboard.md). */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number;
}

/** The headline numbers: the fields of api.md's `Wallboard`. */
export interface WallboardFigures {
  asOf: string;
  enterpriseCount: number;
  loginRate: Rate;
  filingRate: Rate;
  onTimeRate: Rate;
  openMajor: number;
  openSecond: number;
  openThird: number;
  overdueHazards: number;
  noLoginCount: number;
  noFilingCount: number;
}

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

export interface TrendDay {
  date: string;
  filed: number;
  closed: number;
}

export type TickerKind = 'HAZARD_FILED' | 'HAZARD_CLOSED' | 'ENTERPRISE_LOGGED_IN' | 'DEADLINE_MISSED';

/** One line of the ticker; `key` is the event's seq once events(since) feeds it. */
export interface TickerItem {
  key: string;
  at: string;
  kind: TickerKind;
  enterprise: string;
  title?: string;
  grade?: HazardGrade;
}

/** green: live; amber: reconnecting; grey: offline, with the time of the last update. */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

/**
 * Where a wallboard's data comes from. Today queries (query-source.ts); with the real-time API a
 * source over the `wallboard` query and subscriptions and `events(since)` gives the same refs.
 */
export interface WallboardSource {
  figures: Ref<WallboardFigures | null>;
  departments: Ref<DepartmentRow[]>;
  alerts: Ref<AlertView[]>;
  trend: Ref<TrendDay[]>;
  ticker: Ref<TickerItem[]>;
  connection: Ref<ConnectionState>;
  lastUpdate: Ref<Date | null>;
  start(): void;
  stop(): void;
}

/** The ticker keeps the last few dozen (wallboard.md). */
export const TICKER_LENGTH = 40;
