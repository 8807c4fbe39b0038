import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { User } from '../auth/user.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { HazardGrade, HazardSource, HazardStatus } from './hazard.enums.js';

@ObjectType({ description: 'A hidden safety hazard (隐患) and where it stands in the closed loop.' })
@Entity({ tableName: 'hazard' })
@Index({ properties: ['enterprise', 'filedAt'] })
@Index({ properties: ['status', 'deadline'] })
@Index({ properties: ['filedAt', 'id'] })
// Open hazards are a few per cent of all: the wallboard's open and overdue counts read only these (issue 16).
@Index({
  name: 'hazard_open_index',
  expression: `create index "hazard_open_index" on "hazard" ("enterprise_id", "grade", "deadline") where "status" <> 'CLOSED'`,
})
// `stats` asks, per hazard found, for a closed one at the same place shortly before (a repeat): one probe each (issue 16).
@Index({
  name: 'hazard_closed_location_index',
  expression: `create index "hazard_closed_location_index" on "hazard" ("enterprise_id", "location", "closed_at") where "status" = 'CLOSED'`,
})
@Unique({ properties: ['filedBy', 'idempotencyKey'] })
export class Hazard extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field({ nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string;

  @Field({ nullable: true, description: 'Where on the site, e.g. 储罐区.' })
  @Property({ nullable: true })
  location?: string;

  @Field(() => HazardGrade)
  @Enum({ items: () => HazardGrade, nativeEnumName: 'hazard_grade', index: true })
  grade!: HazardGrade;

  @Field(() => HazardStatus)
  @Enum({ items: () => HazardStatus, nativeEnumName: 'hazard_status', index: true })
  status!: HazardStatus;

  @Field(() => HazardSource)
  @Enum({ items: () => HazardSource, nativeEnumName: 'hazard_source', index: true })
  source!: HazardSource;

  @Field({ description: 'Rectified on the spot (现场立即整改): closed at filing.' })
  @Property()
  rectifiedOnSpot: boolean = false;

  @Field({ description: 'Discovered longer ago than the backfill window before it was filed (R1).' })
  @Property()
  backfilled: boolean = false;

  @Field({ description: 'When the hazard was discovered, as the filer stated it (never in the future).' })
  @Property({ index: true })
  discoveredAt!: Date;

  @Field({ description: 'When the server received the filing.' })
  @Property()
  filedAt!: Date;

  @Field({
    nullable: true,
    description:
      'When the filing was queued in a phone’s outbox, as the phone says, if it waited there (R17); filedAt is when the server received it.',
  })
  @Property({ nullable: true })
  queuedAt?: Date;

  @Field({ nullable: true, description: 'Rectification deadline; null when rectified on the spot.' })
  @Property({ nullable: true, index: true })
  deadline?: Date;

  @Field({ nullable: true })
  @Property({ nullable: true, index: true })
  closedAt?: Date;

  @Field({ nullable: true, description: 'When the enterprise last reported the rectification done.' })
  @Property({ nullable: true })
  submittedAt?: Date;

  /** The last submission came after the deadline: the hazard stays overdue until closed (R4). */
  @Property()
  submittedLate: boolean = false;

  @Field({
    nullable: true,
    description: 'Why the last reported rectification was sent back, kept until the next one is accepted.',
  })
  @Property({ type: 'text', nullable: true })
  rejectionReason?: string;

  @Field({ nullable: true })
  @Property({ nullable: true })
  responsiblePerson?: string;

  @Field({ nullable: true, description: 'Rectification measures.' })
  @Property({ type: 'text', nullable: true })
  measures?: string;

  @Property({ type: 'text', nullable: true })
  planObjectives?: string;

  @Property({ type: 'text', nullable: true })
  planFunding?: string;

  @Property({ type: 'text', nullable: true })
  planEmergencyMeasures?: string;

  @ManyToOne(() => User, { ref: true, nullable: true, index: true })
  filedBy?: Ref<User>;

  @Property({ nullable: true })
  idempotencyKey?: string;

  /** Hash of the filing's input, to tell a retry from a different filing under the same key. */
  @Property({ nullable: true, hidden: true })
  inputHash?: string;
}
