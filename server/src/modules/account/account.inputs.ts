import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../auth/role.js';

@InputType({
  description: 'A new account. Staff in a department give departmentId; an ENTERPRISE account gives enterpriseId.',
})
export class CreateUserInput {
  @Field({ description: 'Sign-in name: 2–32 lower-case letters, digits, dots, dashes or underscores.' })
  username!: string;

  @Field({ description: 'The person’s name as pages show it.' })
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Required for SECTION_CHIEF and INSPECTOR.' })
  departmentId?: string;

  @Field(() => ID, { nullable: true, description: 'Required for ENTERPRISE.' })
  enterpriseId?: string;
}

@InputType({ description: 'Narrows the list of accounts; all given conditions must hold.' })
export class UserFilter {
  @Field(() => Role, { nullable: true })
  role?: Role;

  @Field(() => ID, { nullable: true })
  departmentId?: string;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string;

  @Field({ nullable: true, description: 'Only enabled (true) or only disabled (false) accounts.' })
  active?: boolean;

  @Field({ nullable: true, description: 'Part of the username or display name.' })
  search?: string;
}
