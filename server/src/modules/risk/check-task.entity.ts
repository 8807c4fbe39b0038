import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { ControlMeasure } from './control-measure.entity.js';
import { CheckResult, CheckTaskStatus } from './risk.enums.js';

@ObjectType({ description: 'One cycle’s check of a control measure (排查任务): open from `opensAt` until `dueAt`.' })
@Entity({ tableName: 'check_task' })
@Unique({ properties: ['measure', 'opensAt'] })
@Index({ properties: ['enterprise', 'dueAt'] })
@Index({ properties: ['status', 'dueAt'] })
@Unique({ properties: ['recordedBy', 'idempotencyKey'] })
export class CheckTask extends BaseEntity {
  @ManyToOne(() => ControlMeasure, { ref: true })
  measure!: Ref<ControlMeasure>;

  /** Copied from the measure, for scope and per-enterprise lists without a join. */
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  @Field({ description: 'When its cycle started.' })
  @Property()
  opensAt!: Date;

  @Field({ description: 'When its cycle ends; unrecorded by then, it is MISSED.' })
  @Property()
  dueAt!: Date;

  @Field(() => CheckTaskStatus)
  @Enum({ items: () => CheckTaskStatus, nativeEnumName: 'check_task_status' })
  status!: CheckTaskStatus;

  @Field({ nullable: true, description: 'When the server recorded the check.' })
  @Property({ nullable: true })
  doneAt?: Date;

  @Field(() => CheckResult, { nullable: true })
  @Enum({ items: () => CheckResult, nativeEnumName: 'check_result', nullable: true })
  result?: CheckResult;

  @Field({ nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string;

  /** The hazard filed with a HAZARD_FOUND check. */
  @ManyToOne(() => Hazard, { ref: true, nullable: true, index: true })
  hazard?: Ref<Hazard>;

  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User>;

  @Property({ nullable: true })
  idempotencyKey?: string;
}
