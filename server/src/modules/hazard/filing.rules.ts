import { badInput } from '../../graphql/errors.js';
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
  required: string | null,
): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) {
    if (required) throw badInput(field, required);
    return null;
  }
  if (trimmed.length > max) throw badInput(field, `${field} is too long: at most ${max} characters.`);
  return trimmed;
}

/** Checks a filing against R1 and R4/R5 and says what the hazard will be; throws on the first bad field. */
export function checkFiling(input: FileHazardInput, now: Date, backfillWindowMs: number): FilingFacts {
  const title = text('title', input.title, 200, 'Give the hazard a short title.')!;
  const description = text('description', input.description, 5000, null);
  const location = text('location', input.location, 200, null);

  const discoveredAt = input.discoveredAt ?? now;
  if (discoveredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badInput(
      'discoveredAt',
      `discoveredAt (${discoveredAt.toISOString()}) is in the future; a hazard can only be filed after it is found. Check the device's clock.`,
    );
  }
  const backfilled = discoveredAt.getTime() < now.getTime() - backfillWindowMs;
  const rectifiedOnSpot = input.rectifiedOnSpot ?? false;

  if (rectifiedOnSpot) {
    if (input.grade === HazardGrade.MAJOR) {
      throw badInput(
        'rectifiedOnSpot',
        'A major hazard cannot be closed on the spot; file it with a governance plan and deadline.',
      );
    }
    if (input.deadline)
      throw badInput('deadline', 'A hazard rectified on the spot has no deadline; leave deadline empty.');
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

  const measures = text(
    'measures',
    input.measures,
    5000,
    'Say what will be done to rectify it (measures), or mark it rectified on the spot.',
  );
  const responsiblePerson = text(
    'responsiblePerson',
    input.responsiblePerson,
    100,
    'Name the person responsible for the rectification.',
  );
  if (!input.deadline) throw badInput('deadline', 'Set a rectification deadline.');
  if (input.deadline.getTime() <= now.getTime()) throw badInput('deadline', 'The deadline must be in the future.');

  let plan: FilingFacts['plan'] = null;
  if (input.grade === HazardGrade.MAJOR) {
    if (!input.governancePlan) {
      throw badInput(
        'governancePlan',
        'A major hazard needs a governance plan: objectives, funding and materials, and safety and emergency measures.',
      );
    }
    plan = checkGovernancePlan(input.governancePlan);
  }

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
    objectives: text(
      'governancePlan.objectives',
      input.objectives,
      5000,
      'State the objectives and tasks of the governance plan.',
    )!,
    funding: text(
      'governancePlan.funding',
      input.funding,
      5000,
      'State the funding and materials for the governance plan.',
    )!,
    emergencyMeasures: text(
      'governancePlan.emergencyMeasures',
      input.emergencyMeasures,
      5000,
      'State the safety and emergency measures while the hazard is governed.',
    )!,
  };
}
