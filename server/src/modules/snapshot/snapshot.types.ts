import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { HazardGrade } from '../hazard/hazard.enums.js';
import { RISK_COUNT_KEYS } from '../risk/risk-wallboard.js';
import type { DepartmentSummary, RateDetail, Wallboard } from '../wallboard/wallboard.type.js';

/**
 * What a daily snapshot freezes besides api.md's `Wallboard` (which it stores as computed by
 * modules/wallboard, bureau-wide): the three displays by name, and the windows the figures used.
 */

@ObjectType({
  description: 'The windows the frozen figures were computed with, so that the labels (15日登录率…) stay true later.',
})
export class SnapshotWindows {
  @Field(() => Float, { description: 'The no-login window in days (NO_LOGIN_WINDOW at the time).' })
  noLoginDays!: number;

  @Field(() => Float, { description: 'The no-filing window in days (NO_FILING_WINDOW at the time).' })
  noFilingDays!: number;

  @Field(() => Float, {
    description: 'The on-time rate covers hazards due in this many days up to the snapshot, as on the live wallboard.',
  })
  onTimeDays!: number;
}

@ObjectType({ description: 'An enterprise on the no-login or no-filing display, as frozen.' })
export class SnapshotEnterpriseAlert {
  @Field(() => ID)
  enterpriseId!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  departmentNumber!: number;

  @Field()
  departmentName!: string;

  @Field(() => String, { nullable: true, description: 'The deputy leader responsible (分管领导), as named then.' })
  leaderName!: string | null;

  @Field({ description: 'When the window elapsed: the display has stood since then.' })
  since!: Date;

  @Field(() => Date, { nullable: true, description: 'The last login (or filing); null when there never was one.' })
  lastAt!: Date | null;

  @Field({ description: 'A key supervision target (重点督查对象) at the time.' })
  keyTarget!: boolean;
}

@ObjectType({ description: 'A hazard on the overdue display, as frozen.' })
export class SnapshotOverdueHazard {
  @Field(() => ID)
  hazardId!: string;

  @Field()
  title!: string;

  @Field(() => HazardGrade)
  grade!: HazardGrade;

  @Field(() => ID)
  enterpriseId!: string;

  @Field()
  enterpriseCode!: string;

  @Field()
  enterpriseName!: string;

  @Field()
  departmentName!: string;

  @Field(() => String, { nullable: true, description: 'The deputy leader responsible (分管领导), as named then.' })
  leaderName!: string | null;

  @Field({ description: 'A key supervision target at the time.' })
  keyTarget!: boolean;

  @Field({ description: 'The deadline that passed (the display stands since then).' })
  deadline!: Date;

  @Field(() => Int, { description: 'Whole days past the deadline when frozen (0 on the day it passed).' })
  daysOverdue!: number;
}

@ObjectType({ description: 'The three displays (三个显示) as they stood.' })
export class SnapshotDisplays {
  @Field(() => [SnapshotEnterpriseAlert])
  noLogin!: SnapshotEnterpriseAlert[];

  @Field(() => [SnapshotEnterpriseAlert])
  noFiling!: SnapshotEnterpriseAlert[];

  @Field(() => [SnapshotOverdueHazard])
  overdue!: SnapshotOverdueHazard[];

  @Field(() => [SnapshotEnterpriseAlert], {
    description: 'Enterprises on the CHECKS_MISSED display (R14); `since` is the earliest miss still standing.',
  })
  checksMissed!: SnapshotEnterpriseAlert[];
}

/** What a snapshot freezes; stored as canonical JSON and hashed. */
export interface SnapshotData {
  wallboard: Wallboard;
  windows: SnapshotWindows;
  displays: SnapshotDisplays;
}

const DATE_KEYS = new Set(['asOf', 'since', 'lastAt', 'deadline']);

type Fraction = { numerator: number; denominator: number };
const detail = (f: Fraction | undefined, value: number): RateDetail => ({
  numerator: f?.numerator ?? 0,
  denominator: f?.denominator ?? 0,
  value,
});

/**
 * Snapshots taken by the first cut of the rhythm stored their own figures (`loginFraction`, window
 * days inside the wallboard). Kept forever, they are read into today's shape so that every
 * snapshot is queried like the live wallboard.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- stored JSON of an older shape, read field by field */
function upgradeFirstCut(raw: any): SnapshotData {
  const w = raw.wallboard;
  if (!w || !('loginFraction' in w)) return raw as SnapshotData;
  const counts = (r: any) => ({
    enterpriseCount: r.enterpriseCount,
    loginRate: r.loginRate,
    loginRateDetail: detail(r.loginFraction, r.loginRate),
    filingRate: r.filingRate,
    filingRateDetail: detail(r.filingFraction, r.filingRate),
    onTimeRate: r.onTimeRate ?? 1,
    onTimeRateDetail: detail(r.onTimeFraction, r.onTimeRate ?? 1),
    openHazards: r.openHazards,
    overdueHazards: r.overdueHazards,
    openMajor: r.openMajor,
    openSecond: r.openSecond ?? 0,
    openThird: r.openThird ?? 0,
    noLoginCount: r.noLoginCount,
    noFilingCount: r.noFilingCount,
    keyTargetCount: r.keyTargetCount ?? 0,
  });
  const byDepartment = (w.byDepartment ?? []).map((d: any) => ({
    ...counts(d),
    departmentId: d.departmentId,
    leaderId: null,
    chiefId: null,
  })) as DepartmentSummary[];
  const overdue = (raw.displays?.overdue ?? []).map((h: any) => ({ leaderName: null, keyTarget: false, ...h }));
  return {
    wallboard: { asOf: w.asOf, ...counts(w), byDepartment } as unknown as Wallboard,
    windows: { noLoginDays: w.noLoginWindowDays, noFilingDays: w.noFilingWindowDays, onTimeDays: w.noLoginWindowDays },
    displays: { ...raw.displays, overdue },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Snapshots from before the risk register (R14) knew no checks or risk points: they read as none. */
function withRiskDefaults(data: SnapshotData): SnapshotData {
  const fill = <T extends object>(counts: T): T => ({
    ...Object.fromEntries(RISK_COUNT_KEYS.map((key) => [key, 0])),
    checkCompletionRate: 1,
    checkCompletionRateDetail: { numerator: 0, denominator: 0, value: 1 },
    ...counts,
  });
  return {
    ...data,
    wallboard: { ...fill(data.wallboard), byDepartment: data.wallboard.byDepartment.map(fill) },
    displays: { ...data.displays, checksMissed: data.displays.checksMissed ?? [] },
  };
}

/** Reads stored JSON back into the GraphQL types, instants as Dates. */
export function parseSnapshotData(json: string): SnapshotData {
  return withRiskDefaults(
    upgradeFirstCut(
      JSON.parse(json, (key, value) => (DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value)),
    ),
  );
}
