import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Env } from '../../config/env.js';
import { badInput } from '../../graphql/errors.js';
import { hazardScopeWhere, ownedByEnterpriseWhere, type Scope } from '../auth/scope.js';
import { EnforcementAction, EnforcementKind } from '../enforcement/enforcement.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { missedDeadlineWhere } from '../hazard/overdue.js';
import { HazardStatus } from '../hazard/hazard.enums.js';
import { crossCheckCounts } from '../inspection/inspection.repository.js';
import { Inspection } from '../inspection/inspection.entity.js';
import { InspectionKind } from '../inspection/inspection.enums.js';
import { GradeRate } from './grade-rate.type.js';
import { filingRate, loginRate, onTimeRate, rate } from './rates.js';
import { closingFigures } from './stats-closing.js';

@ObjectType({
  description: 'What happened in [from, to], counted from the records with SQL aggregates; rates per R10.',
})
export class Stats {
  @Field(() => Int, { description: 'Inspections that took place in the period, self-inspections and on-site ones.' })
  inspections!: number;

  @Field(() => Int)
  selfInspections!: number;

  @Field(() => Int)
  regulatorInspections!: number;

  @Field(() => Int, { description: 'Hazards discovered in the period, whatever became of them.' })
  hazardsFound!: number;

  @Field(() => Int, { description: 'Of those, rectified on the spot (现场立即整改).' })
  rectifiedOnSpot!: number;

  @Field(() => Int, { description: 'Of those, entered for rectification with a plan and deadline (录入系统).' })
  hazardsEntered!: number;

  @Field(() => Int, {
    description:
      'Of the hazards entered, those that missed their deadline (by `to`, or now if earlier): overdue now, or reported rectified late.',
  })
  overdue!: number;

  @Field(() => Int, { description: 'Hazards closed in the period (rectified on the spot or confirmed).' })
  closed!: number;

  @Field(() => Int, { description: 'Penalties (行政处罚) recorded in the period.' })
  penalties!: number;

  @Field(() => Int, { description: 'Suspensions (停业整顿) recorded in the period.' })
  suspensions!: number;

  @Field(() => Int, { description: 'Summonses (约谈) recorded in the period.' })
  summonses!: number;

  @Field(() => Int, { description: 'Cases filed (立案) in the period.' })
  casesFiled!: number;

  @Field(() => Int, { description: 'On-site findings the enterprise had not filed.' })
  discrepancies!: number;

  @Field(() => Int, { description: 'Hazards found on site not really rectified though reported closed.' })
  falseRectifications!: number;

  @Field(() => Float, { description: 'R10 login rate at `to` (or now if earlier), over NO_LOGIN_WINDOW.' })
  loginRate!: number;

  @Field(() => Float, { description: 'R10 filing rate at `to` (or now if earlier), over NO_FILING_WINDOW.' })
  filingRate!: number;

  @Field(() => Float, { description: 'R10 on-time rectification rate of the hazards due in [from, to].' })
  onTimeRate!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median days from discovery to closing, over the entered hazards (not those rectified on the spot) closed in the period; null when none closed.',
  })
  medianDaysToClose!: number | null;

  @Field(() => Float, { nullable: true, description: 'The 90th percentile of the same days to close.' })
  p90DaysToClose!: number | null;

  @Field(() => [GradeRate], { description: 'The on-time rate split by grade, one entry per grade.' })
  onTimeByGrade!: GradeRate[];

  @Field(() => Int, {
    description:
      'Hazards found in the period at the same enterprise and location (non-empty) as a hazard closed in the 90 days before.',
  })
  repeatHazards!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Of the hazards the bureau’s on-site inspections of the period found, the share the enterprise had already filed; null when they found none.',
  })
  selfReportShare!: number | null;

  @Field(() => Int, { description: 'Check cycles (R14) that ended in the period, recorded or missed.' })
  checksEnded!: number;

  @Field(() => Int, { description: 'Of those, the cycles whose check was recorded in time.' })
  checksDone!: number;

  @Field(() => Float, {
    description: 'checksDone / checksEnded (排查任务完成率, R14); 1 when no cycle ended in the period.',
  })
  checkCompletionRate!: number;
}

/**
 * `stats(from, to)` in the viewer's scope: every figure is a COUNT over the records, nothing is a stored total.
 * With `fields` (what the query selects), only the statements those figures need run; the others read 0.
 */
