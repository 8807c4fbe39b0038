import type { FileHazardInput, HazardGrade } from '../../../gql/generated.js';
import { bureauDate, endOfBureauDay, fromBureauInputValue } from '../../../shared/bureau-time.js';

/** What the filing form holds, as the user typed it. */
export interface FilingForm {
  grade: HazardGrade;
  title: string;
  location: string;
  description: string;
  /** `datetime-local` value in bureau time. */
  discoveredAt: string;
  rectifiedOnSpot: boolean;
  measures: string;
  responsiblePerson: string;
  /** The chosen deadline day, `YYYY-MM-DD` (bureau date). */
  deadlineDay: string;
  objectives: string;
  funding: string;
  emergencyMeasures: string;
}

export type FilingInput = FileHazardInput;

export type FieldErrors = Partial<
  Record<
    'title' | 'measures' | 'responsiblePerson' | 'deadline' | 'discoveredAt' | 'governancePlan' | 'rectifiedOnSpot',
    true
  >
>;

/** The client-side checks (the server checks again): the same required fields as R4/R5. */
export function checkForm(form: FilingForm, now: Date): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.title.trim()) errors.title = true;
  if (form.discoveredAt && fromBureauInputValue(form.discoveredAt).getTime() > now.getTime() + 5 * 60_000)
    errors.discoveredAt = true;
  if (form.rectifiedOnSpot) {
    if (form.grade === 'MAJOR') errors.rectifiedOnSpot = true;
    return errors;
  }
  if (!form.measures.trim()) errors.measures = true;
  if (!form.responsiblePerson.trim()) errors.responsiblePerson = true;
  if (!form.deadlineDay || form.deadlineDay < bureauDate(now)) errors.deadline = true;
  if (form.grade === 'MAJOR' && (!form.objectives.trim() || !form.funding.trim() || !form.emergencyMeasures.trim()))
    errors.governancePlan = true;
  return errors;
}

/** The mutation input for a checked form; the deadline is the end of the chosen bureau day (R4). */
export function toFilingInput(form: FilingForm, idempotencyKey: string, photoIds: string[]): FilingInput {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  const input: FilingInput = {
    grade: form.grade,
    title: form.title.trim(),
    location: optional(form.location),
    description: optional(form.description),
    discoveredAt: form.discoveredAt ? fromBureauInputValue(form.discoveredAt).toISOString() : null,
    rectifiedOnSpot: form.rectifiedOnSpot,
    measures: optional(form.measures),
    responsiblePerson: optional(form.responsiblePerson),
    idempotencyKey,
  };
  if (!form.rectifiedOnSpot) {
    input.deadline = endOfBureauDay(form.deadlineDay).toISOString();
    if (form.grade === 'MAJOR') {
      input.governancePlan = {
        objectives: form.objectives.trim(),
        funding: form.funding.trim(),
        emergencyMeasures: form.emergencyMeasures.trim(),
      };
    }
  }
  if (photoIds.length) input.photoIds = photoIds;
  return input;
}
