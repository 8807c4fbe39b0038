import { Field, ID, InputType } from 'type-graphql';
import { HazardGrade } from '../hazard/hazard.enums.js';
import { GovernancePlanInput } from '../hazard/hazard.inputs.js';
import { FindingOutcome, InspectionKind } from './inspection.enums.js';

@InputType({ description: 'A hazard found during an inspection, filed with it; the same rules as fileHazard (R4/R5).' })
export class FindingHazardInput {
  @Field()
  title!: string;

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true })
  location?: string;

  @Field(() => HazardGrade)
  grade!: HazardGrade;

  @Field({ nullable: true, description: 'Rectified on the spot during the inspection (现场立即整改).' })
  rectifiedOnSpot?: boolean;

  @Field({ nullable: true })
  deadline?: Date;

  @Field({ nullable: true })
  measures?: string;

  @Field({ nullable: true })
  responsiblePerson?: string;

  @Field(() => GovernancePlanInput, { nullable: true })
  governancePlan?: GovernancePlanInput;

  @Field(() => [ID], { nullable: true, description: 'Before-photos from POST /uploads.' })
  photoIds?: string[];
}

@InputType({
  description:
    'One finding: a hazard already filed (MATCHED), a new one (NEW_HAZARD, with hazard), or a closed one not really rectified (NOT_RECTIFIED, with a new deadline).',
})
export class FindingInput {
  @Field(() => FindingOutcome)
  outcome!: FindingOutcome;

  @Field(() => ID, { nullable: true, description: 'The hazard already filed (MATCHED, NOT_RECTIFIED).' })
  hazardId?: string;

  @Field(() => FindingHazardInput, { nullable: true, description: 'The new hazard (NEW_HAZARD).' })
  hazard?: FindingHazardInput;

  @Field({ nullable: true, description: 'The new rectification deadline of a reopened hazard (NOT_RECTIFIED).' })
  deadline?: Date;

  @Field({ nullable: true })
  note?: string;
}

@InputType({
  description:
    'An inspection: an enterprise account records its own (SELF_INSPECTION); bureau staff record theirs on site (REGULATOR_INSPECTION) for an enterprise in scope.',
})
export class InspectionInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The enterprise; bureau staff must give it, an enterprise account records for itself.',
  })
  enterpriseId?: string;

  @Field(() => InspectionKind)
  kind!: InspectionKind;

  @Field({
    nullable: true,
    description: 'When it took place; defaults to now. More than 5 minutes ahead is refused (R1).',
  })
  inspectedAt?: Date;

  @Field({ nullable: true })
  note?: string;

  @Field(() => [FindingInput], { nullable: true, description: 'What was found; none is a valid result.' })
  findings?: FindingInput[];

  @Field({
    nullable: true,
    description:
      'Any string unique to this inspection: a retry with the same key and input returns the first result instead of recording twice.',
  })
  idempotencyKey?: string;

  @Field({
    nullable: true,
    description:
      'When it was queued in an outbox (field app); the history records the delay the server saw. More than 5 minutes ahead is refused.',
  })
  queuedAt?: Date;
}

@InputType({ description: 'Narrows a list of inspections.' })
export class InspectionFilter {
  @Field(() => ID, { nullable: true })
  enterpriseId?: string;

  @Field(() => InspectionKind, { nullable: true })
  kind?: InspectionKind;

  @Field({ nullable: true })
  from?: Date;

  @Field({ nullable: true })
  to?: Date;
}
