import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { User } from '../auth/user.entity.js';
import { Enterprise } from './enterprise.entity.js';

/** One sign-in by an enterprise account: the login rate (R10) counts these. */
@Entity({ tableName: 'login_event' })
@Index({ properties: ['enterprise', 'at'] })
export class LoginEvent extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true })
  enterprise!: Ref<Enterprise>;

  @ManyToOne(() => User, { ref: true, index: true })
  user!: Ref<User>;

  @Property({ index: true })
  at!: Date;
}
