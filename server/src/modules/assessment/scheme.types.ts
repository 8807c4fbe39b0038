import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { AssessmentKind, AssessmentMetric, AssessmentRule } from './assessment.enums.js';

@ObjectType({ description: 'One item of an assessment scheme (考核细则的一项).' })
export class AssessmentItem {
  @Field({ description: 'Stable key within the scheme, e.g. `onTime`.' })
  key!: string;

  @Field({ description: 'What the scheme calls it (Chinese).' })
  label!: string;

  @Field(() => AssessmentMetric)
  metric!: AssessmentMetric;

  @Field(() => Float, { description: 'The item’s weight: the points it gives at best.' })
  points!: number;

  @Field(() => AssessmentRule)
  rule!: AssessmentRule;

  @Field(() => Float, { nullable: true, description: 'LINEAR: the value that scores nothing.' })
  floor?: number | null;

  @Field(() => Float, { nullable: true, description: 'LINEAR: the value that scores full points.' })
  target?: number | null;

  @Field(() => Float, { nullable: true, description: 'PER_OCCURRENCE: points off per occurrence.' })
  pointsEach?: number | null;
}

@ObjectType({ description: 'An assessment scheme (考核方案) for one kind of subject, as saved in one version.' })
export class AssessmentScheme {
  @Field(() => AssessmentKind)
  kind!: AssessmentKind;

  @Field(() => Int, { description: '0 for the built-in default; each save makes the next version, all are kept.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Why this version was made.' })
  note?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was saved; null for the built-in default.' })
  savedAt?: Date | null;

  @Field(() => [AssessmentItem], { description: 'The items; their points add up to 100.' })
  items!: AssessmentItem[];
}

@InputType({ description: 'One item of a scheme being saved.' })
export class AssessmentItemInput {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => AssessmentMetric)
  metric!: AssessmentMetric;

  @Field(() => Float)
  points!: number;

  @Field(() => AssessmentRule)
  rule!: AssessmentRule;

  @Field(() => Float, { nullable: true })
  floor?: number;

  @Field(() => Float, { nullable: true })
  target?: number;

  @Field(() => Float, { nullable: true })
  pointsEach?: number;
}

@InputType({ description: 'A new version of the scheme for one kind of subject.' })
export class AssessmentSchemeInput {
  @Field(() => AssessmentKind)
  kind!: AssessmentKind;

  @Field(() => [AssessmentItemInput])
  items!: AssessmentItemInput[];

  @Field({ nullable: true })
  note?: string;
}

@ObjectType({ description: 'How one subject scored on one item.' })
export class AssessmentItemScore {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Float, { nullable: true, description: 'The figure scored; null when there was nothing to measure.' })
  value!: number | null;

  @Field(() => Float, { description: 'Points given, rounded to 0.01.' })
  points!: number;

  @Field(() => Float)
  maxPoints!: number;

  @Field(() => String, { nullable: true, description: 'Why points were lost (Chinese); null when none was.' })
  explanation!: string | null;

  @Field(() => String, { nullable: true, description: 'The same in English (the second locale).' })
  explanationEn!: string | null;
}

@ObjectType({ description: 'One subject’s assessment: the score is the sum of its items’ points.' })
export class AssessmentScore {
  @Field()
  subjectId!: string;

  @Field()
  subjectName!: string;

  @Field(() => Float, { description: '0–100, the sum of the items’ points.' })
  score!: number;

  @Field(() => Int, { description: '1-based, best first; equal scores share a rank.' })
  rank!: number;

  @Field(() => [AssessmentItemScore])
  items!: AssessmentItemScore[];
}

@ObjectType({ description: 'A closed assessment period: its results are stored and never recomputed.' })
export class AssessmentPeriod {
  @Field()
  id!: string;

  @Field(() => AssessmentKind)
  kind!: AssessmentKind;

  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field(() => Int, { description: 'The scheme version the results were computed with.' })
  schemeVersion!: number;

  @Field()
  closedAt!: Date;

  @Field(() => [AssessmentScore])
  scores!: AssessmentScore[];
}
