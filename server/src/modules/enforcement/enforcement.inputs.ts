import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { EnforcementKind } from './enforcement.entity.js';

@InputType({ description: 'An enforcement action to record (R9).' })
export class EnforcementInput {
  @Field(() => ID)
  enterpriseId!: string;

  @Field(() => EnforcementKind)
  kind!: EnforcementKind;

  @Field({ description: 'The legal basis, as text.' })
  basis!: string;

  @Field(() => Float, { nullable: true, description: 'PENALTY only: the amount in yuan (at most two decimals).' })
  amount?: number;

  @Field(() => Int, { nullable: true, description: 'SUSPENSION only: the period in days.' })
  suspensionDays?: number;

  @Field(() => [ID], { nullable: true, description: 'Hazards of this enterprise the action is about.' })
  hazardIds?: string[];

  @Field({ nullable: true })
  note?: string;
}
