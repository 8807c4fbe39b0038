import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Department } from '../department/department.entity.js';
import { Township } from '../township/township.entity.js';
import { Industry } from './industry.js';

@ObjectType({ description: 'An enterprise under supervision.' })
@Entity({ tableName: 'enterprise' })
@Index({ properties: ['department', 'code'] })
export class Enterprise extends BaseEntity {
  @Field({ description: 'Short registry code, e.g. e001; also the enterprise account’s username in the demo.' })
  @Property({ unique: true })
  code!: string;

  @Field()
  @Property({ index: true })
  name!: string;

  @Field({
    description: 'Unified social credit code (统一社会信用代码), 18 characters, GB 32100 check character verified.',
  })
  @Property({ unique: true, length: 18 })
  creditCode!: string;

  @Field(() => Industry)
  @Enum({ items: () => Industry, nativeEnumName: 'industry', index: true })
  industry!: Industry;

  @ManyToOne(() => Township, { ref: true, index: true })
  township!: Ref<Township>;

  @ManyToOne(() => Department, { ref: true, index: true })
  department!: Ref<Department>;

  @Field()
  @Property({ index: true })
  registeredAt!: Date;

  @Field({ nullable: true, description: 'When an account of this enterprise last signed in.' })
  @Property({ nullable: true, index: true })
  lastLoginAt?: Date;

  @Field({ nullable: true, description: 'When this enterprise last filed a hazard itself.' })
  @Property({ nullable: true, index: true })
  lastFilingAt?: Date;

  @Field({ description: 'Named in a bulletin: a key supervision target (重点督查对象) for the current period.' })
  @Property({ index: true })
  keyTarget: boolean = false;

  @Field({
    description:
      'False once retired (closed down): it leaves counts, rates, displays and reminders; its record and history stay readable (R13).',
  })
  @Property({ index: true })
  active: boolean = true;

  @Field({ nullable: true, description: 'When it was last retired; null while it has never been or was restored.' })
  @Property({ nullable: true })
  retiredAt?: Date;

  @Field({ nullable: true, description: 'Street address (地址).' })
  @Property({ nullable: true })
  address?: string;

  @Field({ nullable: true, description: 'The enterprise’s contact person (联系人).' })
  @Property({ nullable: true })
  contactName?: string;

  @Field({ nullable: true, description: 'The contact’s phone number (联系电话).' })
  @Property({ nullable: true })
  contactPhone?: string;
}
