import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Sign-in attempts per subject: an account (`a:<username>`) or an account at one client address
 * (`p:<username>@<address>`), for names known or not, so the delay reveals nothing about which
 * names exist. Times are epoch milliseconds so that one SQL statement can compare and count on
 * both databases (modules/auth/login-throttle.ts); rows expire.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey({ length: 200 })
  subject!: string;

  /** Attempts counted since the row was fresh (each counted before its password is checked). */
  @Property()
  failures: number = 0;

  /** No attempt is checked before this instant (epoch ms). */
  @Property({ type: new BigIntType('number'), nullable: true })
  blockedUntil?: number | null;

  /** The attempt that was last let through to the password check; how a caller learns it was let through. */
  @Property({ length: 40, nullable: true })
  checkedBy?: string | null;

  /** After this instant (epoch ms) the row counts as fresh and is deleted. */
  @Index()
  @Property({ type: new BigIntType('number') })
  expiresAt!: number;
}
