import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';

@ObjectType({ description: 'A township (乡镇) where enterprises are located.' })
@Entity({ tableName: 'township' })
export class Township extends BaseEntity {
  @Field({ description: 'Name, e.g. 码头镇.' })
  @Property({ unique: true })
  name!: string;
}
