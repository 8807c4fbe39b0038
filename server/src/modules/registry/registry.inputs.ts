import { Field, ID, InputType } from 'type-graphql';
import { Industry } from '../enterprise/industry.js';

@InputType({ description: 'A new enterprise on the registry (R13).' })
export class RegisterEnterpriseInput {
  @Field({ description: '企业名称.' })
  name!: string;

  @Field({ description: '统一社会信用代码: 18 characters, check character verified (GB 32100).' })
  creditCode!: string;

  @Field(() => Industry)
  industry!: Industry;

  @Field(() => ID)
  townshipId!: string;

  @Field(() => ID, { description: 'The supervising department; it sees the enterprise from now on (R6).' })
  departmentId!: string;

  @Field({ nullable: true })
  address?: string;

  @Field({ nullable: true })
  contactName?: string;

  @Field({ nullable: true })
  contactPhone?: string;
}

@InputType({
  description:
    'Changes to an enterprise; omitted fields stay. A new departmentId moves it: the new department sees its whole history, the old one no longer does (R13).',
})
export class UpdateEnterpriseInput {
  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  creditCode?: string;

  @Field(() => Industry, { nullable: true })
  industry?: Industry;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => ID, { nullable: true })
  departmentId?: string;

  @Field({ nullable: true })
  address?: string;

  @Field({ nullable: true })
  contactName?: string;

  @Field({ nullable: true })
  contactPhone?: string;
}

@InputType({ description: 'A department’s name and people. leaderId: a DEPUTY_LEADER; chiefId: a SECTION_CHIEF.' })
export class DepartmentInput {
  @Field()
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The deputy leader (分管领导) over it; null: none yet.' })
  leaderId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The section chief (科长); they join this department. Null: none yet.',
  })
  chiefId?: string;
}
