import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { RiskPoint } from './risk-point.entity.js';
import { CheckRole, ControlCategory } from './risk.enums.js';

@ObjectType({ description: 'A control measure (管控措施) of a risk point, checked on a cycle by a named role.' })
@Entity({ tableName: 'control_measure' })
@Index({ properties: ['enterprise', 'missedAt'] })
export class ControlMeasure extends BaseEntity {
  @ManyToOne(() => RiskPoint, { ref: true, index: true })
  riskPoint!: Ref<RiskPoint>;

  /** Copied from the risk point, so that per-enterprise counts and the fourth display need no join. */
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => ControlCategory)
  @Enum({ items: () => ControlCategory, nativeEnumName: 'control_category' })
  category!: ControlCategory;

  @Field({ description: 'The check cycle as entered (`8h`, `1d`, `7d`, `30d`; `10s` for trials).' })
  @Property()
  checkEvery!: string;

  /** The cycle in seconds (whole seconds: a 365-day cycle still fits an integer column). */
  @Property()
  checkEverySeconds!: number;

  @Field(() => CheckRole)
  @Enum({ items: () => CheckRole, nativeEnumName: 'check_role' })
  checkRole!: CheckRole;

  /**
   * When the current cycle ends: its task is missed then if unrecorded, and the next one opens. The
   * check watcher sleeps until the smallest of these (an indexed lookup).
   */
  @Field({ nullable: true, description: 'When the current check cycle ends (the open task falls due).' })
  @Property({ index: true })
  nextDueAt!: Date;

  /** The current cycle's task. */
  @Property({ type: 'uuid', nullable: true })
  currentTaskId?: string;

  /**
   * The end of the latest missed cycle while no check was recorded after it; null otherwise. An
   * enterprise with any such measure stands on the CHECKS_MISSED display.
   */
  @Field({ nullable: true, description: 'Its latest task was missed at this instant and no check was recorded since.' })
  @Property({ nullable: true, index: true })
  missedAt?: Date;

  @Property()
  createdAt!: Date;

  @Property()
  updatedAt!: Date;
}
