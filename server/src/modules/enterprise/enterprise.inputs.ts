import { Field, ID, InputType } from 'type-graphql';
import { Industry } from './industry.js';

@InputType({ description: 'Narrows a list of enterprises; all given conditions must hold.' })
export class EnterpriseFilter {
  @Field(() => ID, { nullable: true })
  departmentId?: string;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => Industry, { nullable: true })
  industry?: Industry;

  @Field({ nullable: true, description: 'Only key supervision targets (true) or only the others (false).' })
  keyTarget?: boolean;

  @Field({ nullable: true, description: 'Part of the name, code or credit code.' })
  search?: string;

  @Field({
    nullable: true,
    description:
      'Only enterprises with a display standing now (no login, no filing, an overdue hazard: `alerts` not empty), or (false) only those without; `totalCount` counts the filtered set.',
  })
  hasAlerts?: boolean;

  @Field({
    nullable: true,
    description: 'Omitted or true: enterprises on the registry; false: the retired ones (R13).',
  })
  active?: boolean;

  @Field({ nullable: true, description: 'Registered at or after this instant.' })
  registeredFrom?: Date;

  @Field({ nullable: true, description: 'Registered at or before this instant.' })
  registeredTo?: Date;
}
