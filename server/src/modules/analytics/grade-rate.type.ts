import { Field, Float, Int, ObjectType } from 'type-graphql';
import { HazardGrade } from '../hazard/hazard.enums.js';

@ObjectType({ description: 'The R10 on-time rectification rate of the hazards of one grade due in the period.' })
export class GradeRate {
  @Field(() => HazardGrade)
  grade!: HazardGrade;

  @Field(() => Int, {
    description: 'Hazards of this grade due in the period and reported rectified by their deadline.',
  })
  onTime!: number;

  @Field(() => Int, { description: 'Hazards of this grade due in the period (up to now).' })
  due!: number;

  @Field(() => Float, { description: 'onTime / due; 1 when none was due.' })
  rate!: number;
}
