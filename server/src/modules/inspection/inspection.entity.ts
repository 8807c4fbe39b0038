import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { FindingOutcome, InspectionKind } from './inspection.enums.js';

@ObjectType({ description: 'An inspection (排查/检查): the enterprise’s own, or the bureau’s on site.' })
@Entity({ tableName: 'inspection' })
@Index({ properties: ['enterprise', 'inspectedAt'] })
export class Inspection extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  @Field(() => InspectionKind)
  @Enum({ items: () => InspectionKind, nativeEnumName: 'inspection_kind', index: true })
  kind!: InspectionKind;

  @Field({ description: 'When it took place, as stated (never in the future, R1).' })
  @Property({ index: true })
  inspectedAt!: Date;

  @Field({ description: 'When the server recorded it.' })
  @Property()
  recordedAt!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User>;

  @Field({ nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string;
}

@ObjectType({ description: 'One finding of an inspection and what it was cross-checked to be.' })
@Entity({ tableName: 'inspection_finding' })
@Index({ properties: ['enterprise', 'discrepancy'] })
@Index({ properties: ['enterprise', 'falseRectification'] })
export class InspectionFinding extends BaseEntity {
  @ManyToOne(() => Inspection, { ref: true, index: true })
  inspection!: Ref<Inspection>;

  /** Copied from the inspection so that counts per enterprise need no join. */
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  /** Order within the inspection, as recorded. */
  @Property()
  position!: number;

  @Field(() => FindingOutcome)
  @Enum({ items: () => FindingOutcome, nativeEnumName: 'finding_outcome' })
  outcome!: FindingOutcome;

  @ManyToOne(() => Hazard, { ref: true, index: true })
  hazard!: Ref<Hazard>;

  @Field({ description: 'A hazard found on site that the enterprise had not filed (比对 discrepancy).' })
  @Property()
  discrepancy: boolean = false;

  @Field({ description: 'A hazard reported closed that was not really rectified.' })
  @Property()
  falseRectification: boolean = false;

  @Field({ nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string;
}
