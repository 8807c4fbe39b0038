import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Failed sign-ins per username, known or not, so that the delay reveals nothing about which names exist. */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey()
  username!: string;

  @Property()
  failures: number = 0;

  @Property()
  lastFailureAt!: Date;

  @Property({ nullable: true })
  blockedUntil?: Date;
}
