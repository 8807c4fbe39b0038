import { Field, ID, Int, ObjectType } from 'type-graphql';
import { HazardGrade, HazardStatus } from '../hazard/hazard.enums.js';
import type { BulletinSentence } from './bulletin-text.js';

@ObjectType({ description: 'An enterprise a level must chase: silent beyond a window, or with checks missed.' })
export class DispatchEnterprise {
  @Field(() => ID)
  enterpriseId!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field({ description: '`NO_LOGIN`, `NO_FILING` or `CHECKS_MISSED`.' })
  reason!: string;

  @Field({ description: 'When the window elapsed (for CHECKS_MISSED: when the earliest standing miss happened).' })
  since!: Date;

  @Field()
  keyTarget!: boolean;
}

@ObjectType({ description: 'A hazard a level must chase.' })
export class DispatchHazard {
  @Field(() => ID)
  hazardId!: string;

  @Field()
  title!: string;

  @Field(() => HazardGrade)
  grade!: HazardGrade;

  @Field(() => HazardStatus)
  status!: HazardStatus;

  @Field()
  enterpriseCode!: string;

  @Field()
  enterpriseName!: string;

  @Field({ description: 'The enterprise is a key supervision target (重点督查对象).' })
  keyTarget!: boolean;

  @Field(() => Date, { nullable: true })
  deadline!: Date | null;
}

@ObjectType({ description: 'What one department, and the deputy leader over it, must chase this week (一级抓一级).' })
export class DispatchDepartment {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => Int)
  number!: number;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  leaderName!: string | null;

  @Field(() => String, { nullable: true })
  chiefName!: string | null;

  @Field(() => [DispatchEnterprise], { description: 'Enterprises silent beyond the no-login or no-filing window.' })
  silent!: DispatchEnterprise[];

  @Field(() => [DispatchEnterprise], {
    description:
      'Enterprises on the missed-checks display (CHECKS_MISSED, R14); `since` is the earliest miss standing.',
  })
  checksMissed!: DispatchEnterprise[];

  @Field(() => [DispatchHazard], { description: 'Hazards past their deadline.' })
  overdue!: DispatchHazard[];

  @Field(() => [DispatchHazard], {
    description: 'Hazards being rectified whose deadline falls within the next seven days.',
  })
  dueSoon!: DispatchHazard[];

  @Field(() => [DispatchHazard], { description: 'Major hazards not yet closed (the director supervises them).' })
  majorOpen!: DispatchHazard[];
}

export interface DispatchData {
  departments: DispatchDepartment[];
}

@ObjectType({ description: 'One reason an enterprise is named in a bulletin.' })
export class BulletinReason {
  @Field({ description: '`NO_LOGIN`, `NO_FILING`, `OVERDUE`, `DISCREPANCY` or `CHECKS_MISSED`.' })
  kind!: string;

  @Field({
    description: 'The reason as the bulletin states it, in the language the request asks for (Accept-Language).',
  })
  detail!: string;

  /** The reason's sentences as keys and params (bulletins issued before they were kept have only `detail`). */
  parts?: BulletinSentence[];
}

@ObjectType({ description: 'An enterprise named in a bulletin; it is a key supervision target for the next period.' })
export class BulletinEntry {
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

  @Field(() => [BulletinReason])
  reasons!: BulletinReason[];
}

export interface BulletinData {
  criteria: string[];
  /** The criteria as keys and params (bulletins issued before they were kept have only `criteria`). */
  criteriaSentences?: BulletinSentence[];
  named: BulletinEntry[];
  clearedTargets: string[];
}

const DATE_KEYS = new Set(['since', 'deadline']);

export function parseReminderJson<T>(json: string): T {
  return JSON.parse(json, (key, value) =>
    DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as T;
}
