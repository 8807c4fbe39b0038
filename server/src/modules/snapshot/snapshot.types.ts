import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { HazardGrade } from '../hazard/hazard.enums.js';

/**
 * The frozen figures of a daily snapshot. Field names follow api.md's `Wallboard` so that a client
 * asks `dailySnapshot { wallboard { loginRate } }` either way; the types carry a `Snapshot` prefix
 * because they describe stored JSON, not the live wallboard.
 */
@ObjectType({ description: 'A share with its parts (98/100), so that nobody argues about what a percentage means.' })
export class SnapshotFraction {
  @Field(() => Int)
  numerator!: number;

  @Field(() => Int)
  denominator!: number;
}

@ObjectType({ description: 'One department’s line of the 一级抓一级 table, as frozen.' })
export class SnapshotDepartmentSummary {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => Int)
  number!: number;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'The deputy leader (分管领导) over the department.' })
  leaderName!: string | null;

  @Field(() => String, { nullable: true, description: 'The section chief (科长).' })
  chiefName!: string | null;

  @Field(() => Int)
  enterpriseCount!: number;

  @Field(() => Float)
  loginRate!: number;

  @Field(() => SnapshotFraction)
  loginFraction!: SnapshotFraction;

  @Field(() => Float)
  filingRate!: number;

  @Field(() => SnapshotFraction)
  filingFraction!: SnapshotFraction;

  @Field(() => Int)
  openHazards!: number;

  @Field(() => Int)
  overdueHazards!: number;

  @Field(() => Int)
  openMajor!: number;

  @Field(() => Int)
  noLoginCount!: number;

  @Field(() => Int)
  noFilingCount!: number;
}

@ObjectType({ description: 'The wallboard figures as they stood when the snapshot was taken (bureau-wide).' })
export class SnapshotWallboard {
  @Field({ description: 'The instant the figures were computed.' })
  asOf!: Date;

  @Field(() => Int)
  enterpriseCount!: number;

  @Field(() => Float, { description: 'Share of enterprises with a login inside the no-login window (R10).' })
  loginRate!: number;

  @Field(() => SnapshotFraction)
  loginFraction!: SnapshotFraction;

  @Field(() => Float, { description: 'Share of enterprises with a filing inside the no-filing window (R10).' })
  filingRate!: number;

  @Field(() => SnapshotFraction)
  filingFraction!: SnapshotFraction;

  @Field(() => Float, { description: 'Share of hazards due inside the no-login window that were rectified by their deadline (R10).' })
  onTimeRate!: number;

  @Field(() => SnapshotFraction)
  onTimeFraction!: SnapshotFraction;

  @Field(() => Int)
  openHazards!: number;

  @Field(() => Int)
  overdueHazards!: number;

  @Field(() => Int)
  openMajor!: number;

  @Field(() => Int)
  openSecond!: number;

  @Field(() => Int)
  openThird!: number;

  @Field(() => Int)
  noLoginCount!: number;

  @Field(() => Int)
  noFilingCount!: number;

  @Field(() => Int, { description: 'Enterprises that are key supervision targets (重点督查对象) at the time.' })
  keyTargetCount!: number;

  @Field(() => Float, { description: 'The no-login window in days, as the figures used it.' })
  noLoginWindowDays!: number;

  @Field(() => Float, { description: 'The no-filing window in days.' })
  noFilingWindowDays!: number;

  @Field(() => [SnapshotDepartmentSummary])
  byDepartment!: SnapshotDepartmentSummary[];
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

  @Field(() => String, { nullable: true })
  leaderName!: string | null;

  @Field({ description: 'When the window elapsed: the alert has stood since then.' })
  since!: Date;

  @Field(() => Date, { nullable: true, description: 'The last login (or filing); null when there never was one.' })
  lastAt!: Date | null;

  @Field()
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

  @Field()
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
}

/** What a snapshot freezes; stored as canonical JSON and hashed. */
export interface SnapshotData {
  wallboard: SnapshotWallboard;
  displays: SnapshotDisplays;
}

const DATE_KEYS = new Set(['asOf', 'since', 'lastAt', 'deadline']);

/** Reads stored JSON back with its instants as Dates, as the GraphQL types expect. */
export function parseSnapshotData(json: string): SnapshotData {
  return JSON.parse(json, (key, value) => (DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value)) as SnapshotData;
}
