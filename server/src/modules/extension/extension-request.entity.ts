import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';

export enum ExtensionStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}

registerEnumType(ExtensionStatus, {
  name: 'ExtensionStatus',
  description: 'Where a deadline-extension request stands (R8).',
});

/** A request to move a hazard's deadline and its decision (R8); both stay on record. */
@ObjectType({ description: 'A deadline-extension request (R8) and, once made, its decision.' })
@Entity({ tableName: 'extension_request' })
@Index({ properties: ['hazard', 'requestedAt'] })
export class ExtensionRequest extends BaseEntity {
  @ManyToOne(() => Hazard, { ref: true })
  hazard!: Ref<Hazard>;

  @ManyToOne(() => User, { ref: true })
  requestedBy!: Ref<User>;

  @Field()
  @Property()
  requestedAt!: Date;

  @Field({ description: 'The deadline when the request was made.' })
  @Property()
  previousDeadline!: Date;

  @Field({ description: 'The deadline asked for.' })
  @Property()
  until!: Date;

  @Field()
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => ExtensionStatus)
  @Enum({ items: () => ExtensionStatus, nativeEnumName: 'extension_status', index: true })
  status!: ExtensionStatus;

  @ManyToOne(() => User, { ref: true, nullable: true })
  decidedBy?: Ref<User>;

  @Field({ nullable: true })
  @Property({ nullable: true })
  decidedAt?: Date;

  @Field({ nullable: true, description: 'The confirming level’s reason for approving or refusing.' })
  @Property({ type: 'text', nullable: true })
  decisionReason?: string;
}
