import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { RiskLevel, RiskPointKind } from './risk.enums.js';

@ObjectType({
  description:
    'A risk point (风险点) in an enterprise’s register: a facility, site, area or work activity, graded by LS.',
})
@Entity({ tableName: 'risk_point' })
@Index({ properties: ['enterprise', 'score'] })
export class RiskPoint extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => RiskPointKind)
  @Enum({ items: () => RiskPointKind, nativeEnumName: 'risk_point_kind' })
  kind!: RiskPointKind;

  @Field({ nullable: true, description: 'Where it is on the site, e.g. 储罐区东侧.' })
  @Property({ nullable: true })
  location?: string;

  @Field(() => Int, { description: 'L, likelihood 1–5.' })
  @Property()
  likelihood!: number;

  @Field(() => Int, { description: 'S, severity 1–5.' })
  @Property()
  severity!: number;

  @Field(() => Int, { description: 'R = L × S.' })
  @Property()
  score!: number;

  @Field(() => RiskLevel, { description: 'The colour of `score` under the bands in force when it was last assessed.' })
  @Enum({ items: () => RiskLevel, nativeEnumName: 'risk_level', index: true })
  level!: RiskLevel;

  @Field({ nullable: true, description: 'The person responsible for this point (责任人).' })
  @Property({ nullable: true })
  responsiblePerson?: string;

  @Field({ description: 'When it was entered.' })
  @Property()
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
  @Property()
  updatedAt!: Date;
}

@ObjectType({ description: 'One assessment of a risk point: its score and level from then on.' })
@Entity({ tableName: 'risk_level_change' })
@Index({ properties: ['riskPoint', 'at'] })
export class RiskLevelChange extends BaseEntity {
  @ManyToOne(() => RiskPoint, { ref: true })
  riskPoint!: Ref<RiskPoint>;

  @Field({ description: 'When the assessment was recorded.' })
  @Property()
  at!: Date;

  @Field(() => Int)
  @Property()
  likelihood!: number;

  @Field(() => Int)
  @Property()
  severity!: number;

  @Field(() => Int)
  @Property()
  score!: number;

  @Field(() => RiskLevel)
  @Enum({ items: () => RiskLevel, nativeEnumName: 'risk_level' })
  level!: RiskLevel;

  @Field(() => RiskLevel, { nullable: true, description: 'The level before; null for the first assessment.' })
  @Enum({ items: () => RiskLevel, nativeEnumName: 'risk_level', nullable: true })
  previousLevel?: RiskLevel;
}
