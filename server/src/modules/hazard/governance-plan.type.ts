import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'The parts of a major hazard’s governance plan beyond measures, responsible person and deadline.',
})
export class GovernancePlan {
  @Field()
  objectives!: string;

  @Field()
  funding!: string;

  @Field()
  emergencyMeasures!: string;
}
