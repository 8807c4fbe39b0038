import type { EntityManager } from '@mikro-orm/knex';
import { BUREAU_LOCALE, renderMessage } from '../messages/render.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { chainEntries, lastAuditLink, type AuditFacts } from '../modules/audit/audit.service.js';
import { User } from '../modules/auth/user.entity.js';
import { Department } from '../modules/department/department.entity.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';
import { LoginEvent } from '../modules/enterprise/login-event.entity.js';
import { EventKind } from '../modules/event/event-kind.js';
import { EventRecord } from '../modules/event/event-record.entity.js';
import { EnforcementAction, type EnforcementKind } from '../modules/enforcement/enforcement.entity.js';
import { Hazard } from '../modules/hazard/hazard.entity.js';
import { Inspection, InspectionFinding } from '../modules/inspection/inspection.entity.js';
import { FindingOutcome, InspectionKind } from '../modules/inspection/inspection.enums.js';
import { HazardGrade, type HazardSource, HazardStatus } from '../modules/hazard/hazard.enums.js';
import { CheckTask } from '../modules/risk/check-task.entity.js';
import { ControlMeasure } from '../modules/risk/control-measure.entity.js';
import { RiskLevelChange, RiskPoint } from '../modules/risk/risk-point.entity.js';
import {
  CheckResult,
  CheckTaskStatus,
  type CheckRole,
  type ControlCategory,
  type RiskLevel,
  type RiskPointKind,
} from '../modules/risk/risk.enums.js';
import { Township } from '../modules/township/township.entity.js';
import { bulkInsert } from './bulk-insert.js';
import type { Organisation, SeedEnterprise } from './organisation.js';

export interface SeedHazard {
  id: string;
  enterprise: string;
  title: string;
  location?: string;
  grade: HazardGrade;
  status: HazardStatus;
  source: HazardSource;
  rectifiedOnSpot: boolean;
  backfilled: boolean;
  discoveredAt: Date;
  filedAt: Date;
  deadline?: Date;
  closedAt?: Date;
  submittedAt?: Date;
  submittedLate: boolean;
  measures?: string;
  responsiblePerson?: string;
  planObjectives?: string;
  planFunding?: string;
  planEmergencyMeasures?: string;
  filedBy?: string;
  rejectionReason?: string;
}

