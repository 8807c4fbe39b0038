import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity.js';

@ObjectType({ description: 'One entry of the append-only, hash-chained history (R7).' })
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['subjectId', 'seq'] })
export class AuditEntry {
  @Field(() => Int, { description: 'Position in the chain, from 1, without gaps.' })
  @PrimaryKey({ autoincrement: false })
  seq!: number;

  @Field({ description: 'Server time of the change.' })
  @Property()
  at!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  actor?: Ref<User>;

  @Field({ description: 'What happened, e.g. hazard.filed, auth.login.' })
  @Property()
  action!: string;

  @Property()
  subjectType!: string;

  @Field(() => ID, { description: 'The id of the record the change is about.' })
  @Property()
  subjectId!: string;

  @Field({ description: 'The change itself, as canonical JSON (covered by the hash).' })
  @Property({ type: 'text' })
  data!: string;

  @Field({ description: 'SHA-256 over this entry and prevHash.' })
  @Property({ length: 64 })
  hash!: string;

  @Field({ description: 'The hash of the entry before (64 zeros for the first).' })
  @Property({ length: 64 })
  prevHash!: string;
}
