import { Field, ID, InputType } from 'type-graphql';
import { Industry } from '../enterprise/industry.js';
import { HazardGrade, HazardSource, HazardStatus } from './hazard.enums.js';

@InputType({
  description:
    'The rest of a major hazard’s governance plan (重大隐患治理方案); with measures, responsible person and deadline these are its six elements.',
})
export class GovernancePlanInput {
  @Field({ description: 'Objectives and tasks of the governance (治理的目标和任务).' })
  objectives!: string;

  @Field({ description: 'Funding and materials set aside (经费和物资的落实).' })
  funding!: string;

  @Field({ description: 'Safety and emergency measures while it is governed (安全措施和应急预案).' })
  emergencyMeasures!: string;
}

@InputType({
  description:
    'A hazard being filed. Measures, responsible person and deadline are required unless rectified on the spot; a MAJOR hazard also needs a governance plan.',
})
export class FileHazardInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The enterprise; supervisors must give it, an enterprise account files for itself.',
  })
  enterpriseId?: string;

  @Field()
  title!: string;

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true })
  location?: string;

  @Field(() => HazardGrade)
  grade!: HazardGrade;

  @Field(() => HazardSource, { nullable: true, description: 'Defaults to SELF_INSPECTION.' })
  source?: HazardSource;

  @Field({
    nullable: true,
    description:
      'When it was found; defaults to now. More than 5 minutes ahead is refused; older than the backfill window is flagged.',
  })
  discoveredAt?: Date;

  @Field({ nullable: true, description: 'Rectified on the spot: the hazard is closed at once.' })
  rectifiedOnSpot?: boolean;

  @Field({ nullable: true, description: 'Rectification deadline; must be in the future.' })
  deadline?: Date;

  @Field({ nullable: true })
  measures?: string;

  @Field({ nullable: true })
  responsiblePerson?: string;

  @Field(() => GovernancePlanInput, { nullable: true, description: 'Required for MAJOR hazards.' })
  governancePlan?: GovernancePlanInput;

  @Field(() => [ID], {
    nullable: true,
    description: 'Before-photos: ids from POST /uploads, your own and not yet attached.',
  })
  photoIds?: string[];

  @Field({
    nullable: true,
    description:
      'Any string unique to this filing: a retry with the same key and input returns the first result instead of filing twice.',
  })
  idempotencyKey?: string;
  @Field({
    nullable: true,
    description:
      'When the filing was queued in an outbox (field app, no signal); the history records the delay the server saw. More than 5 minutes ahead is refused. discoveredAt defaults to it.',
  })
  queuedAt?: Date;
}

@InputType({ description: 'Narrows a list of hazards; all given conditions must hold. Date ranges are inclusive.' })
export class HazardFilter {
  @Field(() => ID, { nullable: true })
  enterpriseId?: string;

  @Field({
    nullable: true,
    description: 'Part of the title, location or description, or of the enterprise’s name or code.',
  })
  search?: string;

  @Field(() => ID, { nullable: true })
  departmentId?: string;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => Industry, { nullable: true })
  industry?: Industry;

  @Field(() => [HazardGrade], { nullable: true })
  grade?: HazardGrade[];

  @Field(() => [HazardStatus], { nullable: true })
  status?: HazardStatus[];

  @Field(() => HazardSource, { nullable: true })
  source?: HazardSource;

  @Field({ nullable: true, description: 'Only overdue hazards (true) or only those not overdue (false).' })
  overdue?: boolean;

  @Field({ nullable: true })
  rectifiedOnSpot?: boolean;

  @Field({ nullable: true })
  backfilled?: boolean;

  @Field({ nullable: true })
  filedFrom?: Date;

  @Field({ nullable: true })
  filedTo?: Date;

  @Field({ nullable: true })
  discoveredFrom?: Date;

  @Field({ nullable: true })
  discoveredTo?: Date;

  @Field({ nullable: true })
  deadlineFrom?: Date;

  @Field({ nullable: true })
  deadlineTo?: Date;

  @Field({ nullable: true })
  closedFrom?: Date;

  @Field({ nullable: true })
  closedTo?: Date;
}
