import { Entity, Enum, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars/date.scalar.js';
import { BaseEntity } from '../common/base.entity.js';
import { ReminderTrigger } from '../snapshot/daily-snapshot.entity.js';

/** The Monday dispatch (每周汇总调度): one per week, all departments; readers see their own departments (R6). */
@ObjectType({ description: 'The weekly dispatch: what each deputy leader and department must chase this week.' })
@Entity({ tableName: 'weekly_dispatch' })
export class WeeklyDispatch extends BaseEntity {
  @Field(() => DateScalar, { description: 'The Monday (bureau date) the week starts.' })
  @Property({ unique: true, length: 10 })
  weekOf!: string;

  @Field()
  @Property()
  issuedAt!: Date;

  @Field(() => ReminderTrigger)
  @Enum({ items: () => ReminderTrigger, nativeEnumName: 'reminder_trigger' })
  trigger!: ReminderTrigger;

  /** Canonical JSON of DispatchData. */
  @Property({ type: 'text' })
  data!: string;

  @Field({ description: 'SHA-256 of the stored content.' })
  @Property({ length: 64 })
  contentHash!: string;
}
