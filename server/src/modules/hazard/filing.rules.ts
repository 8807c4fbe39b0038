import { badInput } from '../../graphql/errors.js';
import type { MessageKey } from '../../messages/render.js';
import { HazardGrade, HazardSource, HazardStatus } from './hazard.enums.js';
import type { FileHazardInput, GovernancePlanInput } from './hazard.inputs.js';

/** R1: a discovery time further ahead than this is a clock error or a forgery, and refused. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface FilingFacts {
  title: string;
  description: string | null;
  location: string | null;
  grade: HazardGrade;
  source: HazardSource;
  status: HazardStatus;
  rectifiedOnSpot: boolean;
  backfilled: boolean;
  discoveredAt: Date;
  deadline: Date | null;
  closedAt: Date | null;
  measures: string | null;
  responsiblePerson: string | null;
  plan: { objectives: string; funding: string; emergencyMeasures: string } | null;
}

export function text(
  field: string,
  value: string | null | undefined,
  max: number,
  required: MessageKey | null,
): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) {
    if (required) throw badInput(required, {}, field);
    return null;
  }
  if (trimmed.length > max) throw badInput('common.tooLong', { field, max }, field);
  return trimmed;
}

/** Checks a filing against R1 and R4/R5 and says what the hazard will be; throws on the first bad field. */
export function checkFiling(input: FileHazardInput, now: Date, backfillWindowMs: number): FilingFacts {
  const title = text('title', input.title, 200, 'hazard.titleRequired')!;
  const description = text('description', input.description, 5000, null);
  const location = text('location', input.location, 200, null);

  const discoveredAt = input.discoveredAt ?? now;
  if (discoveredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badInput('hazard.discoveredFuture', { at: discoveredAt.toISOString() }, 'discoveredAt');
  }
  const backfilled = discoveredAt.getTime() < now.getTime() - backfillWindowMs;
  const rectifiedOnSpot = input.rectifiedOnSpot ?? false;

  if (rectifiedOnSpot) {
    if (input.grade === HazardGrade.MAJOR) {
      throw badInput('hazard.majorNotOnSpot', {}, 'rectifiedOnSpot');
    }
    if (input.deadline) throw badInput('hazard.onSpotNoDeadline', {}, 'deadline');
    return {
      title,
      description,
      location,
      grade: input.grade,
      source: input.source ?? HazardSource.SELF_INSPECTION,
      status: HazardStatus.CLOSED,
      rectifiedOnSpot,
      backfilled,
      discoveredAt,
      deadline: null,
      closedAt: now,
      measures: text('measures', input.measures, 5000, null),
      responsiblePerson: text('responsiblePerson', input.responsiblePerson, 100, null),
      plan: null,
    };
  }

  const measures = text('measures', input.measures, 5000, 'hazard.measuresRequired');
  const responsiblePerson = text('responsiblePerson', input.responsiblePerson, 100, 'hazard.responsibleRequired');
  if (!input.deadline) throw badInput('hazard.deadlineRequired', {}, 'deadline');
  if (input.deadline.getTime() <= now.getTime()) throw badInput('hazard.deadlineFuture', {}, 'deadline');

  // R5: a MAJOR filing brings its plan; a plan given with a filing of any grade is kept, so that a
  // later grading up to MAJOR finds it.
  if (input.grade === HazardGrade.MAJOR && !input.governancePlan) {
    throw badInput('hazard.planRequired', {}, 'governancePlan');
  }
  const plan = input.governancePlan ? checkGovernancePlan(input.governancePlan) : null;

  return {
    title,
    description,
    location,
    grade: input.grade,
    source: input.source ?? HazardSource.SELF_INSPECTION,
    status: HazardStatus.RECTIFYING,
    rectifiedOnSpot,
    backfilled,
    discoveredAt,
    deadline: input.deadline,
    closedAt: null,
    measures,
    responsiblePerson,
    plan,
  };
}

/** The three plan elements beyond measures, person and deadline, each required (R5); shared by filing and regrading. */
export function checkGovernancePlan(input: GovernancePlanInput): NonNullable<FilingFacts['plan']> {
  return {
    objectives: text('governancePlan.objectives', input.objectives, 5000, 'hazard.planObjectivesRequired')!,
    funding: text('governancePlan.funding', input.funding, 5000, 'hazard.planFundingRequired')!,
    emergencyMeasures: text(
      'governancePlan.emergencyMeasures',
      input.emergencyMeasures,
      5000,
      'hazard.planEmergencyRequired',
    )!,
  };
}
