import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { AlertKind } from './alert-kind.js';

/**
 * One display, raised once when its condition became true and cleared once when it stopped. Rows
 * are kept after clearing (history); the current ones are those not cleared. Persisting them is
 * what makes ALERT_RAISED / ALERT_CLEARED fire exactly once, across restarts and processes.
 */
@ObjectType({
  description: 'One of the three displays (三个显示): an enterprise gone quiet, or a hazard past its deadline.',
})
@Entity({ tableName: 'alert' })
@Index({ properties: ['kind', 'clearedAt'] })
export class Alert extends BaseEntity {
  @Field(() => AlertKind)
  @Enum({ items: () => AlertKind, nativeEnumName: 'alert_kind' })
  kind!: AlertKind;

  @ManyToOne(() => Enterprise, { ref: true, index: true })
  enterprise!: Ref<Enterprise>;

  /** The overdue hazard (OVERDUE only). */
  @ManyToOne(() => Hazard, { ref: true, nullable: true, index: true })
  hazard?: Ref<Hazard>;

  @Field({ description: 'When the condition became true: the window elapsed, or the deadline passed.' })
  @Property()
  since!: Date;

  @Field({ description: 'When the server raised it (after `since` only if the server was down then).' })
  @Property()
  raisedAt!: Date;

  @Field({
    nullable: true,
    description: 'When the condition ended (a login, a filing, the hazard closed); null while current.',
  })
  @Property({ nullable: true })
  clearedAt?: Date;

  /** `KIND:subject` while current, null once cleared: the unique index admits one current alert per subject. */
  @Property({ nullable: true, unique: true })
  activeKey?: string;
}

export function activeKeyOf(kind: AlertKind, subjectId: string): string {
  return `${kind}:${subjectId}`;
}
