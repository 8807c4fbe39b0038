import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';

/**
 * One operation a client sent with an idempotency key (R17, docs/rules.md): written in the operation's own
 * transaction, so that a retry after a lost answer finds it and gets the first result instead of a second change.
 */
@Entity({ tableName: 'idempotent_request' })
@Unique({ properties: ['user', 'operation', 'key'] })
export class IdempotentRequest extends BaseEntity {
  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  /** submitRectification, recordInspection, upload, … */
  @Property({ length: 40 })
  operation!: string;

  @Property({ length: 200 })
  key!: string;

  /** SHA-256 of the input: the same key with another input is refused. */
  @Property({ length: 64 })
  inputHash!: string;

  /** The id of what the first send made (hazard, inspection, photo). */
  @Property({ length: 64 })
  resultId!: string;

  @Property()
  createdAt!: Date;
}
