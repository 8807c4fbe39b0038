import { Entity, Enum, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars/date.scalar.js';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';

export enum SnapshotImageStatus {
  PENDING = 'PENDING',
  STORED = 'STORED',
  UNAVAILABLE = 'UNAVAILABLE',
}

export enum ReminderTrigger {
  SCHEDULE = 'SCHEDULE',
  CATCH_UP = 'CATCH_UP',
  ON_DEMAND = 'ON_DEMAND',
}

registerEnumType(SnapshotImageStatus, {
  name: 'SnapshotImageStatus',
  description: 'Whether the snapshot’s image exists. The frozen data is stored either way.',
  valuesConfig: {
    PENDING: { description: 'Being rendered.' },
    STORED: { description: 'The PNG is stored and served at imageUrl.' },
    UNAVAILABLE: { description: 'No image: imageUnavailableReason says why and how to fix it.' },
  },
});

registerEnumType(ReminderTrigger, {
  name: 'ReminderTrigger',
  description: 'What made a reminder (snapshot, dispatch, bulletin) happen.',
  valuesConfig: {
    SCHEDULE: { description: 'Its timer, at the scheduled time.' },
    CATCH_UP: { description: 'Taken late, at start-up, because the server was down at the scheduled time.' },
    ON_DEMAND: { description: 'A director or admin asked for it.' },
  },
});

/**
 * The daily snapshot (截图提醒, R11): the wallboard and the three displays frozen once per bureau
 * day, kept forever. The unique date makes "exactly one per day" a database fact, whatever the
 * number of processes or restarts.
 */
@ObjectType({ description: 'The daily snapshot: the summary as it stood that morning, frozen, with its image.' })
@Entity({ tableName: 'daily_snapshot' })
export class DailySnapshot extends BaseEntity {
  @Field(() => DateScalar, { description: 'The bureau day the snapshot belongs to.' })
  @Property({ unique: true, length: 10 })
  date!: string;

  @Field({ description: 'When the data was frozen (server time).' })
  @Property()
  takenAt!: Date;

  @Field(() => ReminderTrigger)
  @Enum({ items: () => ReminderTrigger, nativeEnumName: 'reminder_trigger' })
  trigger!: ReminderTrigger;

  @ManyToOne(() => User, { ref: true, nullable: true })
  takenBy?: Ref<User>;

  /** Canonical JSON of SnapshotData. */
  @Property({ type: 'text' })
  data!: string;

  @Field({
    description:
      'SHA-256 of the frozen data (canonical JSON); printed in the image footer so anyone can check the picture against the system.',
  })
  @Property({ length: 64 })
  contentHash!: string;

  @Field(() => SnapshotImageStatus)
  @Enum({ items: () => SnapshotImageStatus, nativeEnumName: 'snapshot_image_status' })
  imageStatus!: SnapshotImageStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why there is no image, and how to get one (e.g. install Chromium).',
  })
  @Property({ type: 'text', nullable: true })
  imageUnavailableReason?: string | null;

  /** The PNG itself, in the database so that every process can serve it; lazy, so lists never load it. */
  @Property({ type: 'blob', nullable: true, lazy: true })
  imagePng?: Buffer | null;

  @Field(() => Int, { nullable: true, description: 'Size of the PNG in bytes.' })
  @Property({ type: 'integer', nullable: true })
  imageBytes?: number | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  imageWidth?: number | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  imageHeight?: number | null;

  @Field(() => String, { nullable: true, description: 'MD5 of the PNG (what a WeCom image message carries).' })
  @Property({ type: 'string', length: 32, nullable: true })
  imageMd5?: string | null;

  @Property({ type: 'datetime', nullable: true })
  imageRenderedAt?: Date | null;

  @Property()
  imageAttempts: number & Opt = 0;
}
