import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { User } from './user.entity.js';

/** A sign-in: only the token's hash is stored, so a leaked table grants nothing. */
@Entity({ tableName: 'auth_session' })
export class AuthSession extends BaseEntity {
  @Property({ unique: true })
  tokenHash!: string;

  @ManyToOne(() => User, { ref: true, index: true })
  user!: Ref<User>;

  @Property()
  createdAt!: Date;

  @Property()
  expiresAt!: Date;

  @Property({ nullable: true })
  revokedAt?: Date;
}
