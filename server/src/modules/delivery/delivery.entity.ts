import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';

export enum DeliverySubject {
  SNAPSHOT = 'SNAPSHOT',
  WEEKLY_DISPATCH = 'WEEKLY_DISPATCH',
  BULLETIN = 'BULLETIN',
}

export enum DeliveryFormat {
  JSON = 'JSON',
  WECOM_MARKDOWN = 'WECOM_MARKDOWN',
  WECOM_IMAGE = 'WECOM_IMAGE',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(DeliverySubject, {
  name: 'DeliverySubject',
  description: 'Which reminder a webhook message carried.',
});
registerEnumType(DeliveryFormat, {
  name: 'DeliveryFormat',
  description: 'The body posted.',
  valuesConfig: {
    JSON: { description: 'The generic JSON body (any webhook).' },
    WECOM_MARKDOWN: { description: 'A WeCom group robot markdown message (at most 4096 bytes).' },
    WECOM_IMAGE: { description: 'A WeCom group robot image message (base64 + md5, PNG at most 2 MB).' },
  },
});
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where a webhook message stands.',
  valuesConfig: {
    PENDING: { description: 'Being sent or waiting to retry.' },
    DELIVERED: { description: 'The hook accepted it.' },
    FAILED: { description: 'Every attempt failed; lastError says why.' },
  },
});

/** One webhook message and its fate. The target is stored redacted: a robot URL is a secret. */
@ObjectType({ description: 'A webhook message sent for a snapshot, dispatch or bulletin, and its fate.' })
@Entity({ tableName: 'delivery' })
@Index({ properties: ['createdAt', 'id'] })
export class Delivery extends BaseEntity {
  @Field(() => DeliverySubject)
  @Enum({ items: () => DeliverySubject, nativeEnumName: 'delivery_subject' })
  subject!: DeliverySubject;

  @Field({ description: 'The snapshot date, dispatch week or bulletin period it carried.' })
  @Property({ length: 10 })
  subjectKey!: string;

  @Field({ description: 'The webhook URL with its secret parts hidden (scheme, host and path only).' })
  @Property({ length: 500 })
  target!: string;

  @Field(() => DeliveryFormat)
  @Enum({ items: () => DeliveryFormat, nativeEnumName: 'delivery_format' })
  format!: DeliveryFormat;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus, nativeEnumName: 'delivery_status', index: true })
  status!: DeliveryStatus;

  @Field(() => Int)
  @Property()
  attempts: number & Opt = 0;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt.' })
  @Property({ type: 'integer', nullable: true })
  httpStatus?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Field()
  @Property()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;

  /** SHA-256 of the full URL: finds the configured URL again to resume (the URL itself is a secret, never stored). */
  @Property({ length: 64, nullable: true })
  targetHash?: string | null;

  /** The body posted, kept until the message is settled so that a restart can resume it; lazy, so lists never load it. */
  @Property({ type: 'text', nullable: true, lazy: true })
  body?: string | null;

  /** While a process works on the message (sending, or waiting to retry); a PENDING message past it was left by a stopped process. */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;
}