export async function computeStats(
  em: EntityManager,
  scope: Scope,
  env: Pick<Env, 'noLoginWindowMs' | 'noFilingWindowMs'>,
  from: Date,
  to: Date,
  now: Date,
  fields?: ReadonlySet<string>,
): Promise<Stats> {
  if (to < from) throw badInput('common.toBeforeFrom', {}, 'to');
  const until = to < now ? to : now;
  const hazards = (extra: FilterQuery<Hazard>): FilterQuery<Hazard> => ({ $and: [hazardScopeWhere(scope), extra] });
  const inspections = (kind: InspectionKind): FilterQuery<Inspection> => ({
    $and: [ownedByEnterpriseWhere<Inspection>(scope), { kind, inspectedAt: { $gte: from, $lte: to } }],
  });
  const actions = (kind: EnforcementKind): FilterQuery<EnforcementAction> => ({
    $and: [ownedByEnterpriseWhere<EnforcementAction>(scope), { kind, recordedAt: { $gte: from, $lte: to } }],
  });
  const missedDeadline = missedDeadlineWhere(until);
  const wants = (...names: (keyof Stats)[]) => !fields || names.some((n) => fields.has(n));
  const when = <T>(read: boolean, run: () => Promise<T>, none: T): Promise<T> => (read ? run() : Promise.resolve(none));
  const count = (read: boolean, run: () => Promise<number>) => when(read, run, 0);
  const found = { discoveredAt: { $gte: from, $lte: to } } satisfies FilterQuery<Hazard>;

  const [
    selfInspections,
    regulatorInspections,
    hazardsFound,
    rectifiedOnSpot,
    overdue,
    closed,
    penalties,
    suspensions,
    summonses,
    casesFiled,
    crossCheck,
    login,
    filing,
    onTime,
  ] = await Promise.all([
    count(wants('inspections', 'selfInspections'), () =>
      em.count(Inspection, inspections(InspectionKind.SELF_INSPECTION)),
    ),
    count(wants('inspections', 'regulatorInspections'), () =>
      em.count(Inspection, inspections(InspectionKind.REGULATOR_INSPECTION)),
    ),
    count(wants('hazardsFound', 'hazardsEntered'), () => em.count(Hazard, hazards(found))),
    count(wants('rectifiedOnSpot', 'hazardsEntered'), () =>
      em.count(Hazard, hazards({ ...found, rectifiedOnSpot: true })),
    ),
    count(wants('overdue'), () => em.count(Hazard, hazards({ $and: [found, missedDeadline] }))),
    count(wants('closed'), () =>
      em.count(Hazard, hazards({ status: HazardStatus.CLOSED, closedAt: { $gte: from, $lte: to } })),
    ),
    count(wants('penalties'), () => em.count(EnforcementAction, actions(EnforcementKind.PENALTY))),
    count(wants('suspensions'), () => em.count(EnforcementAction, actions(EnforcementKind.SUSPENSION))),
    count(wants('summonses'), () => em.count(EnforcementAction, actions(EnforcementKind.SUMMONS))),
    count(wants('casesFiled'), () => em.count(EnforcementAction, actions(EnforcementKind.CASE_FILED))),
    when(wants('discrepancies', 'falseRectifications'), () => crossCheckCounts(em, scope, from, to), {
      regulatorInspections: 0,
      discrepancies: 0,
      falseRectifications: 0,
    }),
    when(wants('loginRate'), () => loginRate(em, scope, until, env.noLoginWindowMs, now), rate(0, 0)),
    when(wants('filingRate'), () => filingRate(em, scope, until, env.noFilingWindowMs, now), rate(0, 0)),
    when(wants('onTimeRate'), () => onTimeRate(em, scope, from, to, now), rate(0, 0)),
  ]);
  const closing = await closingFigures(em, scope, from, to, until, fields);
  return {
    inspections: selfInspections + regulatorInspections,
    selfInspections,
    regulatorInspections,
    hazardsFound,
    rectifiedOnSpot,
    hazardsEntered: hazardsFound - rectifiedOnSpot,
    overdue,
    closed,
    penalties,
    suspensions,
    summonses,
    casesFiled,
    discrepancies: crossCheck.discrepancies,
    falseRectifications: crossCheck.falseRectifications,
    loginRate: login.value,
    filingRate: filing.value,
    onTimeRate: onTime.value,
    ...closing,
  };
}
