import type { EntityManager } from '@mikro-orm/knex';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { chainEntries, lastAuditLink, type AuditFacts } from '../modules/audit/audit.service.js';
import { User } from '../modules/auth/user.entity.js';
import { Department } from '../modules/department/department.entity.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';
import { LoginEvent } from '../modules/enterprise/login-event.entity.js';
import { EventKind } from '../modules/event/event-kind.js';
import { EventRecord } from '../modules/event/event-record.entity.js';
import { Hazard } from '../modules/hazard/hazard.entity.js';
import { HazardGrade, HazardSource, HazardStatus } from '../modules/hazard/hazard.enums.js';
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
  private readonly audit: AuditFacts[] = [];
  private readonly events: TimedEvent[] = [];

  constructor(private readonly org: Organisation, private readonly newId: () => string) {}

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
    this.audit.push({ at, actorId: user, action: 'enterprise.login', subjectType: 'enterprise', subjectId: enterprise.id, data: { userId: user } });
    this.events.push({ kind: EventKind.ENTERPRISE_LOGGED_IN, at, enterpriseId: enterprise.id, departmentId: enterprise.department });
  }

  file(hazard: SeedHazard): void {
    this.hazards.push(hazard);
    const enterprise = this.enterprise(hazard.enterprise);
    if (hazard.filedBy === this.org.accountOf.get(enterprise.id) && (!enterprise.lastFilingAt || enterprise.lastFilingAt < hazard.filedAt)) {
      enterprise.lastFilingAt = hazard.filedAt;
    }
    const { id: _id, status: _status, closedAt: _closedAt, submittedAt: _s, submittedLate: _l, filedBy: _f, ...facts } = hazard;
    this.audit.push({ at: hazard.filedAt, actorId: hazard.filedBy ?? null, action: 'hazard.filed', subjectType: 'hazard', subjectId: hazard.id, data: facts as Record<string, unknown> });
    this.events.push({
      kind: EventKind.HAZARD_FILED, at: hazard.filedAt, enterpriseId: enterprise.id, departmentId: enterprise.department, hazardId: hazard.id,
      payload: { grade: hazard.grade, title: hazard.title, rectifiedOnSpot: hazard.rectifiedOnSpot },
    });
  }

  submit(hazard: SeedHazard, at: Date, note: string): void {
    hazard.status = HazardStatus.PENDING_VERIFICATION;
    hazard.submittedAt = at;
    hazard.submittedLate = !!hazard.deadline && at > hazard.deadline;
    this.record(hazard, at, this.org.accountOf.get(hazard.enterprise)!, 'hazard.submitted', { note }, EventKind.RECTIFICATION_SUBMITTED);
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
    this.events.push({ kind: EventKind.DEADLINE_MISSED, at: hazard.deadline!, enterpriseId: enterprise.id, departmentId: enterprise.department, hazardId: hazard.id, payload: { grade: hazard.grade, title: hazard.title } });
  }

  /** Who confirms a rectification of this grade in this enterprise's department (R5). */
  confirmer(hazard: SeedHazard): string {
    const staff = this.org.staffOf.get(this.departmentOf(hazard.enterprise))!;
    if (hazard.grade === HazardGrade.MAJOR) return this.org.director;
    return hazard.grade === HazardGrade.SECOND ? staff.leader : staff.chief;
  }

  private record(hazard: SeedHazard, at: Date, actor: string, action: string, data: Record<string, unknown>, kind: EventKind): void {
    const enterprise = this.enterprise(hazard.enterprise);
    this.audit.push({ at, actorId: actor, action, subjectType: 'hazard', subjectId: hazard.id, data });
    this.events.push({ kind, at, enterpriseId: enterprise.id, departmentId: enterprise.department, hazardId: hazard.id, payload: { grade: hazard.grade, title: hazard.title } });
  }

  /** Writes the organisation and this history in one transaction. */
  async write(em: EntityManager): Promise<void> {
    const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();
    await em.transactional(async (tx) => {
      const org = this.org;
      await bulkInsert(tx, Township, org.townships);
      const staff = org.users.filter((u) => !u.enterprise);
      await bulkInsert(tx, User, staff.map(({ department: _d, ...u }) => u));
      await bulkInsert(tx, Department, org.departments);
      for (const u of staff.filter((u) => u.department)) {
        await tx.nativeUpdate(User, { id: u.id }, { department: u.department });
      }
      await bulkInsert(tx, Enterprise, org.enterprises);
      await bulkInsert(tx, User, org.users.filter((u) => u.enterprise));
      await bulkInsert(tx, LoginEvent, this.logins);
      await bulkInsert(tx, Hazard, this.hazards);
      const chained = chainEntries(await lastAuditLink(tx), [...this.audit].sort(byTime));
      await bulkInsert(tx, AuditEntry, chained);
      const events = [...this.events].sort(byTime).map((e, i) => ({ ...e, seq: i + 1, payload: e.payload ? JSON.stringify(e.payload) : undefined }));
      await bulkInsert(tx, EventRecord, events);
    });
  }
}
