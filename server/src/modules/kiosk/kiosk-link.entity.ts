import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';

/**
 * A read-only wallboard link for a TV: a revocable token that opens the wallboard of a scope without a
 * sign-in. Only the token's hash is stored, as for sessions.
 */
@ObjectType({
  description: 'A kiosk link: opens the wallboard of a scope on a TV without a password, read-only, until revoked.',
})
@Entity({ tableName: 'kiosk_link' })
export class KioskLink extends BaseEntity {
  @Property({ unique: true, hidden: true })
  tokenHash!: string;

  @Field({ description: 'What the link is for, e.g. “值班室电视”.' })
  @Property({ length: 100 })
  label!: string;

  @ManyToOne(() => User, { ref: true, index: true })
  createdBy!: Ref<User>;

  @Field()
  @Property()
  createdAt!: Date;

  /** The departments the wallboard covers; null: the whole bureau (only for those who see it all). */
  @Property({ type: 'json', nullable: true })
  departmentIds?: string[] | null;

  @Field({
    nullable: true,
    description: 'When it was revoked; a revoked link opens nothing and its open wallboards are disconnected.',
  })
  @Property({ nullable: true })
  revokedAt?: Date;
}
