import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A share with its parts (98/100), so that nobody argues about what a percentage means.' })
export class RateDetail {
  @Field(() => Int)
  numerator!: number;

  @Field(() => Int)
  denominator!: number;

  @Field(() => Float, { description: 'numerator / denominator; 1 when there is nothing to count.' })
  value!: number;
}

/** The counts every wallboard row shows, for the whole scope or for one department (inherited; unused types stay out of the schema). */
@ObjectType({ description: 'The counts every wallboard row shows.' })
export class WallboardCounts {
  @Field(() => Int, { description: 'Enterprises registered in this scope.' })
  enterpriseCount!: number;

  @Field(() => Float, { description: 'Share of enterprises that signed in within the no-login window (R10).' })
  loginRate!: number;

  @Field(() => RateDetail, { description: 'loginRate with its numerator and denominator.' })
  loginRateDetail!: RateDetail;

  @Field(() => Float, {
    description: 'Share of enterprises that filed a hazard themselves within the no-filing window (R10).',
  })
  filingRate!: number;

  @Field(() => RateDetail, { description: 'filingRate with its numerator and denominator.' })
  filingRateDetail!: RateDetail;

  @Field(() => Float, {
    description: 'Share of hazards due in the last 30 days that were reported rectified by their deadline (R10).',
  })
  onTimeRate!: number;

  @Field(() => RateDetail, { description: 'onTimeRate with its numerator and denominator.' })
  onTimeRateDetail!: RateDetail;

  @Field(() => Int, { description: 'Hazards not closed yet.' })
  openHazards!: number;

  @Field(() => Int, { description: 'Hazards past their deadline and not closed (the OVERDUE display).' })
  overdueHazards!: number;

  @Field(() => Int, { description: 'Open MAJOR hazards.' })
  openMajor!: number;

  @Field(() => Int, { description: 'Open SECOND-grade hazards.' })
  openSecond!: number;

  @Field(() => Int, { description: 'Open THIRD-grade hazards.' })
  openThird!: number;

  @Field(() => Int, { description: 'Enterprises whose no-login window has elapsed (the NO_LOGIN display).' })
  noLoginCount!: number;

  @Field(() => Int, { description: 'Enterprises whose no-filing window has elapsed (the NO_FILING display).' })
  noFilingCount!: number;

  @Field(() => Int, {
    description:
      'Enterprises that are key supervision targets (重点督查对象), named by the last semi-monthly bulletin.',
  })
  keyTargetCount!: number;

  @Field(() => Int, {
    description: 'Enterprises with a control measure whose latest check was missed (the CHECKS_MISSED display, R14).',
  })
  checksMissedCount!: number;

  @Field(() => Float, {
    description: 'Share of check cycles ended in the last 30 days whose check was recorded (R14).',
  })
  checkCompletionRate!: number;

  @Field(() => RateDetail, { description: 'checkCompletionRate with its numerator and denominator.' })
  checkCompletionRateDetail!: RateDetail;

  @Field(() => Int, { description: 'Risk points graded red (重大风险).' })
  riskPointsMajor!: number;

  @Field(() => Int, { description: 'Risk points graded orange (较大风险).' })
  riskPointsHigh!: number;

  @Field(() => Int, { description: 'Risk points graded yellow (一般风险).' })
  riskPointsMedium!: number;

  @Field(() => Int, { description: 'Risk points graded blue (低风险).' })
  riskPointsLow!: number;

  @Field(() => Int, { description: 'Enterprises whose highest risk point is red.' })
  enterprisesMajorRisk!: number;

  @Field(() => Int, { description: 'Enterprises whose highest risk point is orange.' })
  enterprisesHighRisk!: number;

  @Field(() => Int, { description: 'Enterprises whose highest risk point is yellow.' })
  enterprisesMediumRisk!: number;

  @Field(() => Int, { description: 'Enterprises whose highest risk point is blue.' })
  enterprisesLowRisk!: number;
}

@ObjectType({
  description: 'One department’s line of the 一级抓一级 table: its leader, its enterprises and how they do.',
})
export class DepartmentSummary extends WallboardCounts {
  /** Resolved per request by DepartmentSummaryResolver: the summary is shared by every viewer of the scope. */
  departmentId!: string;
  leaderId!: string | null;
  chiefId!: string | null;
}

@ObjectType({ description: 'The figures a wallboard shows, within the viewer’s scope (R6), as they stood at `asOf`.' })
export class Wallboard extends WallboardCounts {
  @Field({ description: 'When these figures were computed.' })
  asOf!: Date;

  @Field(() => [DepartmentSummary], { description: 'Per department (一级抓一级), in department order.' })
  byDepartment!: DepartmentSummary[];
}
