import type { AlertKind } from '../alert/alert-kind.js';
import type { EnforcementKind } from '../enforcement/enforcement.entity.js';
import type { HazardGrade } from '../hazard/hazard.enums.js';
import type { CheckResult, RiskLevel } from '../risk/risk.enums.js';
import { type EventKind } from './event-kind.js';

/** What every event about a hazard carries, so that a ticker can name it without a query. */
export interface HazardFacts {
  grade: HazardGrade;
  title: string;
}

/** An alert's raise or clearance: which display, since when (ISO), and the facts of its subject. */
export interface AlertFacts extends Partial<HazardFacts> {
  alertId: string;
  alertKind: AlertKind;
  since: string;
  /** NO_LOGIN / NO_FILING: the last sign-in or filing (ISO), null when there never was one. */
  lastAt?: string | null;
}

/**
 * The payload of each event kind, as stored (JSON) and as subscribers read it. Dates are ISO strings,
 * because that is what JSON keeps. A new kind adds its line here and TypeScript finds every emitter.
 */
export interface EventPayloads {
  [EventKind.ENTERPRISE_LOGGED_IN]: null;
  [EventKind.HAZARD_FILED]: HazardFacts & { rectifiedOnSpot: boolean };
  [EventKind.HAZARD_REGRADED]: HazardFacts & { previousGrade: HazardGrade };
  [EventKind.RECTIFICATION_SUBMITTED]: HazardFacts & { late: boolean };
  [EventKind.RECTIFICATION_REJECTED]: HazardFacts & { reason: string; reopened?: true };
  [EventKind.HAZARD_CLOSED]: HazardFacts;
  [EventKind.DEADLINE_MISSED]: HazardFacts & { deadline: string };
  [EventKind.DEADLINE_EXTENDED]: HazardFacts & { previousDeadline: string | null; deadline: string };
  [EventKind.ALERT_RAISED]: AlertFacts;
  [EventKind.ALERT_CLEARED]: AlertFacts;
  [EventKind.ENFORCEMENT_RECORDED]: Partial<HazardFacts> & {
    kind: EnforcementKind;
    enforcementId: string;
    hazardIds: string[];
  };
  [EventKind.SNAPSHOT_TAKEN]: { snapshotId: string; date: string; contentHash: string };
  /** R13: an enterprise joins the registry (by hand, or from an import). */
  [EventKind.ENTERPRISE_REGISTERED]: { code: string; name: string; importId?: string };
  /** R13: an enterprise's registry facts changed (or it was retired or restored: `active`). */
  [EventKind.ENTERPRISE_CHANGED]: {
    reason: string;
    fields: string[];
    active?: boolean;
    fromDepartmentId?: string;
    toDepartmentId?: string;
  };
  /** R14: a check task's cycle ended unrecorded. */
  [EventKind.CHECK_MISSED]: CheckFacts & { dueAt: string };
  /** R14: a check was recorded, normal or with the hazard it found (the event's hazardId). */
  [EventKind.CHECK_RECORDED]: CheckFacts & { result: CheckResult };
  /** R14: a risk point was assessed (its level), or a control measure's cycle was set. */
  [EventKind.RISK_CHANGED]: RiskPointChange | MeasureChange;
  /** R15: an enterprise's supervision class changed. */
  [EventKind.SUPERVISION_CLASS_CHANGED]: { previousClass: string | null; supervisionClass: string; reason?: string };
}

/** Which check of which measure of which risk point (R14). */
export interface CheckFacts {
  taskId: string;
  measureId: string;
  riskPointId: string;
  description: string;
}

export interface RiskPointChange {
  riskPointId: string;
  name: string;
  score: number;
  level: RiskLevel;
  previousLevel: RiskLevel | null;
  enterpriseLevel: RiskLevel | null;
  previousEnterpriseLevel: RiskLevel | null;
}

export interface MeasureChange {
  riskPointId: string;
  measureId: string;
  checkEvery: string;
  nextDueAt: string;
}

/** Kinds whose payload starts with the hazard's grade and title (emitHazardEvent builds them). */
export type HazardEventKind = {
  [K in EventKind]: EventPayloads[K] extends HazardFacts ? K : never;
}[EventKind];

/** One event to append: its kind decides the payload's type. */
export type EventFacts<K extends EventKind = EventKind> = {
  [P in K]: {
    kind: P;
    at: Date;
    enterpriseId?: string | null;
    departmentId?: string | null;
    hazardId?: string | null;
    payload: EventPayloads[P];
  };
}[K];

/** Reads a stored payload back as its kind's type. */
export function parsePayload<K extends EventKind>(_kind: K, json: string | null | undefined): EventPayloads[K] | null {
  return json ? (JSON.parse(json) as EventPayloads[K]) : null;
}
