import { Entity, Enum, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars/date.scalar.js';
import { BaseEntity } from '../common/base.entity.js';
import { ReminderTrigger } from '../snapshot/daily-snapshot.entity.js';

/** The semi-monthly bulletin (每半月整理通报): one per half-month period, issued on the 1st and the 16th. */
@ObjectType({
  description:
    'A semi-monthly bulletin naming the enterprises that failed in a period; they become key supervision targets.',
})
@Entity({ tableName: 'bulletin' })
export class Bulletin extends BaseEntity {
  @Field(() => DateScalar, { description: 'First day of the period (the 1st or the 16th).' })
  @Property({ unique: true, length: 10 })
  periodStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the period (the 15th or the month’s last day).' })
  @Property({ length: 10 })
  periodEnd!: string;

  @Field()
  @Property()
  issuedAt!: Date;

  @Field(() => ReminderTrigger)
  @Enum({ items: () => ReminderTrigger, nativeEnumName: 'reminder_trigger' })
  trigger!: ReminderTrigger;

  /** Canonical JSON of BulletinData. */
  @Property({ type: 'text' })
  data!: string;

  @Field({ description: 'SHA-256 of the stored content.' })
  @Property({ length: 64 })
  contentHash!: string;
}
