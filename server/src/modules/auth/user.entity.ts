import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Department } from '../department/department.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Role } from './role.js';

@ObjectType({ description: 'A person who signs in: bureau staff or an enterprise safety officer.' })
@Entity({ tableName: 'app_user' })
export class User extends BaseEntity {
  @Field({ description: 'Sign-in name, e.g. chief1 or e001.' })
  @Property({ unique: true })
  username!: string;

  @Field()
  @Property()
  displayName!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @Property({ hidden: true, lazy: true })
  passwordHash!: string;

  /** The department a section chief or inspector works in. */
  @ManyToOne(() => Department, { ref: true, nullable: true, index: true })
  department?: Ref<Department>;

  /** The enterprise an ENTERPRISE user belongs to. */
  @ManyToOne(() => Enterprise, { ref: true, nullable: true, index: true })
  enterprise?: Ref<Enterprise>;

  @Property()
  createdAt!: Date;

  @Field({
    description: 'False once an admin disabled the account: it cannot sign in and its sessions have ended (R12).',
  })
  @Property()
  active: boolean = true;

  @Field({
    description:
      'True for a new account, a reset one or the first admin: every operation but me, changePassword and logout is refused with PASSWORD_CHANGE_REQUIRED until the password is changed (R12).',
  })
  @Property()
  mustChangePassword: boolean = false;

  @Field({ nullable: true, description: 'When the password was last set by its owner.' })
  @Property({ nullable: true })
  passwordChangedAt?: Date;
}
