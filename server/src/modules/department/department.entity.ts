import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { User } from '../auth/user.entity.js';

@ObjectType({ description: 'A department (科室) of the bureau, led by a deputy leader and run by a section chief.' })
@Entity({ tableName: 'department' })
export class Department extends BaseEntity {
  @Field(() => Int, { description: 'Department number, 1–5 in the demo data.' })
  @Property({ unique: true })
  number!: number;

  @Field()
  @Property({ unique: true })
  name!: string;

  @ManyToOne(() => User, { ref: true, nullable: true, index: true })
  leader?: Ref<User>;

  @ManyToOne(() => User, { ref: true, nullable: true })
  chief?: Ref<User>;
}