export interface SeedRiskPoint {
  id: string;
  enterprise: string;
  name: string;
  kind: RiskPointKind;
  location: string;
  likelihood: number;
  severity: number;
  score: number;
  level: RiskLevel;
  responsiblePerson: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SeedMeasure {
  id: string;
  riskPoint: string;
  enterprise: string;
  description: string;
  category: ControlCategory;
  checkEvery: string;
  checkEverySeconds: number;
  checkRole: CheckRole;
  nextDueAt: Date;
  currentTaskId?: string;
  missedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface SeedCheckTask {
  id: string;
  measure: string;
  enterprise: string;
  opensAt: Date;
  dueAt: Date;
  status: CheckTaskStatus;
  doneAt?: Date;
  result?: CheckResult;
  recordedBy?: string;
}

interface TimedEvent {
  kind: EventKind;
  at: Date;
  enterpriseId: string;
  departmentId: string;
  hazardId?: string;
  payload?: Record<string, unknown>;
}

/**
 * Collects a seeded past as the live services would have recorded it (hazards, logins, their
 * audit entries and events), then writes it in bulk with the audit chain computed in time order.
 */
export class SeedHistory {
  readonly logins: Array<{ id: string; enterprise: string; user: string; at: Date }> = [];
  readonly hazards: SeedHazard[] = [];
  readonly inspections: Array<{
    id: string;
    enterprise: string;
    kind: InspectionKind;
    inspectedAt: Date;
    recordedAt: Date;
    recordedBy: string;
    note?: string;
  }> = [];
  readonly findings: Array<{
    id: string;
    inspection: string;
    position: number;
    enterprise: string;
    outcome: FindingOutcome;
    hazard: string;
    discrepancy: boolean;
    falseRectification: boolean;
    note?: string;
  }> = [];
  readonly enforcement: Array<{
    id: string;
    enterprise: string;
    kind: EnforcementKind;
    basis: string;
    amountFen?: number;
    suspensionDays?: number;
    note?: string;
    recordedAt: Date;
    recordedBy: string;
    forMajorHazard: boolean;
    hazardIds: string[];
  }> = [];
  readonly riskPoints: SeedRiskPoint[] = [];
  readonly levelChanges: Array<{
    id: string;
    riskPoint: string;
    at: Date;
    likelihood: number;
    severity: number;
    score: number;
    level: RiskLevel;
  }> = [];
  readonly measures: SeedMeasure[] = [];
  readonly checkTasks: SeedCheckTask[] = [];
  private readonly audit: AuditFacts[] = [];
  private readonly events: TimedEvent[] = [];

  constructor(
    private readonly org: Organisation,
    private readonly newId: () => string,
  ) {}

  private departmentOf(enterpriseId: string): string {
    return this.enterprise(enterpriseId).department;
  }

  enterprise(id: string): SeedEnterprise {
    return this.org.enterprises.find((e) => e.id === id)!;
  }

  login(enterprise: SeedEnterprise, at: Date): void {
    const user = this.org.accountOf.get(enterprise.id)!;
    this.logins.push({ id: this.newId(), enterprise: enterprise.id, user, at });
    if (!enterprise.lastLoginAt || enterprise.lastLoginAt < at) enterprise.lastLoginAt = at;
    this.audit.push({
      at,
      actorId: user,
      action: 'enterprise.login',
      subjectType: 'enterprise',
      subjectId: enterprise.id,
      data: { userId: user },
    });
    this.events.push({
      kind: EventKind.ENTERPRISE_LOGGED_IN,
      at,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department,
    });
  }

  file(hazard: SeedHazard): void {
    this.hazards.push(hazard);
    const enterprise = this.enterprise(hazard.enterprise);
    if (
      hazard.filedBy === this.org.accountOf.get(enterprise.id) &&
      (!enterprise.lastFilingAt || enterprise.lastFilingAt < hazard.filedAt)
    ) {
      enterprise.lastFilingAt = hazard.filedAt;
    }
    const {
      id: _id,
      status: _status,
      closedAt: _closedAt,
      submittedAt: _s,
      submittedLate: _l,
      filedBy: _f,
      ...facts
    } = hazard;
    this.audit.push({
      at: hazard.filedAt,
      actorId: hazard.filedBy ?? null,
      action: 'hazard.filed',
      subjectType: 'hazard',
      subjectId: hazard.id,
      data: facts as Record<string, unknown>,
    });
    this.events.push({
      kind: EventKind.HAZARD_FILED,
      at: hazard.filedAt,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department,
      hazardId: hazard.id,
      payload: { grade: hazard.grade, title: hazard.title, rectifiedOnSpot: hazard.rectifiedOnSpot },
    });
  }

  submit(hazard: SeedHazard, at: Date, note: string): void {
    hazard.status = HazardStatus.PENDING_VERIFICATION;
    hazard.submittedAt = at;
    hazard.submittedLate = !!hazard.deadline && at > hazard.deadline;
    this.record(
      hazard,
      at,
      this.org.accountOf.get(hazard.enterprise)!,
      'hazard.submitted',
      { note },
      EventKind.RECTIFICATION_SUBMITTED,
    );
  }

  reject(hazard: SeedHazard, at: Date, confirmer: string, reason: string): void {
    hazard.status = HazardStatus.RECTIFYING;
    this.record(hazard, at, confirmer, 'hazard.rejected', { reason }, EventKind.RECTIFICATION_REJECTED);
  }

  close(hazard: SeedHazard, at: Date, confirmer: string): void {
    hazard.status = HazardStatus.CLOSED;
    hazard.closedAt = at;
    this.record(hazard, at, confirmer, 'hazard.closed', { accepted: true }, EventKind.HAZARD_CLOSED);
  }

  deadlineMissed(hazard: SeedHazard): void {
    const enterprise = this.enterprise(hazard.enterprise);
    this.events.push({
      kind: EventKind.DEADLINE_MISSED,
      at: hazard.deadline!,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department,
      hazardId: hazard.id,
      payload: { grade: hazard.grade, title: hazard.title },
    });
  }

  /**
   * An inspection and its findings, as recordInspection records them. New hazards must already have been
   * filed with `file` (filedAt at the inspection); a NOT_RECTIFIED finding reopens its closed hazard.
   */
  inspect(
    enterprise: SeedEnterprise,
    at: Date,
    kind: InspectionKind,
    recordedBy: string,
    findings: Array<{ outcome: FindingOutcome; hazard: SeedHazard; deadline?: Date; note?: string }>,
  ): void {
    const id = this.newId();
    this.inspections.push({ id, enterprise: enterprise.id, kind, inspectedAt: at, recordedAt: at, recordedBy });
    const regulator = kind === InspectionKind.REGULATOR_INSPECTION;
    for (const [position, f] of findings.entries()) {
      this.findings.push({
        id: this.newId(),
        inspection: id,
        position,
        enterprise: enterprise.id,
        outcome: f.outcome,
        hazard: f.hazard.id,
        discrepancy: regulator && f.outcome === FindingOutcome.NEW_HAZARD,
        falseRectification: f.outcome === FindingOutcome.NOT_RECTIFIED,
        note: f.note,
      });
      if (f.outcome === FindingOutcome.NOT_RECTIFIED) {
        const reason = f.note ?? renderMessage(BUREAU_LOCALE, 'history.notRectifiedOnSite');
        Object.assign(f.hazard, {
          status: HazardStatus.RECTIFYING,
          deadline: f.deadline,
          closedAt: undefined,
          submittedAt: undefined,
          submittedLate: false,
          rectifiedOnSpot: false,
          rejectionReason: reason,
        });
        this.audit.push({
          at,
          actorId: recordedBy,
          action: 'hazard.reopened',
          subjectType: 'hazard',
          subjectId: f.hazard.id,
          data: { inspectionId: id, reason, deadline: f.deadline, from: HazardStatus.CLOSED },
        });
        this.events.push({
          kind: EventKind.RECTIFICATION_REJECTED,
          at,
          enterpriseId: enterprise.id,
          departmentId: enterprise.department,
          hazardId: f.hazard.id,
          payload: { grade: f.hazard.grade, title: f.hazard.title, reopened: true, reason },
        });
      }
    }
    this.audit.push({
      at,
      actorId: recordedBy,
      action: 'inspection.recorded',
      subjectType: 'inspection',
      subjectId: id,
      data: {
        enterpriseId: enterprise.id,
        kind,
        inspectedAt: at,
        note: null,
        findings: findings.map((f) => ({ outcome: f.outcome, hazardId: f.hazard.id })),
      },
    });
  }

  enforce(
    enterprise: SeedEnterprise,
    at: Date,
    recordedBy: string,
    action: {
      kind: EnforcementKind;
      basis: string;
      amountFen?: number;
      suspensionDays?: number;
      note?: string;
      hazards?: SeedHazard[];
    },
  ): void {
    const id = this.newId();
    const hazards = action.hazards ?? [];
    const forMajorHazard = hazards.some((h) => h.grade === HazardGrade.MAJOR);
    const hazardIds = hazards.map((h) => h.id);
    this.enforcement.push({
      id,
      enterprise: enterprise.id,
      kind: action.kind,
      basis: action.basis,
      amountFen: action.amountFen,
      suspensionDays: action.suspensionDays,
      note: action.note,
      recordedAt: at,
      recordedBy,
      forMajorHazard,
      hazardIds,
    });
    this.audit.push({
      at,
      actorId: recordedBy,
      action: 'enforcement.recorded',
      subjectType: 'enforcement',
      subjectId: id,
      data: {
        enterpriseId: enterprise.id,
        kind: action.kind,
        basis: action.basis,
        amountFen: action.amountFen ?? null,
        suspensionDays: action.suspensionDays ?? null,
        hazardIds,
        note: action.note ?? null,
        forMajorHazard,
      },
    });
    this.events.push({
      kind: EventKind.ENFORCEMENT_RECORDED,
      at,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department,
      hazardId: hazards[0]?.id,
      payload: {
        kind: action.kind,
        enforcementId: id,
        hazardIds,
        ...(hazards[0] ? { grade: hazards[0].grade, title: hazards[0].title } : {}),
      },
    });
  }

  /** A risk point entered and first assessed by the enterprise, as saveRiskPoint records it (R14). */
  enterRiskPoint(
    enterprise: SeedEnterprise,
    point: SeedRiskPoint,
    levels: { enterprise: RiskLevel; previous: RiskLevel | null },
  ): void {
    const {
      id,
      createdAt: at,
      enterprise: enterpriseId,
      name,
      kind,
      location,
      likelihood,
      severity,
      score,
      level,
    } = point;
    this.riskPoints.push(point);
    this.levelChanges.push({ id: this.newId(), riskPoint: id, at, likelihood, severity, score, level });
    this.audit.push({
      at,
      actorId: this.org.accountOf.get(enterprise.id)!,
      action: 'risk_point.entered',
      subjectType: 'risk_point',
      subjectId: id,
      data: {
        enterpriseId,
        name,
        kind,
        location,
        likelihood,
        severity,
        score,
        level,
        responsiblePerson: point.responsiblePerson,
      },
    });
    this.events.push({
      kind: EventKind.RISK_CHANGED,
      at,
      enterpriseId,
      departmentId: enterprise.department,
      payload: {
        riskPointId: id,
        name,
        score,
        level,
        previousLevel: null,
        enterpriseLevel: levels.enterprise,
        previousEnterpriseLevel: levels.previous,
      },
    });
  }

  /** A control measure added to a risk point, as saveControlMeasure records it; its tasks follow with `checkTask`. */
  addMeasure(enterprise: SeedEnterprise, measure: SeedMeasure): void {
    this.measures.push(measure);
    const at = measure.createdAt;
    const { riskPoint: riskPointId, description, category, checkEvery, checkRole } = measure;
    this.audit.push({
      at,
      actorId: this.org.accountOf.get(enterprise.id)!,
      action: 'control_measure.added',
      subjectType: 'control_measure',
      subjectId: measure.id,
      data: { riskPointId, description, category, checkEvery, checkRole },
    });
    this.events.push({
      kind: EventKind.RISK_CHANGED,
      at,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department,
      payload: {
        riskPointId,
        measureId: measure.id,
        checkEvery,
        nextDueAt: new Date(at.getTime() + measure.checkEverySeconds * 1000).toISOString(),
      },
    });
  }

  /**
   * One cycle's task of a measure. DONE records the check as recordCheck does (NORMAL, and the
   * self-inspection it counts as unless `asInspection` is false); MISSED is what the check watcher
   * records when the cycle ends unrecorded.
   */
  checkTask(enterprise: SeedEnterprise, measure: SeedMeasure, task: SeedCheckTask, asInspection = true): void {
    this.checkTasks.push(task);
    const facts = {
      taskId: task.id,
      measureId: measure.id,
      riskPointId: measure.riskPoint,
      description: measure.description,
    };
    if (task.status === CheckTaskStatus.MISSED) {
      this.events.push({
        kind: EventKind.CHECK_MISSED,
        at: task.dueAt,
        enterpriseId: enterprise.id,
        departmentId: enterprise.department,
        payload: { ...facts, dueAt: task.dueAt.toISOString() },
      });
      return;
    }
    if (task.status !== CheckTaskStatus.DONE) return;
    const at = task.doneAt!;
    const user = this.org.accountOf.get(enterprise.id)!;
    task.result = CheckResult.NORMAL;
    task.recordedBy = user;
    let inspectionId: string | null = null;
    if (asInspection) {
      inspectionId = this.newId();
      this.inspections.push({
        id: inspectionId,
        enterprise: enterprise.id,
        kind: InspectionKind.SELF_INSPECTION,
        inspectedAt: at,
        recordedAt: at,
        recordedBy: user,
        note: `排查任务：${measure.description}`,
      });
    }
    this.audit.push({
      at,
      actorId: user,
      action: 'check.recorded',
      subjectType: 'check_task',
      subjectId: task.id,
      data: { controlMeasureId: measure.id, result: CheckResult.NORMAL, note: null, hazardId: null, inspectionId },
    });
    this.events.push({
      kind: EventKind.CHECK_RECORDED,
      at,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department,
      payload: { ...facts, result: CheckResult.NORMAL },
    });
  }

  /** Who confirms a rectification of this grade in this enterprise's department (R5). */
  confirmer(hazard: SeedHazard): string {
    const staff = this.org.staffOf.get(this.departmentOf(hazard.enterprise))!;
    if (hazard.grade === HazardGrade.MAJOR) return this.org.director;
    return hazard.grade === HazardGrade.SECOND ? staff.leader : staff.chief;
  }

  private record(
    hazard: SeedHazard,
    at: Date,
    actor: string,
    action: string,
    data: Record<string, unknown>,
    kind: EventKind,
  ): void {
    const enterprise = this.enterprise(hazard.enterprise);
    this.audit.push({ at, actorId: actor, action, subjectType: 'hazard', subjectId: hazard.id, data });
    this.events.push({
      kind,
      at,
      enterpriseId: enterprise.id,
      departmentId: enterprise.department,
      hazardId: hazard.id,
      payload: { grade: hazard.grade, title: hazard.title },
    });
  }

  /** Writes the organisation and this history in one transaction. */
  async write(em: EntityManager): Promise<void> {
    const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();
    await em.transactional(async (tx) => {
      const org = this.org;
      await bulkInsert(tx, Township, org.townships);
      const staff = org.users.filter((u) => !u.enterprise);
      await bulkInsert(
        tx,
        User,
        staff.map(({ department: _d, ...u }) => u),
      );
      await bulkInsert(tx, Department, org.departments);
      for (const u of staff.filter((u) => u.department)) {
        await tx.nativeUpdate(User, { id: u.id }, { department: u.department });
      }
      await bulkInsert(tx, Enterprise, org.enterprises);
      await bulkInsert(
        tx,
        User,
        org.users.filter((u) => u.enterprise),
      );
      await bulkInsert(tx, LoginEvent, this.logins);
      await bulkInsert(tx, Hazard, this.hazards);
      await bulkInsert(tx, Inspection, this.inspections);
      await bulkInsert(tx, RiskPoint, this.riskPoints);
      await bulkInsert(tx, RiskLevelChange, this.levelChanges);
      await bulkInsert(tx, ControlMeasure, this.measures);
      await bulkInsert(tx, CheckTask, this.checkTasks);
      await bulkInsert(tx, InspectionFinding, this.findings);
      await bulkInsert(
        tx,
        EnforcementAction,
        this.enforcement.map(({ hazardIds: _h, ...row }) => row),
      );
      for (const action of this.enforcement) {
        for (const hazardId of action.hazardIds) {
          await tx
            .getConnection()
            .execute(
              'insert into enforcement_action_hazard (enforcement_action_id, hazard_id) values (?, ?)',
              [action.id, hazardId],
              'run',
              tx.getTransactionContext(),
            );
        }
      }
      const chained = chainEntries(await lastAuditLink(tx), [...this.audit].sort(byTime));
      await bulkInsert(tx, AuditEntry, chained);
      const events = [...this.events]
        .sort(byTime)
        .map((e, i) => ({ ...e, seq: i + 1, payload: e.payload ? JSON.stringify(e.payload) : undefined }));
      await bulkInsert(tx, EventRecord, events);
    });
  }
}
