import {
  BigIntType,
  Collection,
  Entity,
  Enum,
  Index,
  ManyToMany,
  ManyToOne,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';

export enum EnforcementKind {
  SUMMONS = 'SUMMONS',
  CASE_FILED = 'CASE_FILED',
  PENALTY = 'PENALTY',
  SUSPENSION = 'SUSPENSION',
}

registerEnumType(EnforcementKind, {
  name: 'EnforcementKind',
  description: 'An enforcement measure (R9).',
  valuesConfig: {
    SUMMONS: { description: '约谈: the enterprise’s principals are summoned over hazards.' },
    CASE_FILED: { description: '立案: a case is filed for investigation.' },
    PENALTY: { description: '行政处罚: an administrative penalty, with an amount in yuan.' },
    SUSPENSION: { description: '停业整顿: suspension for rectification, with a period in days.' },
  },
});

@ObjectType({
  description: 'An enforcement action (R9): a traceable record tied to an enterprise and optionally to hazards.',
})
@Entity({ tableName: 'enforcement_action' })
@Index({ properties: ['enterprise', 'kind', 'recordedAt'] })
@Index({ properties: ['kind', 'recordedAt'] })
export class EnforcementAction extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  @Field(() => EnforcementKind)
  @Enum({ items: () => EnforcementKind, nativeEnumName: 'enforcement_kind' })
  kind!: EnforcementKind;

  @Field({ description: 'The legal basis, as text (e.g. 《安全生产法》第九十九条).' })
  @Property({ type: 'text' })
  basis!: string;

  /** Money as whole fen: no floating-point yuan in the record. */
  @Property({ type: new BigIntType('number'), nullable: true })
  amountFen?: number;

  @Field(() => Int, { nullable: true, description: 'Length of a SUSPENSION in days.' })
  @Property({ nullable: true })
  suspensionDays?: number;

  @Field({ nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @Field({ description: 'When the server recorded it.' })
  @Property()
  recordedAt!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User>;

  /** At least one tied hazard was MAJOR when recorded: such penalties count towards proposing closure. */
  @Field({ description: 'Tied to at least one MAJOR hazard when recorded.' })
  @Property()
  forMajorHazard: boolean = false;

  @ManyToMany(() => Hazard, undefined, { owner: true, pivotTable: 'enforcement_action_hazard' })
  hazards = new Collection<Hazard>(this);
}
