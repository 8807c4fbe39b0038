import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { SupervisionClass } from './supervision.rules.js';

/**
 * The class an enterprise was last given (R15), kept so that a change can be told apart from a
 * recomputation that found the same class: only a change is recorded, audited and announced.
 */
@Entity({ tableName: 'supervision_standing' })
export class SupervisionStanding extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true, unique: true })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => SupervisionClass, nativeEnumName: 'supervision_class' })
  supervisionClass!: SupervisionClass;

  /** The reasons (zh-CN sentences) as JSON. */
  @Property({ type: 'text' })
  reasons!: string;

  /** When the enterprise got this class. */
  @Property()
  since!: Date;
}

@ObjectType({ description: 'One supervision class an enterprise was given (R15), with why; newest first.' })
@Entity({ tableName: 'supervision_class_change' })
@Index({ properties: ['enterprise', 'at'] })
export class SupervisionClassChange extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  @Field({ description: 'When the class was given.' })
  @Property()
  at!: Date;

  @Field(() => SupervisionClass)
  @Enum({ items: () => SupervisionClass, nativeEnumName: 'supervision_class' })
  supervisionClass!: SupervisionClass;

  @Field(() => SupervisionClass, { nullable: true, description: 'The class before; null for the first one.' })
  @Enum({ items: () => SupervisionClass, nativeEnumName: 'supervision_class', nullable: true })
  previousClass?: SupervisionClass;

  /** The reasons (zh-CN sentences) as JSON; served as `reasons`. */
  @Property({ type: 'text' })
  reasonsJson!: string;
}
